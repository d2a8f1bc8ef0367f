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
