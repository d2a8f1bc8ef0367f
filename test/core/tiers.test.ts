import { describe, expect, it } from 'vitest';
import { builtinTierOf, relaxedSourceGlobs, tierOf } from '../../src/core/tiers';

describe('builtinTierOf', () => {
  // Test-runner setup and config files, at the root and in packages (bullmq's vitest.<client>.setup.ts).
  it.each([
    'vitest.node-redis.setup.ts',
    'vitest.valkey-glide.setup.ts',
    'vitest.postgres.global-setup.ts',
    'vitest.bun.config.ts',
    'vitest.setup.ts',
    'vitest.workspace.ts',
    'packages/queue/jest.setup.redis.js',
    'jest.setup.js',
    'jest.config.ts',
    'jest-setup.ts',
    'jest_setup.js',
    'setup-jest.ts',
    'setupJest.js',
    'setupVitest.ts',
    'karma.conf.js',
    'mocha.setup.cjs',
    'playwright.config.ts',
    'src/setupTests.ts',
    'setup_tests.py',
    'testSetup.ts',
    'test-setup.ts',
    'globalSetup.ts',
    'packages/api/redisGlobalSetup.ts',
    'e2e.global-teardown.mjs',
  ])('%s is test', (path) => {
    expect(builtinTierOf(path)).toBe('test');
  });

  // Look-alikes that run in production: app setup, vite's build config, words that contain a runner.
  it.each([
    'src/setup.ts',
    'src/redis.setup.ts',
    'src/redis-setup.ts',
    'src/queue-setup.js',
    'vite.config.ts',
    'src/jester.ts',
    'src/avatar.ts',
    'src/vitesting.ts',
    'src/global.ts',
    'src/setup/redis.ts',
    'src/latest.ts',
    'src/contest.ts',
  ])('%s is production', (path) => {
    expect(builtinTierOf(path)).toBe('production');
  });

  it('user patterns take a file back into production before the built-in ones', () => {
    const options = { patterns: { production: ['jest.setup.redis.js'] } };
    expect(tierOf('packages/queue/jest.setup.redis.js', options)).toBe('production');
    expect(tierOf('jest.setup.js', options)).toBe('test');
  });
});

describe('relaxedSourceGlobs', () => {
  it('ends every glob in the JS/TS extensions', () => {
    for (const glob of relaxedSourceGlobs()) expect(glob).toMatch(/\.\{js,cjs,mjs,jsx,ts,cts,mts,tsx\}$/);
    expect(relaxedSourceGlobs()).toContain('**/vitest.*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}');
  });
});
