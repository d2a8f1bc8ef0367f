import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import type { Finding } from '../../src/core/finding';
import { maskSecret } from '../../src/core/secrets';
import { emptyResult, type Scanner } from '../../src/engine/kit/contract';
import { MAX_FILE_BYTES } from '../../src/engine/kit/context';
import { CONFIG_FILE_GLOBS, configFilesConfig } from '../../rules/config-files';
import { eslintFileGlobs } from '../../src/engine/kit/file-names';
import { SCANNERS } from '../../src/engine/registry';
import { parseForESLint } from '../../rules/config-files/parser';
import { createConfigFilesRule } from '../../rules/config-files/rule';
import { locate, scanFile, scannerFor } from '../../rules/config-files/scan-file';

/**
 * Stand-in scanners with known, exact positions, so these tests pin the ESLint plumbing (parser,
 * positions, filtering, suppression, config) independently of the real checks.
 */
const fakeConf: Scanner = {
  kind: 'redis-conf',
  checks: [],
  fileNames: ['*.conf'],
  detect: (_path, text) => /^\s*(requirepass|port|bind)\b/m.test(text),
  scan(files) {
    const result = emptyResult();
    for (const file of files) {
      file.text.split('\n').forEach((line, i) => {
        const m = /^(\s*requirepass\s+)(\S+)/.exec(line);
        if (!m) return;
        const column = m[1].length + 1;
        result.findings.push({
          ruleId: 'conf-hardcoded-password',
          category: 'hardcoded-secret',
          severity: 'error',
          file: file.path,
          line: i + 1,
          column,
          endLine: i + 1,
          endColumn: column + m[2].length,
          message: `requirepass holds a committed password (${maskSecret(m[2])}); read it from a secret.`,
        });
      });
    }
    return result;
  },
};

const fakeCompose: Scanner = {
  kind: 'compose',
  checks: [],
  fileNames: ['*.yml', '*.yaml'],
  detect: (_path, text) => /^services:/m.test(text) && /image:\s*redis/.test(text),
  scan(files) {
    const result = emptyResult();
    for (const file of files) {
      file.text.split('\n').forEach((line, i) => {
        const at = line.indexOf('image: redis');
        if (at < 0) return;
        const base: Omit<Finding, 'file' | 'line' | 'column'> = {
          ruleId: 'compose-no-auth',
          category: 'missing-auth',
          severity: 'warning',
          message: 'Redis service runs without a password; add --requirepass from a secret.',
        };
        result.findings.push({ ...base, file: file.path, line: i + 1, column: at + 1 });
        // Findings in other files (a mounted redis.conf) belong to that file's own lint.
        result.findings.push({ ...base, file: 'conf/redis.conf', line: 1, column: 1 });
      });
    }
    return result;
  },
};

const scanners = [fakeConf, fakeCompose];
const plugin = {
  meta: { name: 'eslint-plugin-redis-auth' },
  rules: { 'config-files': createConfigFilesRule(scanners, scanFile) },
} as unknown as ESLint.Plugin;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-eslint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const COMPOSE = 'services:\n  web:\n    image: nginx\n  cache:\n    image: redis:7\n';

describe('configs.configFiles files', () => {
  // The globs are written out so that loading the plugin does not load the scanners; this keeps
  // them equal to the names the scanners declare.
  it('are exactly the file names the scanners declare', () => {
    expect([...CONFIG_FILE_GLOBS].sort()).toEqual(eslintFileGlobs(SCANNERS.flatMap((s) => s.fileNames)).sort());
  });
});

describe('the config-file parser', () => {
  it('accepts any text with a Program spanning it', () => {
    for (const text of ['', 'a: [', 'x\r\ny\u2028z', '\u0000binary', 'requirepass "unbalanced']) {
      const { ast, visitorKeys } = parseForESLint(text);
      expect(ast.range).toEqual([0, text.length]);
      expect(ast.body).toEqual([]);
      expect(visitorKeys.Program).toEqual([]);
    }
    expect(parseForESLint('a\nbc\r\ndef').ast.loc).toEqual({ start: { line: 1, column: 0 }, end: { line: 3, column: 3 } });
  });
});

