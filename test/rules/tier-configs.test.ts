/**
 * The tier objects of configs.recommended, as ESLint itself resolves them: which files get the
 * relaxed severity. Real names from bull-board, bullmq and Nx/Nest workspaces.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  // The user's own config decides which files are linted; the tier objects only set severities.
  overrideConfig: [{ files: ['**/*.{ts,tsx,mts,cts}'] }, ...plugin.configs.recommended],
});

async function severity(path: string): Promise<unknown> {
  const config = (await eslint.calculateConfigForFile(path)) as { rules?: Record<string, unknown> } | undefined;
  const rule = config?.rules?.['redis-auth/no-hardcoded-credentials'];
  return Array.isArray(rule) ? rule[0] : rule;
}

describe('configs.recommended tier objects', () => {
  it.each([
    'examples/with-nestjs-module/src/app.module.ts',
    'examples/express/index.mjs',
    'src/cache.test.mjs',
    'src/cache.spec.ts',
    'packages/api/tests/bullmq-matrix/helpers.ts',
    'vitest.node-redis.setup.ts',
    'jest.setup.redis.js',
    'src/setupTests.ts',
    'benchmarks/throughput.bench.ts',
    'test/types.d.ts',
  ])('%s: a real-looking secret is a warning', async (path) => {
    expect(await severity(path)).toBe(1);
  });

  it.each(['src/app.module.ts', 'src/queue.ts', 'src/redis.setup.ts', 'src/index.mjs', 'vite.config.ts'])(
    '%s: production, an error',
    async (path) => {
      expect(await severity(path)).toBe(2);
    },
  );

  it.each(['tsconfig.spec.json', 'src/app.spec.ts.template', 'src/__snapshots__/app.spec.mjs.snap', 'examples/docker-compose.yml'])(
    '%s: not linted at all',
    async (path) => {
      // ESLint answers "ignored" for a file no config object's `files` matches.
      expect(await eslint.isPathIgnored(path)).toBe(true);
    },
  );
});

/**
 * plugin.tiers(): the settings' tier patterns with the severities they imply, so a file moved by
 * the patterns is rated like a built-in file of its tier. Settings alone move what is reported,
 * not the severity (ESLint takes severities from `files` patterns, never from settings).
 */
describe('plugin.tiers() overrides', () => {
  const tiers = { test: ['qa-suite/'], production: ['examples/live-demo/'] };
  // deployed-connections loads its deployment side lazily, which the test runner cannot follow (test/link covers it).
  const LINK_OFF = { rules: { 'redis-auth/deployed-connections': 'off' as const } };
  const eslintWithTiers = new ESLint({
    cwd: process.cwd(),
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.{ts,mjs}'] }, ...plugin.configs.recommended, ...plugin.tiers(tiers), LINK_OFF],
  });
  const severityWith = async (engine: ESLint, path: string): Promise<unknown> => {
    const config = (await engine.calculateConfigForFile(path)) as { rules?: Record<string, unknown> } | undefined;
    const rule = config?.rules?.['redis-auth/no-hardcoded-credentials'];
    return Array.isArray(rule) ? rule[0] : rule;
  };
  const SECRET = "import Redis from 'ioredis';\nnew Redis({ password: 'Zq8#vL2!pR7@kW4x' });\n";
  const NO_AUTH = "import Redis from 'ioredis';\nnew Redis({ host: 'redis.internal.acme.io' });\n";
  const WEAK = "import Redis from 'ioredis';\nnew Redis({ password: 'changeme' });\n";
  const lint = async (engine: ESLint, code: string, path: string): Promise<string[]> => {
    const [result] = await engine.lintText(code, { filePath: path });
    return result.messages.map((m) => `${m.ruleId ?? 'parse'}:${m.severity}`);
  };

  it.each(['qa-suite/cache.ts', 'packages/api/qa-suite/helpers.mjs', 'examples/other/index.ts', 'src/cache.test.ts'])(
    '%s: relaxed, a real-looking secret is a warning',
    async (path) => {
      expect(await severityWith(eslintWithTiers, path)).toBe(1);
      expect(await lint(eslintWithTiers, SECRET, path)).toEqual(['redis-auth/no-hardcoded-credentials:1']);
    },
  );

  it.each(['qa-suite/cache.ts', 'examples/other/index.ts'])('%s: relaxed, no password or a weak one is not reported', async (path) => {
    expect(await lint(eslintWithTiers, NO_AUTH, path)).toEqual([]);
    expect(await lint(eslintWithTiers, WEAK, path)).toEqual([]);
  });

  it.each(['examples/live-demo/index.ts', 'src/suite-client.ts', 'src/queue.ts'])(
    '%s: production, every rule at error',
    async (path) => {
      expect(await severityWith(eslintWithTiers, path)).toBe(2);
      expect(await lint(eslintWithTiers, SECRET, path)).toEqual(['redis-auth/no-hardcoded-credentials:2']);
      expect(await lint(eslintWithTiers, NO_AUTH, path)).toEqual(['redis-auth/require-auth:2']);
      expect(await lint(eslintWithTiers, WEAK, path)).toEqual(['redis-auth/no-weak-password:2']);
    },
  );

  it('adds no file to the run', async () => {
    for (const path of ['qa-suite/tsconfig.spec.json', 'qa-suite/app.spec.ts.template', 'qa-suite/app.tsx', 'examples/live-demo/values.yaml']) {
      expect(await eslintWithTiers.isPathIgnored(path)).toBe(true);
    }
  });

  it('merges with the other settings', async () => {
    const engine = new ESLint({
      cwd: process.cwd(),
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'] },
        ...plugin.configs.recommended,
        { settings: { 'redis-auth': { credentialOptions: ['secretKey'] } } },
        ...plugin.tiers(tiers),
        LINK_OFF,
      ],
    });
    const code = "import Redis from 'ioredis';\nnew Redis({ secretKey: 'Zq8#vL2!pR7@kW4x' });\n";
    expect(await lint(engine, code, 'qa-suite/cache.ts')).toEqual(['redis-auth/no-hardcoded-credentials:1']);
    expect(await lint(engine, code, 'src/cache.ts')).toEqual(['redis-auth/no-hardcoded-credentials:2']);
  });

  it('settings alone move what is reported but keep the base severity (documented)', async () => {
    const engine = new ESLint({
      cwd: process.cwd(),
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'] }, ...plugin.configs.recommended, { settings: { 'redis-auth': { tiers } } }, LINK_OFF],
    });
    expect(await lint(engine, NO_AUTH, 'qa-suite/cache.ts')).toEqual([]);
    expect(await lint(engine, SECRET, 'qa-suite/cache.ts')).toEqual(['redis-auth/no-hardcoded-credentials:2']);
  });
});
