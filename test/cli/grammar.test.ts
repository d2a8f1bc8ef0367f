/** One grammar for every command: the same flags, help and version, typo hints, report pairs. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CommandIo } from '../../src/cli/commands/io';
import { catalog } from '../../src/engine/catalog';

const PACKAGE_VERSION = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version;
const DEMO = join(__dirname, '../../fixtures/demo');
const ESC = '\u001b[';

async function cli(argv: string[], options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd: options.cwd ?? DEMO,
    env: options.env ?? {},
    stdoutIsTTY: options.tty,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const COMMANDS = ['scan', 'drift', 'verify', 'rules'];

describe('every command', () => {
  it.each(COMMANDS)('%s --version prints the version and exits 0', async (command) => {
    for (const flag of ['--version', '-v']) {
      expect(await cli([command, flag])).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
    }
  });

  it.each(COMMANDS)('%s --help lists the shared flags', async (command) => {
    const r = await cli([command, '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['-f, --format <name>', '-o, --output <file>', '--verbose', '--[no-]color', '-h, --help', '-v, --version']) {
      expect(r.stdout, flag).toContain(flag);
    }
  });

  it.each(['scan', 'drift'])('%s takes the same scan flags', async (command) => {
    const r = await cli([command, '--help']);
    for (const flag of ['--fail-on <level>', '-c, --config <file>', '--root <dir>', '-q, --quiet']) expect(r.stdout, flag).toContain(flag);
  });

  it.each(COMMANDS)('%s suggests the flag a typo meant', async (command) => {
    const r = await cli([command, '--fromat', 'json']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`redis-auth ${command}: unknown option '--fromat'; did you mean '--format'?\n`);
  });

  it.each(COMMANDS)('%s: two formats with no file to tell them apart is a usage error', async (command) => {
    const r = await cli([command, '-f', 'json', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^redis-auth ${command}: json and json would both go to stdout; give each --format but one its --output FILE`));
  });

  it('suggests the command a typo meant', async () => {
    expect((await cli(['sacn'])).stderr).toBe("redis-auth: unknown command 'sacn'; did you mean 'scan'? Run 'redis-auth --help'.\n");
    expect((await cli(['rule'])).stderr).toContain("did you mean 'rules'?");
    expect((await cli(['frobnicate'])).stderr).toBe("redis-auth: unknown command 'frobnicate'. Run 'redis-auth --help'.\n");
  });

  it('the human format is stylish everywhere; table and human stay as aliases', async () => {
    for (const argv of [['scan', '-f', 'table'], ['scan', '-f', 'human'], ['drift', '--format', 'table'], ['drift', '-f', 'human'], ['rules', '-f', 'table']]) {
      expect((await cli(argv)).code, argv.join(' ')).not.toBe(2);
    }
    expect((await cli(['scan', '-f', 'stylsh'])).stderr).toBe(
      "redis-auth scan: unknown format 'stylsh' (use stylish, json, sarif, github, gitlab); did you mean 'stylish'?\n",
    );
  });

  it('a string option given twice with different values is an error, not the last one silently', async () => {
    const r = await cli(['scan', '--fail-on', 'error', '--fail-on', 'warning']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("redis-auth scan: --fail-on given twice ('error' and 'warning')\n");
  });

  it('names the config file as the user typed it', async () => {
    const r = await cli(['scan', '--config', '/nonexistent.json']);
    expect(r.stderr).toBe('redis-auth scan: /nonexistent.json: config file not found\n');
    const d = await cli(['drift', '-c', '../nope.json']);
    expect(d.stderr).toBe('redis-auth drift: ../nope.json: config file not found\n');
  });
});

describe('reports to files', () => {
  it('writes every --format F --output FILE pair in one run and says so in one line on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-pairs-'));
    const r = await cli(['scan', '-f', 'sarif', '-o', join(dir, 'a.sarif'), '--format', 'json', '--output', join(dir, 'sub/a.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'a.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(JSON.parse(readFileSync(join(dir, 'sub/a.json'), 'utf8')).summary.findings).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^redis-auth scan: ✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ notes?\); wrote \S+a\.sarif, \S+a\.json\n$/);
  });

  it('one report may still go to stdout beside the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-pairs-'));
    const r = await cli(['scan', '-f', 'json', '-f', 'sarif', '-o', join(dir, 'x.sarif')]);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
    expect(r.stderr).toContain('; wrote ');
  });

  it('an --output after a format that already has one is a usage error', async () => {
    const r = await cli(['scan', '-f', 'json', '-o', 'a.json', '-o', 'b.json', '-f', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output b.json has no --format of its own');
  });

  it.each([
    ['scan', /^redis-auth scan: ✖ \d+ problems .*; wrote out\.txt\n$/],
    ['drift', /^redis-auth drift: 1 of 1 Redis drift, 1 problem .*; wrote out\.txt\n$/],
    ['rules', /^redis-auth rules: \d+ rules; wrote out\.txt\n$/],
  ])('%s -o FILE prints the same kind of summary line', async (command, line) => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-out-'));
    // Run from a copy of the demo so the written file lands in a temporary folder.
    const r = await cli([command, '-o', 'out.txt', ...(command === 'rules' ? [] : ['--root', DEMO])], { cwd: dir });
    expect(r.stderr).toMatch(line);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8').length).toBeGreaterThan(0);
  });
});

describe('colour', () => {
  const colored = async (env: Record<string, string>, tty: boolean, ...flags: string[]) => (await cli(['scan', ...flags], { env, tty })).stdout.includes(ESC);

  it('follows the terminal, NO_COLOR, FORCE_COLOR and --color/--no-color, in that order of weight', async () => {
    expect(await colored({}, false)).toBe(false);
    expect(await colored({}, true)).toBe(true);
    expect(await colored({ TERM: 'dumb' }, true)).toBe(false);
    expect(await colored({ NO_COLOR: '1' }, true)).toBe(false);
    expect(await colored({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(await colored({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(await colored({ NO_COLOR: '1', FORCE_COLOR: '1' }, false)).toBe(false);
    expect(await colored({ NO_COLOR: '1' }, false, '--color')).toBe(true);
    expect(await colored({ FORCE_COLOR: '1' }, true, '--no-color')).toBe(false);
  });

  it('never colours a file or a machine format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-color-'));
    await cli(['scan', '-o', join(dir, 'r.txt')], { env: { FORCE_COLOR: '1' }, tty: true });
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).not.toContain(ESC);
    expect((await cli(['scan', '-f', 'json'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
  });
});

describe('stylish', () => {
  it('a short first line per finding (position, severity, message, check id) and the rest indented below', async () => {
    const r = await cli(['scan']);
    const lines = r.stdout.split('\n');
    const first = lines.filter((l) => /^ {2}\d+:\d+ +(error|warning|note) /.test(l));
    expect(first.length).toBeGreaterThan(5);
    for (const line of first) {
      const [, message, id] = /^ {2}\d+:\d+ +(?:error|warning|note) {2}(.*?) {2,}([a-z0-9-]+)$/.exec(line) ?? [];
      expect(id, line).toBeDefined();
      expect(message.length, line).toBeLessThanOrEqual(112);
    }
    // The fix is on the next line, indented under the message.
    const weak = lines.findIndex((l) => l.includes('conf-weak-password'));
    expect(lines[weak]).toMatch(/well-known default or dictionary password\. +conf-weak-password$/);
    expect(lines[weak + 1]).toMatch(/^ {10,}Use a long random password/);
  });

  it('--verbose says which files were claimed and which were skipped, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-verbose-'));
    writeFileSync(join(dir, 'redis.conf'), 'requirepass foobared\n');
    writeFileSync(join(dir, 'notes.yaml'), 'title: nothing about redis\n');
    writeFileSync(join(dir, 'blob.conf'), Buffer.from([0, 1, 2, 3, 0, 0]));
    const r = await cli(['scan', '--verbose'], { cwd: dir });
    expect(r.stderr).toContain('3 candidate file(s) by name, 1 claimed by a scanner');
    expect(r.stderr).toMatch(/claimed +redis-conf +redis\.conf/);
    expect(r.stderr).toMatch(/skipped +notes\.yaml: not Redis/);
    expect(r.stderr).toMatch(/skipped +blob\.conf: .*binary/);
    expect((await cli(['scan'], { cwd: dir })).stderr).toBe('');
  });
});

describe('drift shares the scan flags', () => {
  it('--root, --quiet and --verbose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-drift-flags-'));
    const all = await cli(['drift', '--root', DEMO, '-f', 'json'], { cwd: dir });
    const findings = JSON.parse(all.stdout).findings as { severity: string }[];
    expect(findings.some((f) => f.severity === 'warning')).toBe(true);
    const quiet = await cli(['drift', '--root', DEMO, '-f', 'json', '--quiet'], { cwd: dir });
    expect((JSON.parse(quiet.stdout).findings as { severity: string }[]).every((f) => f.severity === 'error')).toBe(true);
    // The exit code still follows --fail-on, as in scan.
    expect(quiet.code).toBe(all.code);
    const verbose = await cli(['drift', '--verbose'], { cwd: DEMO });
    expect(verbose.stderr).toMatch(/^scan root \.: \d+ candidate file\(s\) by name/);
    expect(verbose.stderr).toMatch(/claimed +helm +deploy\/chart\/values-dev\.yaml/);
  });
});

describe('redis-auth rules', () => {
  it('lists every ESLint rule and scanner check with category, default severity and docs link', async () => {
    const r = await cli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const { rules } = JSON.parse(r.stdout) as { rules: { id: string; kind: string; category: string; defaultSeverity: string; docs: string }[] };
    const ids = rules.map((x) => x.id);
    for (const id of ['redis-auth/require-auth', 'redis-auth/no-hardcoded-credentials', 'redis-auth/no-weak-password', 'redis-auth/require-tls']) expect(ids).toContain(id);
    for (const check of catalog()) expect(ids).toContain(check.id);
    for (const rule of rules) {
      expect(rule.docs).toMatch(/^https:\/\/github\.com\/redis-auth\/eslint-plugin-redis-auth\/blob\/main\/docs\/(rules|checks)\/[a-z0-9-]+\.md$/);
      expect(rule.category).not.toBe('');
    }
    expect(rules.find((x) => x.id === 'redis-auth/require-tls')!.defaultSeverity).toBe('off (strict: error)');
    const table = await cli(['rules']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +KIND +CATEGORY +DEFAULT +DOCS$/);
  });
});
