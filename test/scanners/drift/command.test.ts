import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/drift';
import type { CommandIo } from '../../../src/cli/commands/io';
import type { DriftMatrix } from '../../../src/drift';
import type { Finding } from '../../../src/core/finding';
import { dumpDom, matrixOf, textOf } from './chromium';

const textOfRowHeader = (html: string) => textOf(/<th scope="row">([\s\S]*?)<\/th>/.exec(html)?.[1] ?? '');

const FIXTURES = join(__dirname, '../../../fixtures/drift');

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const fake: CommandIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, env: {} };
  return { fake, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function drift(cwd: string, ...args: string[]) {
  const t = io(cwd);
  const code = await run(args, t.fake);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

describe('redis-auth drift: usage', () => {
  it('prints help and exits 0', async () => {
    const r = await drift(FIXTURES, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: redis-auth drift [options] [paths...]');
    expect(r.stdout).toContain('--fail-on');
  });

  it.each([
    [['--format', 'xml'], "unknown format 'xml' (use stylish, json, html)"],
    [['--fromat', 'json'], "unknown option '--fromat'; did you mean '--format'?"],
    [['-f', 'json', '-f', 'html'], 'json and html would both go to stdout; give each --format but one its --output FILE (e.g. -f json -o report.json -f sarif -o report.sarif)'],
    [['--fail-on', 'fatal'], "unknown --fail-on level 'fatal' (use error, warning, note, none)"],
    [['--bogus'], "unknown option '--bogus'"],
    [['--output'], '--output needs a value'],
    [['no/such/dir'], 'path not found: no/such/dir'],
  ])('%j is a usage error (exit 2, one line, no stack)', async (args, text) => {
    const r = await drift(FIXTURES, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`redis-auth drift: ${text}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an output file that cannot be written is exit 2 with one line', async () => {
    // Under a regular file: no folder can be created there, whoever runs the test.
    const file = join(mkdtempSync(join(tmpdir(), 'redis-auth-out-')), 'file');
    writeFileSync(file, '');
    const r = await drift(join(FIXTURES, 'helm-clean'), '-o', `${file}/report.txt`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^redis-auth drift: cannot write ${file}/report\\.txt: E[A-Z]+\\n$`));
  });

  it('a broken config at the root is a diagnostic, and the defaults apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-badcfg-'));
    writeFileSync(join(dir, 'redis-auth.config.json'), '{ "rules": ');
    writeFileSync(join(dir, 'values.yaml'), 'redis:\n  auth:\n    enabled: true\n');
    writeFileSync(join(dir, 'values-dev.yaml'), 'redis:\n  auth:\n    enabled: false\n');
    writeFileSync(join(dir, 'values-prod.yaml'), 'redis:\n  architecture: replication\n');
    const r = await drift(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^redis-auth\.config\.json: invalid JSON.*; using defaults\n$/);
    expect(r.stdout).toMatch(/^values-dev\.yaml\n {2}3:/m);
  });

  it('a config file that does not exist is a usage error naming it', async () => {
    const r = await drift(join(FIXTURES, 'helm-clean'), '--config', 'missing.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('redis-auth drift: missing.json: config file not found\n');
  });
});

