/**
 * Flat configs. `recommended` and `strict` are arrays: the rules for all files, then relaxed
 * settings for test files, where a password-less client on localhost or in a test container is
 * normal. Spread them (`...plugin.configs.recommended`) or nest them in your config array.
 */
import type { ESLint, Linter } from 'eslint';

/** Globs for test code: unit/integration test files and test folders. */
export const TEST_FILES = [
  '**/*.{test,spec}.*',
  '**/*.e2e-spec.*',
  '**/__tests__/**',
  'test/**',
  'tests/**',
  'e2e/**',
];

/**
 * Hosts test code may reach without auth (and with throwaway passwords): this machine, hosts not
 * known statically (a testcontainers `getHost()`, a CI variable) and the usual CI service names.
 */
export const TEST_HOSTS = ['loopback', 'unknown', 'redis', 'valkey', 'host.docker.internal'];

/**
 * Typed with ESLint's own `Linter.Config` (from the user's installed eslint, a peer dependency),
 * so `defineConfig(…, plugin.configs.strict)`, typescript-eslint's `config()` and plain arrays
 * type-check in an `eslint.config.ts` (test/types).
 */
type Config = Linter.Config;

export function buildConfigs(plugin: ESLint.Plugin): Record<'recommended' | 'strict', Config[]> {
  const plugins = { 'redis-auth': plugin };
  const testOptions = { allowHosts: TEST_HOSTS };
  const tests = (name: string, strict: boolean): Config => ({
    name: `redis-auth/${name}/tests`,
    files: TEST_FILES,
    plugins,
    rules: {
      'redis-auth/require-auth': ['error', testOptions],
      'redis-auth/no-hardcoded-credentials': ['error', testOptions],
      'redis-auth/no-weak-password': ['error', testOptions],
      // Test code connects to test containers, not to what the deployments give the app.
      'redis-auth/deployed-connections': 'off',
      ...(strict ? { 'redis-auth/require-tls': ['error', testOptions] } : {}),
    },
  });
  return {
    recommended: [
      {
        name: 'redis-auth/recommended',
        plugins,
        rules: {
          'redis-auth/require-auth': 'error',
          'redis-auth/no-hardcoded-credentials': 'error',
          'redis-auth/no-weak-password': 'error',
          'redis-auth/deployed-connections': 'error',
        },
      },
      tests('recommended', false),
    ],
    strict: [
      {
        name: 'redis-auth/strict',
        plugins,
        rules: {
          'redis-auth/require-auth': 'error',
          'redis-auth/no-hardcoded-credentials': 'error',
          'redis-auth/no-weak-password': 'error',
          'redis-auth/require-tls': 'error',
          'redis-auth/deployed-connections': 'error',
        },
      },
      tests('strict', true),
    ],
  };
}
