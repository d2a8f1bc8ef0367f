/**
 * Context tiers: what a file is for, from its path alone, so both front ends can tell the code and
 * configs a team deploys from its tests, examples and CI fixtures. One definition: the ESLint
 * rules, the flat configs (their `files` globs are generated from the lists below) and the scanner
 * all read it.
 *
 * - `production` (the default): deployed code and configs; every finding counts.
 * - `test`: test folders at any depth, `*.test.*` / `*_test.*` files, runner setup files,
 *   test-utility and fixture packages.
 * - `example`: examples, samples, demos, docs and doc tests, benchmarks.
 * - `ci-fixture`: Helm chart-testing values (`ci/*-values.yaml`), chart `tests/`, CI folders.
 * - `dev`: files that name the dev/local environment (`compose.override.yaml`, `values-dev.yaml`).
 */
import type ignoreFactory from 'ignore';
import { environmentOf, type EnvironmentOptions } from './environment';

export const TIERS = ['production', 'test', 'example', 'ci-fixture', 'dev'] as const;
export type Tier = (typeof TIERS)[number];

/** Tiers whose findings are about throwaway code: listed, never failing the default gate. */
export const RELAXED_TIERS: readonly Tier[] = ['test', 'example', 'ci-fixture'];

/** Folder names (at any depth) whose files belong to a tier. `*` matches within the name. */
/** Folders that define a developer's environment, not a deployment: dev containers, dev stacks. */
export const DEV_FOLDERS: ReadonlySet<string> = new Set(['.devcontainer', 'devcontainer', 'devenv', 'dev-env', '.devenv']);

export const TIER_FOLDERS: Readonly<Record<'test' | 'example' | 'ci-fixture', readonly string[]>> = {
  'ci-fixture': ['.github', '.circleci', '.buildkite', '.gitlab', 'test-resources', 'testresources'],
  test: [
    'test',
    'tests',
    '__tests__',
    '__test__',
    'spec',
    'specs',
    'e2e',
    'e2e-tests',
    'integration-tests',
    'integration-test',
    'integration',
    'testdata',
    'test-data',
    'test_data',
    'fixtures',
    '__fixtures__',
    '__mocks__',
    'mocks',
    'testing',
    'test-utils',
    'test-util',
    'testutils',
    'test-helpers',
    'test-support',
    'cypress',
    'playwright',
    '*-test',
    '*-tests',
    '*_test',
    '*_tests',
    'test-*',
    'tests-*',
    '*-e2e',
  ],
  example: [
    'example',
    'examples',
    'sample',
    'samples',
    'demo',
    'demos',
    'docs',
    'doc',
    'documentation',
    'doctests',
    'doc-tests',
    'benchmark',
    'benchmarks',
    'bench',
    'benches',
    'playground',
    'tutorial',
    'tutorials',
    'quickstart',
    'examples-*',
    '*-example',
    '*-examples',
    'example-*',
  ],
};

/**
 * Test runners whose own files (`jest.config.*`, `vitest.<anything>.setup.*`, `mocha-setup.*`) only
 * ever run under the runner. `vite` is not one: `vite.config.*` builds the app.
 */
const TEST_RUNNERS = ['jest', 'vitest', 'mocha', 'ava', 'karma', 'jasmine', 'playwright', 'cypress', 'wdio', 'uvu'] as const;

/**
 * File-name patterns (the last path segment). Every pattern ends in `.*` (any extension), so the
 * ESLint globs can swap it for the JS/TS extensions.
 */
