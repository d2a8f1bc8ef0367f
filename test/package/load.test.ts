/**
 * The built package as users load it: compiled by tsc, then required from `eslint.config.js`
 * (CommonJS) and imported from `eslint.config.mjs` (ESM) in a temporary project, linted through
 * the Node API of ESLint 10 and ESLint 9.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const requireHere = createRequire(__filename);
// A private build so parallel runs never race on dist/; inside node_modules so its requires resolve.
const out = join(root, 'node_modules', '.cache', 'redis-auth-package-test', String(process.pid));
const entry = join(out, 'src', 'index.js');
let project: string;

interface ESLintClass {
  new (options: { cwd: string; overrideConfigFile: string }): {
    lintFiles(patterns: string[]): Promise<Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; message: string }> }>>;
  };
  version: string;
}
const versions: Array<[string, ESLintClass]> = [
  ['ESLint 10', requireHere('eslint').ESLint],
  ['ESLint 9', requireHere('eslint-v9').ESLint],
];

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'consumer', private: true }),
  'src/app.mjs': [
    "import Redis from 'ioredis';",
    'export const cache = new Redis();',
    "export const store = new Redis({ host: 'cache', password: 'hunter2hunter2' });",
    '',
  ].join('\n'),
  'src/queue.ts': [
    "import { Queue } from 'bullmq';",
    "const connection = { host: 'cache.example.com', port: 6379 } as const;",
    "export const q: Queue = new Queue('mail', { connection, prefix: 'app' } satisfies QueueOptions);",
    '',
  ].join('\n'),
  'src/worker.cjs': [
    "const { createClient } = require('redis');",
    "const client = createClient({ password: process.env.REDIS_PASSWORD || 'changeme' });",
    'module.exports = client;',
    '',
  ].join('\n'),
  'src/ok.mjs': [
    "import Redis from 'ioredis';",
    'export const r = new Redis(process.env.REDIS_URL);',
    '',
  ].join('\n'),
  'test/cache.test.mjs': [
    "import Redis from 'ioredis';",
    "const local = new Redis({ host: 'localhost', password: 'testpass-12345' });",
    'const contained = new Redis({ host: container.getHost(), port: container.getMappedPort(6379) });',
    "const remote = new Redis({ host: 'cache.example.com' });",
    '',
  ].join('\n'),
  // Real shapes from Nx/Nest workspaces and bull-board: files the tier globs must never pull in.
  'tsconfig.spec.json': '{ "extends": "./tsconfig.json", "compilerOptions": { "types": ["jest"] } }\n',
  'src/app.spec.ts.template': 'import Redis from "ioredis";\nnew Redis(<%= port %>);\n',
  'src/__snapshots__/app.spec.mjs.snap': 'exports[`x`] = `new Redis()`;\n',
  'examples/with-express/index.mjs': [
    "import Redis from 'ioredis';",
    "export const a = new Redis({ host: 'localhost', password: '' });",
    "export const b = new Redis({ host: 'localhost', password: 'eY7mK2pQ9xV4wL81' });",
    '',
  ].join('\n'),
};

function configFile(kind: 'cjs' | 'mjs', config: 'recommended' | 'strict', extraRules = ''): string {
  const parser = requireHere.resolve('@typescript-eslint/parser');
  if (kind === 'cjs') {
    return [
      `const plugin = require(${JSON.stringify(entry)});`,
      `const tsParser = require(${JSON.stringify(parser)});`,
      'module.exports = [',
      `  ...plugin.configs.${config},`,
      "  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },",
      extraRules ? `  { rules: ${extraRules} },` : '',
      '];',
    ].join('\n');
  }
  return [
    `import plugin from ${JSON.stringify(pathToFileURL(entry).href)};`,
    `import tsParser from ${JSON.stringify(pathToFileURL(parser).href)};`,
    'export default [',
    `  ...plugin.configs.${config},`,
    "  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },",
    extraRules ? `  { rules: ${extraRules} },` : '',
    '];',
  ].join('\n');
}

async function lint(ESLint: ESLintClass, configName: string, config: string) {
  writeFileSync(join(project, configName), config);
  const eslint = new ESLint({ cwd: project, overrideConfigFile: join(project, configName) });
  const results = await eslint.lintFiles(['src/**/*.{mjs,cjs,ts}', 'test/**/*.mjs']);
  const byFile: Record<string, string[]> = {};
  for (const r of results) {
    const rel = r.filePath.slice(project.length + 1).replace(/\\/g, '/');
    byFile[rel] = r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  return byFile;
}

beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  const tsc = requireHere.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    // Type errors elsewhere in the tree still emit JavaScript; only a missing entry is fatal here.
    if (!existsSync(entry)) throw error;
  }
  project = mkdtempSync(join(tmpdir(), 'redis-auth-consumer-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, name)), { recursive: true });
    writeFileSync(join(project, name), text);
  }
}, 240_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the built plugin', () => {
  it('exposes meta, the four rules and the flat configs, the same through require and import', async () => {
    const required = requireHere(entry);
    const imported = (await import(pathToFileURL(entry).href)).default;
    expect(imported).toBe(required);
    expect(required.meta.name).toBe('eslint-plugin-redis-auth');
    expect(Object.keys(required.rules)).toEqual(
      expect.arrayContaining(['require-auth', 'no-hardcoded-credentials', 'no-weak-password', 'require-tls']),
    );
    expect(Array.isArray(required.configs.recommended)).toBe(true);
    expect(required.configs.recommended[0].plugins['redis-auth']).toBe(required);
    expect(required.configs.strict[0].rules['redis-auth/require-tls']).toBe('error');
    expect(required.configs.recommended[0].rules['redis-auth/require-tls']).toBeUndefined();
  });

  it('loads no typescript-eslint, ESLint or scanner code at import (the rules need only types from them)', () => {
    // A fresh process: this one has long loaded everything through vitest.
    const loaded: string[] = JSON.parse(
      execFileSync(process.execPath, ['-e', `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`], {
        encoding: 'utf8',
      }),
    );
    const packages = new Set(loaded.filter((p) => !p.startsWith(out)).map((p) => {
      const parts = p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
      return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    }));
    expect([...packages].sort()).toEqual(['@eslint-community/eslint-utils', 'eslint-visitor-keys']);
    const own = loaded.filter((p) => p.startsWith(out)).map((p) => p.slice(out.length + 1));
    expect(own.filter((p) => !/^(src\/index|src\/core\/|rules\/)/.test(p))).toEqual([]);
    // The config-files rule loads the scanners on the first config file it lints, not before.
    expect(own.filter((p) => p.startsWith('rules/config-files/scan-file'))).toEqual([]);
  });

  for (const [label, ESLint] of versions) {
    for (const kind of ['cjs', 'mjs'] as const) {
      const configName = kind === 'cjs' ? 'eslint.config.js' : 'eslint.config.mjs';
      it(`${label}: ${configName} spreading configs.recommended reports what it should`, async () => {
        const got = await lint(ESLint, configName, configFile(kind, 'recommended'));
        expect(got['src/app.mjs']).toEqual([
          '2:22 redis-auth/require-auth `new Redis` connects to localhost:6379 (library default) without a password.',
          '3:59 redis-auth/no-hardcoded-credentials Redis password `hu****r2` is hardcoded.',
        ]);
        expect(got['src/queue.ts']).toEqual([
          '3:25 redis-auth/require-auth `new Queue` connects to cache.example.com:6379 (from the options) without a password.',
        ]);
        expect(got['src/worker.cjs']).toEqual([
          '2:71 redis-auth/no-weak-password Redis password `c****e` is a well-known default or dictionary password.',
        ]);
        expect(got['src/ok.mjs']).toEqual([]);
        // Test files: no password and throwaway passwords are fine, by the recommended config alone.
        expect(got['test/cache.test.mjs']).toEqual([]);
        // No secret is ever printed whole.
        expect(JSON.stringify(got)).not.toContain('hunter2hunter2');
      });
    }

    it(`${label}: the tier configs lint no extra file and make a real-looking secret in an example a warning`, async () => {
      writeFileSync(join(project, 'eslint.config.mjs'), configFile('mjs', 'recommended'));
      const eslint = new ESLint({ cwd: project, overrideConfigFile: join(project, 'eslint.config.mjs') });
      const results = (await eslint.lintFiles(['.'])) as unknown as Array<{
        filePath: string;
        messages: Array<{ ruleId: string | null; line: number; severity: number; fatal?: boolean }>;
      }>;
      const linted = results.map((r) => r.filePath.slice(project.length + 1).replace(/\\/g, '/')).sort();
      expect(linted).not.toContain('tsconfig.spec.json');
      expect(linted.some((f) => f.endsWith('.template') || f.endsWith('.snap'))).toBe(false);
      expect(results.flatMap((r) => r.messages).filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
      const example = results.find((r) => r.filePath.endsWith('examples/with-express/index.mjs'));
      expect(example?.messages.map((m) => `${m.line} ${m.ruleId} ${m.severity}`)).toEqual(['3 redis-auth/no-hardcoded-credentials 1']);
    });

    it(`${label}: configs.strict adds require-tls`, async () => {
      const got = await lint(ESLint, 'eslint.config.mjs', configFile('mjs', 'strict'));
      expect(got['src/queue.ts']).toContain(
        '3:25 redis-auth/require-tls Redis connection to `cache.example.com` is not encrypted.',
      );
    });

    it(`${label}: invalid rule options fail with the schema error naming the option`, async () => {
      const config = configFile('cjs', 'recommended', `{ 'redis-auth/require-auth': ['error', { allowHost: ['x'] }] }`);
      await expect(lint(ESLint, 'eslint.config.js', config)).rejects.toThrow(/redis-auth\/require-auth[\s\S]*allowHost/);
      const bad = configFile('cjs', 'recommended', `{ 'redis-auth/no-hardcoded-credentials': ['error', { envVariable: 'NOT VALID' }] }`);
      await expect(lint(ESLint, 'eslint.config.js', bad)).rejects.toThrow(/no-hardcoded-credentials[\s\S]*"NOT VALID"/);
      const noModule = configFile('cjs', 'recommended', `{ 'redis-auth/require-auth': ['error', { clients: [{ export: 'connect' }] }] }`);
      await expect(lint(ESLint, 'eslint.config.js', noModule)).rejects.toThrow(/require-auth[\s\S]*module/);
    });
  }
});
