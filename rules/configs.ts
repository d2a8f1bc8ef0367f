/**
 * Flat configs. `recommended` and `strict` are arrays: the rules for all files, then the relaxed
 * severity for the test, example and CI-fixture tiers (src/core/tiers.ts), where only a
 * real-looking secret is still reported, as a warning. Spread them (`...plugin.configs.recommended`)
 * or nest them in your config array.
 *
 * The tier objects never make ESLint lint a file it would not lint anyway: their `files` are
 * "universal" patterns (folder patterns ending in `/**`, or every file minus `ignores`), which only
 * apply to files some other config object already matches, and they skip every extension but
 * JS/TS (no `tsconfig.spec.json`, snapshots or `*.spec.ts.template`). The rules themselves read
 * the tier too, so the `settings['redis-auth'].tiers` overrides apply to them.
 */
import type { ESLint, Linter } from 'eslint';
import { SOURCE_EXTENSIONS, TIER_FILES, TIER_FOLDERS } from '../src/core/tiers';

/**
 * Typed with ESLint's own `Linter.Config` (from the user's installed eslint, a peer dependency),
 * so `defineConfig(…, plugin.configs.strict)`, typescript-eslint's `config()` and plain arrays
 * type-check in an `eslint.config.ts` (test/types).
 */
type Config = Linter.Config;

/**
 * Anything but a JS/TS file: a name that is not `*.<js/ts extension>`. Not `*.!(ts|…)` after `**`, which
 * matches `app.module.ts` and `cache.test.mjs` too (`*` takes `app`, the negation takes `module.ts`).
 */
export const NOT_SOURCE = `**/!(*.@(${SOURCE_EXTENSIONS.join('|')}))`;

/** Folders of the relaxed tiers, at any depth (universal patterns: they add no files). */
export const RELAXED_FOLDER_GLOBS = [...TIER_FOLDERS.test, ...TIER_FOLDERS.example, ...TIER_FOLDERS['ci-fixture']].map(
  (f) => `**/${f}/**`,
);

/** Everything whose file name is not a relaxed tier's (`*.test.*`, `vitest.setup.*`, `example.*`). */
export const NOT_RELAXED_FILE_NAME = `**/!(${[...TIER_FILES.test, ...TIER_FILES.example].join('|')})`;

export function buildConfigs(plugin: ESLint.Plugin): Record<'recommended' | 'strict', Config[]> {
  const plugins = { 'redis-auth': plugin };
  const relaxed = (name: string): Config[] => {
    // The rules read the tier themselves (with the settings' overrides); only severities live here.
    const rules: Config['rules'] = { 'redis-auth/no-hardcoded-credentials': 'warn' };
    return [
      { name: `redis-auth/${name}/relaxed-folders`, files: RELAXED_FOLDER_GLOBS, ignores: [NOT_SOURCE], plugins, rules },
      { name: `redis-auth/${name}/relaxed-files`, files: ['**/*'], ignores: [NOT_SOURCE, NOT_RELAXED_FILE_NAME], plugins, rules },
    ];
  };
  const base: Config['rules'] = {
    'redis-auth/require-auth': 'error',
    'redis-auth/no-hardcoded-credentials': 'error',
    'redis-auth/no-weak-password': 'error',
    'redis-auth/deployed-connections': 'error',
  };
  return {
    recommended: [{ name: 'redis-auth/recommended', plugins, rules: { ...base } }, ...relaxed('recommended')],
    strict: [
      { name: 'redis-auth/strict', plugins, rules: { ...base, 'redis-auth/require-tls': 'error' } },
      ...relaxed('strict'),
    ],
  };
}