describe('redis-auth drift: table', () => {
  it('prints the matrix and the findings; warnings fail by default', async () => {
    const r = await drift(join(FIXTURES, 'helm-values-suffix'));
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Redis \/ setting\s+dev\s+staging\s+prod \(reference\)$/);
    expect(lines.find((l) => l.trim().startsWith('authentication'))).toMatch(/none \*\s+password\s+password$/);
    expect(lines.find((l) => l.trim().startsWith('exposure'))).toMatch(/internal\s+public \*\s+internal$/);
    expect(r.stdout).toMatch(/^deploy\/shop\/values-dev\.yaml\n {2}6:5 {2}warning {2}\S/m);
    expect(r.stdout).toContain('✖ 3 problems (0 errors, 3 warnings, 0 notes)\n1 of 1 Redis drift\n');
    expect(r.stderr).toBe('');
  });

  it('--fail-on error passes warnings and fails on production drift', async () => {
    expect((await drift(join(FIXTURES, 'helm-values-suffix'), '--fail-on', 'error')).code).toBe(0);
    expect((await drift(join(FIXTURES, 'helm-environments-dir'), '--fail-on=error')).code).toBe(1);
    expect((await drift(join(FIXTURES, 'helm-environments-dir'), '--fail-on', 'none')).code).toBe(0);
  });

  it('exits 0 when all environments match', async () => {
    const r = await drift(join(FIXTURES, 'helm-clean'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ No drift findings.\n0 of 1 Redis drift');
  });

  it('takes a directory outside the working directory as the root', async () => {
    // A fresh folder: tmpdir() itself may hold this checkout (CI clones anywhere).
    const r = await drift(mkdtempSync(join(tmpdir(), 'redis-auth-cwd-')), join(FIXTURES, 'compose-override'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^compose\.override\.yaml\n {2}5:/m);
  });

  it('uses the config given with --config (environment names)', async () => {
    const dir = join(FIXTURES, 'helm-custom-environments');
    const cfg = join(mkdtempSync(join(tmpdir(), 'redis-auth-cfg-')), 'cfg.json');
    // Without `eu`, values-eu.yaml is a base file of its own: not compared.
    writeFileSync(cfg, JSON.stringify({ environments: { acc: 'staging' } }));
    const r = await drift(dir, '--config', cfg, '--format', 'json');
    const data = JSON.parse(r.stdout) as DriftMatrix;
    expect(data.environments).toEqual(['dev', 'staging', 'prod']);
  });
});

describe('redis-auth drift: rule settings', () => {
  it('a check turned off in the config neither reports nor marks', async () => {
    const cfg = join(mkdtempSync(join(tmpdir(), 'redis-auth-cfg-')), 'cfg.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'drift-weaker-than-production': 'off' } }));
    const r = await drift(join(FIXTURES, 'helm-values-suffix'), '--config', cfg, '--format', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as DriftMatrix & { findings: Finding[] };
    expect(data.findings).toEqual([]);
    expect(Object.values(data.rows[0].cells).every((c) => c!.weaker.length === 0)).toBe(true);
  });

  it('a severity override applies to the marks and to --fail-on', async () => {
    const cfg = join(mkdtempSync(join(tmpdir(), 'redis-auth-cfg-')), 'cfg.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'drift-weaker-than-production': 'error' } }));
    const r = await drift(join(FIXTURES, 'helm-values-suffix'), '--config', cfg, '--format', 'json', '--fail-on', 'error');
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout) as DriftMatrix;
    expect(data.rows[0].cells.dev!.weaker.map((w) => w.severity)).toEqual(['error', 'error']);
  });
});

describe('redis-auth drift: json', () => {
  it('gives the matrix, the drift findings and the diagnostics', async () => {
    const r = await drift(join(FIXTURES, 'helm-custom-environments'), '--format', 'json');
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout) as DriftMatrix & { findings: Finding[]; diagnostics: unknown[] };
    expect(Object.keys(data)).toEqual(['version', 'environments', 'production', 'rows', 'baseOnly', 'connections', 'findings', 'diagnostics']);
    expect(data.version).toBe(1);
    expect(data.environments).toEqual(['dev', 'staging', 'prod', 'prod (values-eu.yaml)']);
    expect(data.production).toEqual(['prod', 'prod (values-eu.yaml)']);
    const row = data.rows[0];
    expect(row).toMatchObject({ subject: 'helm:chart#redis', kind: 'server', baseFiles: ['chart/values.yaml'] });
    expect(row.cells['prod (values-eu.yaml)']).toMatchObject({
      grade: 'open',
      files: ['chart/values-eu.yaml'],
      settings: { auth: { value: 'none', tone: 'bad', at: { file: 'chart/values-eu.yaml', line: 6, column: 5 }, weakerThan: 'prod' } },
      weaker: [{ dimension: 'auth', than: 'prod', ruleId: 'drift-production-weaker', severity: 'error' }],
    });
    expect(data.findings.every((f) => f.category === 'drift')).toBe(true);
    expect(data.findings.map((f) => f.ruleId)).toEqual(['drift-weaker-than-production', 'drift-production-weaker']);
  });
});

describe('redis-auth drift: html', () => {
  it('writes one self-contained page that Chromium renders with the matrix', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'redis-auth-drift-')), 'report.html');
    const r = await drift(join(FIXTURES, 'helm-values-suffix'), '--format', 'html', '--output', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|<link|\ssrc=|url\(/i);
    // The header names what was scanned, when and with which version.
    expect(html).toMatch(/<dt>Repository<\/dt><dd>[^<]+<\/dd>/);
    expect(html).toMatch(/<dt>Generated<\/dt><dd><time datetime="\d{4}-\d\d-\d\dT[^"]+">/);
    expect(html).toMatch(/<dt>redis-auth<\/dt><dd>\d+\.\d+\.\d+<\/dd>/);
    expect(r.stderr).toMatch(/^redis-auth drift: 1 of 1 Redis drift, .*; wrote .*report\.html\n$/);

    const { headers, rows } = matrixOf(dumpDom(out));
    expect(headers).toEqual(['Redis', 'dev', 'staging', 'prod reference']);
    const cells = rows.get('redis (Helm chart deploy/shop, values key redis) helm:deploy/shop#redis')!;
    expect(cells.map((c) => [c.environment, c.grade, c.weaker])).toEqual([
      ['dev', 'open', true],
      ['staging', 'weak', true],
      ['prod', 'strong', false],
    ]);
    expect(cells[0].text).toContain('authentication none ▼ weaker than prod');
    expect(cells[1].text).toContain('exposure public ▼ weaker than prod');
    expect(cells[2].text).toContain('secret source secret-ref');
    expect(textOfRowHeader(readFileSync(out, 'utf8'))).toContain('base: deploy/shop/values.yaml');
  }, 90_000); // Chromium's cold start is slow on small CI machines.
});