describe('scanFile', () => {
  it('picks the scanner by name, then content', () => {
    expect(scannerFor('redis.conf', 'requirepass x\n', scanners)).toBe(fakeConf);
    expect(scannerFor('nginx.conf', 'server { listen 80; }\n', scanners)).toBeUndefined();
    expect(scannerFor('docker-compose.yml', COMPOSE, scanners)).toBe(fakeCompose);
    expect(scannerFor('.github/workflows/ci.yml', 'on: push\n', scanners)).toBeUndefined();
    // A compose-looking text in a .conf is not a compose file.
    expect(scannerFor('x.conf', COMPOSE, scanners)).toBeUndefined();
    expect(scannerFor('src/app.js', 'requirepass x', scanners)).toBeUndefined();
  });

  it('locates files under ESLint cwd, and beside themselves otherwise', () => {
    expect(locate('/p/deploy/redis.conf', '/p')).toEqual({ root: '/p', path: 'deploy/redis.conf' });
    expect(locate('deploy/redis.conf', '/p')).toEqual({ root: '/p', path: 'deploy/redis.conf' });
    expect(locate('/elsewhere/redis.conf', '/p')).toEqual({ root: '/elsewhere', path: 'redis.conf' });
  });

  it('locates files under the nearest configured root, from a parent folder or from inside it', () => {
    const parent = project({
      'proj/redis-auth.config.json': '{}\n',
      'proj/deploy/redis.conf': 'port 6379\n',
      'other/deploy/redis.conf': 'port 6379\n',
    });
    const proj = join(parent, 'proj');
    expect(locate(join(proj, 'deploy/redis.conf'), parent)).toEqual({ root: proj, path: 'deploy/redis.conf' });
    expect(locate(join(proj, 'deploy/redis.conf'), join(proj, 'deploy'))).toEqual({ root: proj, path: 'deploy/redis.conf' });
    // No config above it: ESLint's working directory, as before.
    expect(locate(join(parent, 'other/deploy/redis.conf'), parent)).toEqual({ root: parent, path: 'other/deploy/redis.conf' });
  });

  it('stops looking for a configured root at the repository top', () => {
    const outer = project({ 'redis-auth.config.json': '{}\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/deploy/redis.conf': 'port 6379\n' });
    const repo = join(outer, 'repo');
    expect(locate(join(repo, 'deploy/redis.conf'), repo)).toEqual({ root: repo, path: 'deploy/redis.conf' });
  });

  it('applies a nested project config when ESLint runs from a parent folder', () => {
    const parent = project({ 'proj/redis-auth.config.json': JSON.stringify({ rules: { 'compose-no-auth': 'off' } }) });
    const inProj = scanFile(COMPOSE, join(parent, 'proj/docker-compose.yml'), parent, { scanners });
    expect(inProj.findings).toEqual([]);
    const beside = scanFile(COMPOSE, join(parent, 'other/docker-compose.yml'), parent, { scanners });
    expect(beside.findings.map((f) => f.file)).toEqual(['other/docker-compose.yml']);
  });

  it('scans the given text, not the file on disk, and keeps only findings in that file', () => {
    const root = project({ 'conf/redis.conf': 'port 6379\n' });
    const inBuffer = scanFile('port 6379\nrequirepass Unsaved-Edit-123\n', join(root, 'conf/redis.conf'), root, { scanners });
    expect(inBuffer.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['conf-hardcoded-password', 2, 13]]);
    const compose = scanFile(COMPOSE, join(root, 'docker-compose.yml'), root, { scanners });
    expect(compose.findings.map((f) => [f.file, f.line, f.column])).toEqual([['docker-compose.yml', 5, 5]]);
  });

  it('applies the project config and inline suppressions like the CLI', () => {
    const root = project({ 'redis-auth.config.json': JSON.stringify({ rules: { 'compose-no-auth': 'off' } }) });
    expect(scanFile(COMPOSE, join(root, 'docker-compose.yml'), root, { scanners }).findings).toEqual([]);
    const conf = '# redis-auth-disable-next-line conf-hardcoded-password -- CI throwaway\nrequirepass Abc-123-xyz-789\n';
    expect(scanFile(conf, join(root, 'redis.conf'), root, { scanners }).findings).toEqual([]);
    expect(scanFile(conf.replace('conf-hardcoded-password', 'conf-no-auth'), join(root, 'redis.conf'), root, { scanners }).findings).toHaveLength(1);
    expect(scanFile(COMPOSE, join(project({}), 'docker-compose.yml'), root, { scanners, minSeverity: 'error' }).findings).toEqual([]);
  });

  it('skips files over the CLI size cap, as the CLI does', () => {
    const root = project({});
    const big = `requirepass Abc-123-xyz-789\n${'#'.repeat(MAX_FILE_BYTES)}\n`;
    expect(scanFile(big, join(root, 'redis.conf'), root, { scanners }).findings).toEqual([]);
    expect(scanFile(big.slice(0, 100), join(root, 'redis.conf'), root, { scanners }).findings).toHaveLength(1);
  });

  it('surfaces a broken redis-auth config once instead of silently ignoring it', () => {
    const root = project({ 'redis-auth.config.json': '{ nope' });
    const result = scanFile('requirepass Abc-123-xyz-789\n', join(root, 'redis.conf'), root, { scanners });
    expect(result.configError).toMatch(/^redis-auth\.config\.json: invalid JSON/);
    expect(result.findings).toHaveLength(1);
  });
});