export const TIER_FILES: Readonly<Record<'test' | 'example', readonly string[]>> = {
  test: [
    '*.test.*',
    '*.spec.*',
    '*_test.*',
    '*-test.*',
    '*.e2e-spec.*',
    '*.e2e.*',
    '*.integration.*',
    'test.*',
    'tests.*',
    'test-*.*',
    'test_*.*',
    'setup-tests.*',
    'setup_tests.*',
    'setupTests.*',
    'setupTest.*',
    'testSetup.*',
    'testsSetup.*',
    // Test-runner files: `<runner>.<anything>.*` and `<runner>-setup*.*` (`vitest.node-redis.setup.ts`,
    // `jest.setup.redis.js`, `vitest.postgres.global-setup.ts`, `jest-setup.ts`, `vitest.workspace.ts`).
    ...TEST_RUNNERS.flatMap((r) => [`${r}.*.*`, `${r}-*.*`, `${r}_*.*`, `setup-${r}.*`, `setup${r[0].toUpperCase()}${r.slice(1)}.*`]),
    // Global setup/teardown modules named for it (`redisGlobalSetup.ts`, `e2e.global-teardown.ts`).
    '*global-setup*.*',
    '*globalSetup*.*',
    '*global_setup*.*',
    '*global-teardown*.*',
    '*globalTeardown*.*',
    '*global_teardown*.*',
  ],
  example: ['example.*', '*.example.*', 'example-*.*', '*-example.*', 'demo.*', '*.bench.*', 'bench.*', 'benchmark.*'],
};

/** Helm chart-testing inputs: `ci/*-values.yaml` beside a chart, also in vendored charts. */
const CHART_TESTING_VALUES = /(^|\/)ci\/[^/]*values[^/]*\.ya?ml$/i;
/** Helm test hooks: `templates/tests/`. */
const CHART_TESTS = /(^|\/)templates\/tests\//i;

export interface TierOptions {
  /**
   * The user's own patterns per tier, in .gitignore syntax relative to the root; checked before the
   * built-in ones, `production` first, so a file can be taken back into production.
   */
  patterns?: Partial<Record<Tier, readonly string[]>>;
  /** Environment aliases (for the dev tier). */
  environment?: EnvironmentOptions;
}

