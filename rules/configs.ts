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
import { SOURCE_EXTENSIONS, TIER_FILES, TIER_FOLDERS, isRelaxedTier } from '../src/core/tiers';
import type { TierPatterns } from './settings';
import { tierOfFile } from './support/tier';

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

/** The severity of a real-looking secret in a relaxed-tier file (the rules report nothing else there). */
const RELAXED_RULES: Config['rules'] = { 'redis-auth/no-hardcoded-credentials': 'warn' };

export function buildConfigs(plugin: ESLint.Plugin): Record<'recommended' | 'strict', Config[]> {
  const plugins = { 'redis-auth': plugin };
  const relaxed = (name: string): Config[] => {
    // The rules read the tier themselves (with the settings' overrides); only severities live here.
    const rules = RELAXED_RULES;
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

/**
 * `plugin.tiers(patterns)`: the settings' tier overrides together with the severities they imply,
 * so a file the patterns move into a relaxed tier reports a real-looking secret as a warning (as a
 * built-in test file does) and a file they take back into production reports it as an error. The
 * tier objects above follow the built-in patterns only: ESLint cannot derive `files` from settings.
 * These objects match a file by asking tierOf itself (one definition of the patterns' meaning);
 * their `files` stay universal, so they add no file to the run, and each touches only the files
 * whose relaxed-or-not answer the patterns change.
 */
export function buildTierOverrides(plugin: ESLint.Plugin, tiers: TierPatterns): Config[] {
  const plugins = { 'redis-auth': plugin };
  // Like the rules' own reading: paths relative to ESLint's working directory.
  const relaxedAt = (file: string, patterns?: TierPatterns): boolean => isRelaxedTier(tierOfFile(file, process.cwd(), patterns));
  /**
   * An `ignores` entry: every file but those the patterns move into (or out of) the relaxed tiers.
   * Config-array calls a function in `ignores` with the absolute path; ESLint's types list strings only.
   */
  const allButMoved = (toRelaxed: boolean): string =>
    ((file: string): boolean => relaxedAt(file, tiers) !== toRelaxed || relaxedAt(file) === toRelaxed) as unknown as string;
  return [
    { name: 'redis-auth/tiers/settings', settings: { 'redis-auth': { tiers } } },
    { name: 'redis-auth/tiers/relaxed', files: ['**/*'], ignores: [NOT_SOURCE, allButMoved(true)], plugins, rules: RELAXED_RULES },
    {
      name: 'redis-auth/tiers/production',
      files: ['**/*'],
      ignores: [NOT_SOURCE, allButMoved(false)],
      plugins,
      rules: { 'redis-auth/no-hardcoded-credentials': 'error' },
    },
  ];
}
