/**
 * Crash sweep: every rule, strict config, over every JS/TS file in the project's node_modules.
 * Parse errors are fine (they are the parser's business); a rule exception is a bug. Extra
 * client profiles on very common modules (fs, path, events...) make the connection engine and
 * the value resolver run on real code, not only bail out on files that import no Redis client.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { expect, it } from 'vitest';
import plugin from '../../src/index';
import { createDeployedConnectionsRule } from '../../rules/deployed-connections';
import * as deploymentSide from '../../rules/support/deployment-side';
import { runScan } from '../../src/engine/run';

// The test runner compiles TypeScript on import and cannot follow the rule's lazy require of its
// deployment side (nor that side's lazy require of the engine), so the sweep hands both over (as
// config-files tests hand over scanFile); the on-disk model cache (stamped by the built engine's
// file) stays off, as in every test.
process.env.REDIS_AUTH_CACHE = '0';
const swept = {
  ...plugin,
  rules: {
    ...plugin.rules,
    'deployed-connections': createDeployedConnectionsRule(() => ({ ...deploymentSide, deploymentSide: (at: string) => deploymentSide.deploymentSide(at, runScan) })),
  },
};

const root = resolve(__dirname, '../..');
const MAX_BYTES = 1_000_000;
const CODE = /\.(js|mjs|cjs|ts|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$/;

function* sourceFiles(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(path);
    else if (e.isFile() && CODE.test(e.name) && !DECLARATION.test(e.name)) yield path;
  }
}

const stress = {
  clients: [
    { module: 'fs', export: 'readFileSync', kind: 'call' },
    { module: 'path', export: 'join', kind: 'call', urlArgument: 0 },
    { module: 'events', kind: 'both', optionsArgument: 0, optionsPath: 'a.b' },
    { module: 'util', export: 'inspect', kind: 'call', optionsArgument: 1 },
    { module: 'crypto', export: 'createHash', kind: 'call' },
    { module: 'http', export: 'createServer', kind: 'call', firstArgument: 0, whenMissing: 'skip' },
    { module: 'assert', kind: 'both' },
  ],
  credentialOptions: ['token', 'secret', 'auth'],
};

const rules = Object.fromEntries(Object.keys(swept.rules).filter((r) => r !== 'config-files').map((r) => [`redis-auth/${r}`, 'error']));

it('no rule throws on any file in node_modules', () => {
  const linter = new Linter({ configType: 'flat' });
  const base = { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], plugins: { 'redis-auth': swept as never }, rules: rules as never, settings: { 'redis-auth': stress } };
  const configs: Record<string, Linter.Config[]> = {
    js: [{ ...base, languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } }],
    mjs: [{ ...base, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }],
    ts: [{ ...base, languageOptions: { parser: tsParser, sourceType: 'module' } }],
  };
  // The sweep is only worth something if the rules are live in it: a known finding must show.
  const probe = linter.verify(`import Redis from 'ioredis'; new Redis({ password: 'hunter2hunter2' });`, configs.mjs, {
    filename: 'probe.mjs',
  });
  expect(probe.map((m) => m.ruleId)).toEqual(['redis-auth/no-hardcoded-credentials']);

  const crashes: string[] = [];
  let linted = 0;
  let parsed = 0;
  for (const file of sourceFiles(join(root, 'node_modules'))) {
    if (file.includes(join('node_modules', '.cache'))) continue;
    if (statSync(file).size > MAX_BYTES) continue;
    const text = readFileSync(file, 'utf8');
    const ext = file.slice(file.lastIndexOf('.') + 1);
    const config = ext === 'mjs' ? configs.mjs : /^[mc]?ts$/.test(ext) ? configs.ts : configs.js;
    try {
      // A relative name: Linter matches configs against it, and never ignores it as node_modules.
      const messages = linter.verify(text, config, { filename: `sweep/${linted}.${ext}` });
      expect(messages.filter((m) => m.message.startsWith('No matching configuration'))).toEqual([]);
      if (!messages.some((m) => m.fatal)) parsed++;
      linted++;
    } catch (error) {
      crashes.push(`${file}: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  expect(linted).toBeGreaterThan(500);
  expect(parsed).toBeGreaterThan(linted / 2);
  expect(crashes).toEqual([]);
});