/** `*-tests` -> /^[^/]*-tests$/i; `{a,b}` is not used in names, so only `*` is special. */
function nameTest(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`, 'i');
}

/** One alternation per tier: every file of a scan is asked, one regex call beats dozens. */
function namesTest(patterns: readonly string[]): RegExp {
  return new RegExp(patterns.map((p) => nameTest(p).source).join('|'), 'i');
}

const folderTests = Object.fromEntries(
  Object.entries(TIER_FOLDERS).map(([tier, names]) => [tier, namesTest(names)]),
) as Record<keyof typeof TIER_FOLDERS, RegExp>;
const fileTests = Object.fromEntries(
  Object.entries(TIER_FILES).map(([tier, names]) => [tier, namesTest(names)]),
) as Record<keyof typeof TIER_FILES, RegExp>;

/** Folder names recur on every path below them: each is classified once. */
const folderKinds = new Map<string, number>();
const CI_FOLDER = 1;
const TEST_FOLDER = 2;
const EXAMPLE_FOLDER = 4;
const DEV_FOLDER = 8;

function folderKind(folder: string): number {
  let kind = folderKinds.get(folder);
  if (kind === undefined) {
    kind =
      (folderTests['ci-fixture'].test(folder) ? CI_FOLDER : 0) |
      (folderTests.test.test(folder) ? TEST_FOLDER : 0) |
      (folderTests.example.test(folder) ? EXAMPLE_FOLDER : 0) |
      (DEV_FOLDERS.has(folder.toLowerCase()) ? DEV_FOLDER : 0);
    if (folderKinds.size > 50_000) folderKinds.clear();
    folderKinds.set(folder, kind);
  }
  return kind;
}

const userMatchers = new WeakMap<object, Array<[Tier, ReturnType<typeof ignoreFactory>]>>();

/** Loaded only when a user writes tier patterns: importing the plugin stays cheap for everyone else. */
function ignore(): ReturnType<typeof ignoreFactory> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (plugin load time)
  return (require('ignore') as typeof ignoreFactory)();
}

function userTier(path: string, options: TierOptions): Tier | undefined {
  const patterns = options.patterns;
  if (!patterns) return undefined;
  let matchers = userMatchers.get(patterns);
  if (!matchers) {
    matchers = TIERS.filter((t) => patterns[t]?.length).map((t) => [t, ignore().add([...patterns[t]!])]);
    userMatchers.set(patterns, matchers);
  }
  if (!path || path.startsWith('..') || path.startsWith('/')) return undefined;
  for (const [tier, matcher] of matchers) if (matcher.ignores(path)) return tier;
  return undefined;
}

/**
 * The tier a path's folders and file name give (tests, examples, CI fixtures; then dev-environment
 * folders), before its environment.
 */
function contextTierOf(normalized: string, byName = true): Tier | undefined {
  const parts = normalized.split('/').filter((p) => p && p !== '.');
  const name = parts[parts.length - 1] ?? '';
  const folders = parts.slice(0, -1);
  if (CHART_TESTING_VALUES.test(normalized) || CHART_TESTS.test(normalized)) return 'ci-fixture';
  let kinds = 0;
  for (const f of folders) kinds |= folderKind(f);
  if (kinds & CI_FOLDER) return 'ci-fixture';
  if (kinds & TEST_FOLDER) return 'test';
  if (kinds & EXAMPLE_FOLDER) return 'example';
  if (byName) {
    if (fileTests.test.test(name)) return 'test';
    if (fileTests.example.test(name)) return 'example';
  }
  if (kinds & DEV_FOLDER) return 'dev';
  return undefined;
}

/** The tier the built-in patterns give a path (relative to the project root, forward slashes). */
export function builtinTierOf(path: string, environment: EnvironmentOptions = {}): Tier {
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const context = contextTierOf(normalized);
  if (context) return context;
  const env = environmentOf(normalized, environment);
  if (env === 'test') return 'test';
  if (env === 'dev') return 'dev';
  return 'production';
}

/**
 * True for a file that is not a deployment: a test, example or CI fixture by its folders, name or
 * the user's tier patterns. A file named for the `test` environment (`values-test.yaml`) is a
 * deployment of that environment, so drift still compares it.
 */
export function isThrowawayPath(path: string, options: TierOptions = {}): boolean {
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const user = userTier(normalized, options);
  if (user !== undefined) return isRelaxedTier(user);
  // `values-test.yaml`, `docker-compose.test.yml`: the name says the environment, not a test file.
  const context = contextTierOf(normalized, environmentOf(normalized, options.environment) !== 'test');
  return context !== undefined && isRelaxedTier(context);
}

/**
 * The tier of a path relative to the project root: the user's patterns first, then the built-in
 * ones; `hint` is what a scanner knows from the file's content (a compose file of backing services
 * only is `dev`), used where the path alone says `production`.
 */
export function tierOf(path: string, options: TierOptions = {}, hint?: Exclude<Tier, 'production'>): Tier {
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const user = userTier(normalized, options);
  if (user) return user;
  const builtin = builtinTierOf(normalized, options.environment);
  return builtin === 'production' && hint ? hint : builtin;
}

export function isRelaxedTier(tier: Tier): boolean {
  return RELAXED_TIERS.includes(tier);
}

/** JS/TS extensions the ESLint tier configs match; never JSON, snapshots or templates. */
export const SOURCE_EXTENSIONS = ['js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx'] as const;

/** Flat-config `files` globs for the relaxed tiers' JS/TS files, generated from the lists above. */
export function relaxedSourceGlobs(): string[] {
  const ext = `{${SOURCE_EXTENSIONS.join(',')}}`;
  const folders = [...TIER_FOLDERS.test, ...TIER_FOLDERS.example, ...TIER_FOLDERS['ci-fixture']];
  const files = [...TIER_FILES.test, ...TIER_FILES.example];
  return [
    ...folders.map((f) => `**/${f}/**/*.${ext}`),
    ...files.map((f) => `**/${f.slice(0, -2)}.${ext}`),
  ];
}
