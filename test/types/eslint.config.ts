// An eslint.config.ts as users write it; test/types/types.test.ts type-checks it with
// `tsc --strict` against ESLint 10's and ESLint 9's own types. Not run, only compiled.
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import redisAuth from 'eslint-plugin-redis-auth';

// The plugin object is an ESLint plugin, with the namespace ESLint 9.x+ reads.
export const plugin: ESLint.Plugin = redisAuth;
export const namespace: string | undefined = redisAuth.meta.namespace;

// Every shipped config is a list of ESLint config objects.
export const recommended: Linter.Config[] = redisAuth.configs.recommended;
export const strict: Linter.Config[] = redisAuth.configs.strict;
export const configFiles: Linter.Config[] = redisAuth.configs.configFiles;

// Plain arrays, spread or nested.
export const plain: Linter.Config[] = [
  ...redisAuth.configs.recommended,
  { files: ['**/*.ts'], rules: { 'redis-auth/require-tls': 'error' } },
  ...redisAuth.configs.configFiles,
];

// Tier overrides with the severities they imply, spread after a config.
export const withTiers: Linter.Config[] = [
  ...redisAuth.configs.recommended,
  ...redisAuth.tiers({ production: ['examples/live-demo/'], test: ['qa-suite/'] }),
];

// defineConfig: configs as arguments, inside `extends`, and the plugin under `plugins`.
export const defined = defineConfig(
  redisAuth.configs.strict,
  { files: ['src/**/*.ts'], extends: [redisAuth.configs.recommended] },
  { plugins: { 'redis-auth': redisAuth }, rules: { 'redis-auth/require-auth': ['error', { allowHosts: ['loopback'] }] } },
  redisAuth.configs.configFiles,
);

// typescript-eslint's config(): its own configs beside ours.
export const withTypescriptEslint = tseslint.config(
  ...tseslint.configs.recommended,
  ...redisAuth.configs.recommended,
  { files: ['**/*.ts'], extends: [...redisAuth.configs.strict] },
);

export default defined;
