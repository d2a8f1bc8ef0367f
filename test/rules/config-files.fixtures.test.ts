/**
 * `configs.configFiles` with the real scanners on fixtures/editor: ESLint's warnings are exactly
 * the findings `redis-auth scan` reports for each file, at the same positions. Once through
 * ESLint's Node API (ESLint 10 and 9, from source) and once through the ESLint command line with
 * a config that loads the built package, as a user's editor would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { runScan } from '../../src/engine/run';
import { configFilesConfig } from '../../rules/config-files';
import { createConfigFilesRule } from '../../rules/config-files/rule';
import { scanFile } from '../../rules/config-files/scan-file';
import { PACKAGE_ROOT } from '../helpers/recipe-repo';

const BUILT_ENTRY = join(PACKAGE_ROOT, 'dist/src/index.js');

const FIXTURES = [
  'docker-compose.yml',
  'redis.conf',
  '.env',
  'deploy/chart/values.yaml',
  'k8s/redis.yaml',
  '.github-ci.yml', // not Redis configuration: no warning
].map((f) => `fixtures/editor/${f}`);

/** What `redis-auth scan` reports, per file, as `line:column ruleId`. */
function scannerView(): Record<string, string[]> {
  const outcome = runScan({ root: PACKAGE_ROOT, only: FIXTURES });
  const view: Record<string, string[]> = Object.fromEntries(FIXTURES.map((f) => [f, []]));
  for (const f of outcome.findings) view[f.file]?.push(`${f.line}:${f.column} ${f.ruleId}`);
  return view;
}

/** ESLint's messages in the same shape; the check id is the message's `(id)` suffix. */
function eslintView(results: { filePath: string; messages: { line: number; column: number; message: string; ruleId: string | null }[] }[]) {
  const view: Record<string, string[]> = {};
  for (const r of results) {
    view[relative(PACKAGE_ROOT, r.filePath)] = r.messages.map((m) => {
      expect(m.ruleId).toBe('redis-auth/config-files');
      return `${m.line}:${m.column} ${/\(([a-z0-9-]+)\)$/.exec(m.message)?.[1]}`;
    });
  }
  return view;
}

const plugin = { meta: { name: 'eslint-plugin-redis-auth' }, rules: { 'config-files': createConfigFilesRule(undefined, scanFile) } };
const config = configFilesConfig(plugin as unknown as ESLint.Plugin);

describe('configs.configFiles on fixtures/editor', () => {
  it('the fixtures hold findings of every file kind, at known places', () => {
    const view = scannerView();
    expect(view['fixtures/editor/docker-compose.yml']).toContain('9:41 compose-weak-password');
    expect(view['fixtures/editor/redis.conf']).toContain('4:13 conf-hardcoded-password');
    expect(view['fixtures/editor/.env']).toContain('3:1 dotenv-weak-password');
    expect(view['fixtures/editor/deploy/chart/values.yaml']).toContain('5:5 helm-auth-disabled');
    expect(view['fixtures/editor/k8s/redis.yaml']).toContain('15:35 k8s-hardcoded-password');
    expect(view['fixtures/editor/.github-ci.yml']).toEqual([]);
  });

  for (const [name, Engine] of [
    ['ESLint 10', ESLint],
    ['ESLint 9', ESLint9 as unknown as typeof ESLint],
  ] as const) {
    it(`${name} (Node API) reports exactly what the scanner reports, where it reports it`, async () => {
      const eslint = new Engine({ cwd: PACKAGE_ROOT, overrideConfigFile: true, overrideConfig: config });
      const results = await eslint.lintFiles(FIXTURES);
      expect(eslintView(results)).toEqual(scannerView());
      expect(JSON.stringify(results.map((r) => r.messages))).not.toMatch(/foobared|Zq7-committed|Kx9-another/);
    });
  }

  it('the eslint command line with a config loading the built package shows the same warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-eslint-cli-'));
    const configFile = join(dir, 'eslint.config.js');
    // As a user writes it, with the package resolved to this checkout's build.
    writeFileSync(configFile, `const redisAuth = require(${JSON.stringify(BUILT_ENTRY)});\nmodule.exports = [...redisAuth.configs.configFiles];\n`);
    expect(existsSync(BUILT_ENTRY), 'build first: npm run build').toBe(true);
    const run = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules/eslint/bin/eslint.js'), '--config', configFile, '--format', 'json', ...FIXTURES], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0); // warnings only
    expect(eslintView(JSON.parse(run.stdout))).toEqual(scannerView());
  });
});