describe('ESLint with configs.configFiles', () => {
  const config = configFilesConfig(plugin);

  for (const [name, Engine] of [
    ['ESLint 10', ESLint],
    ['ESLint 9', ESLint9 as unknown as typeof ESLint],
  ] as const) {
    it(`${name}: reports findings at their exact positions, masked, with the check id`, async () => {
      const root = project({ 'docker-compose.yml': COMPOSE, 'conf/redis.conf': 'requirepass Sup3r-Secret-Value\n', '.env': 'A=1\n' });
      const eslint = new Engine({ cwd: root, overrideConfigFile: true, overrideConfig: config });
      const results = await eslint.lintFiles(['.']);
      const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(root.length + 1), r.messages]));
      expect(byFile['docker-compose.yml']).toEqual([
        expect.objectContaining({
          ruleId: 'redis-auth/config-files',
          severity: 1,
          line: 5,
          column: 5,
          message: 'Redis service runs without a password; add --requirepass from a secret. (compose-no-auth)',
        }),
      ]);
      expect(byFile['conf/redis.conf']).toEqual([
        expect.objectContaining({ line: 1, column: 13, endLine: 1, endColumn: 31, message: expect.stringContaining('(Su****ue)') }),
      ]);
      expect(JSON.stringify(results.map((r) => r.messages))).not.toContain('Sup3r-Secret-Value');
      // .env is linted (dot files match) and clean.
      expect(byFile['.env']).toEqual([]);
    });
  }

  it('lints the editor buffer through lintText, and stays quiet on unrelated YAML', async () => {
    const root = project({});
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
    const [buffer] = await eslint.lintText('requirepass Abc-123-xyz-789\n', { filePath: join(root, 'redis.conf') });
    expect(buffer.messages.map((m) => [m.line, m.column])).toEqual([[1, 13]]);
    const [workflow] = await eslint.lintText('on: push\njobs: {}\n', { filePath: join(root, '.github/workflows/ci.yml') });
    expect(workflow.messages).toEqual([]);
    const [broken] = await eslint.lintText('a: [\n  - {', { filePath: join(root, 'broken.yaml') });
    expect(broken.messages).toEqual([]);
  });

  it('validates its option', async () => {
    const eslint = new ESLint({
      cwd: project({}),
      overrideConfigFile: true,
      overrideConfig: [{ ...config[0], rules: { 'redis-auth/config-files': ['warn', { minSeverity: 'loud' }] } }],
    });
    await expect(eslint.lintText('requirepass x\n', { filePath: 'redis.conf' })).rejects.toThrow(/redis-auth\/config-files.*\n.*"loud" should be equal to one of the allowed values/);
  });
});
