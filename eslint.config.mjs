// The project's own lint (`npm run lint`): typescript-eslint strict + type-checked on all
// TypeScript, eslint-plugin-eslint-plugin on the rules and their tests, the layer boundaries of
// README "Developing" as import rules, and this plugin's own recommended config (from the build,
// so `npm run lint` builds first).
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import importX from 'eslint-plugin-import-x';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const require = createRequire(import.meta.url);
const redisAuth = require('./dist/src/index.js');

const SCANNER_KINDS = readdirSync(new URL('./scanners', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** `target` may import, of the package (src, rules, scanners), only `allowed` and itself. */
function onlyFrom(target, allowed, why) {
  const inSrc = allowed.filter((p) => p.startsWith('src/')).map((p) => `./${p.slice('src/'.length)}`);
  const own = target.startsWith('src/') ? [`./${target.slice('src/'.length)}`] : [];
  const zone = (from, except) => ({ target, from, except, message: why });
  return [
    zone('src', [...inSrc, ...own]),
    ...['rules', 'scanners']
      .filter((top) => !allowed.includes(top) && !target.startsWith(`${top}/`) && target !== top)
      .map((top) => zone(top, [])),
  ];
}

/** The dependency rules of README "Developing", one zone per forbidden edge. */
export const boundaryZones = [
  ...onlyFrom('src/core', [], 'src/core imports nothing else of the package.'),
  ...onlyFrom('src/engine/kit', ['src/core'], 'The scanner kit uses src/core only.'),
  ...SCANNER_KINDS.flatMap((kind) => [
    ...onlyFrom(`scanners/${kind}`, ['src/core', 'src/engine/kit'], 'A scanner uses src/core and src/engine/kit only.'),
    {
      target: `scanners/${kind}`,
      from: 'scanners',
      except: [`./${kind}`],
      message: 'A scanner never imports a sibling scanner: move what both need into src/engine/kit.',
    },
  ]),
  ...onlyFrom('src/drift', ['src/core', 'src/engine/kit'], 'src/drift uses src/core and src/engine/kit only.'),
  ...onlyFrom('src/link', ['src/core', 'src/engine/kit'], 'src/link uses src/core and src/engine/kit only.'),
  ...onlyFrom('src/verify', ['src/core'], 'src/verify uses src/core only.'),
  ...onlyFrom('rules', ['src/core', 'src/engine', 'src/link'], 'ESLint rules use src/core, src/engine and src/link only.'),
  ...onlyFrom('src/index.ts', ['rules'], 'The plugin entry imports only rules/.'),
  {
    target: ['src/core', 'src/engine', 'src/drift', 'src/link', 'src/verify', 'src/index.ts', 'rules', 'scanners'],
    from: 'src/cli',
    message: 'Nothing imports src/cli: the command is the top of the stack.',
  },
];

/** The boundary rules as one config object (test/package/boundaries.test.ts lints against it). */
export const boundaries = {
  name: 'self/boundaries',
  files: ['src/**/*.ts', 'rules/**/*.ts', 'scanners/**/*.ts'],
  plugins: { 'import-x': importX },
  settings: {
    'import-x/resolver-next': [importX.createNodeResolver({
        extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
        // TypeScript's node16 resolution: `./x.js` names the source `./x.ts`.
        extensionAlias: { '.js': ['.ts', '.js'] },
      })],
  },
  rules: {
    'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: boundaryZones }],
    // An import the resolver cannot follow would escape the boundary check.
    'import-x/no-unresolved': ['error', { commonjs: true }],
  },
};

const TS_FILES = ['**/*.ts'];
const JS_FILES = ['**/*.{js,mjs,cjs}'];

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'fixtures/**', 'bench/.work/**', 'tmp/**', 'test/types/**', 'docs/recipes/**'],
  },
  {
    name: 'self/typescript',
    files: TS_FILES,
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'vitest.slow.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Line numbers and counts in messages are the point of most templates here.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // AST types are compared as strings on purpose: the AST_NODE_TYPES enum is run-time code of
      // @typescript-eslint/utils, which the plugin must not load (README: plugin load time).
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Without noUncheckedIndexedAccess the types say `list[i]` and regex groups always exist, so
      // this rule asks to delete the guards that keep hostile input from crashing a scan.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `(node) => noteCall(ctx, node)` as a listener is clearer than a block around one call.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Each `!` states what the lines above established (a Map entry just set, a group of a regex
      // that matched); spelling those out would add branches that cannot run.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The commands share one async signature; verify awaits the network, scan and drift do not.
      '@typescript-eslint/require-await': 'off',
      // `_name`: a parameter an interface requires but this implementation does not read (as tsc).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'self/tests',
    files: ['test/**/*.ts'],
    rules: {
      // Tests read JSON.parse output and the CLI's JSON and assert on it; expect() is the type check.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-plus-operands': ['error', { allowAny: true }],
      // `delete process.env[name]` is how a test unsets a variable.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // expect(spy.method) and vi.fn() members are passed unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    name: 'self/javascript',
    files: JS_FILES,
    extends: [...tseslint.configs.strict],
    languageOptions: { sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    name: 'self/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // require() is how a CommonJS file imports.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'self/eslint-rules',
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.rules,
    rules: {
      ...eslintPlugin.configs.rules.rules,
      // createRule (rules/create-rule.ts) sets meta.docs.url from the rule name.
      'eslint-plugin/require-meta-docs-url': 'off',
      // One sentence each, capitalised (the docs tables are generated from them); the verbs vary
      // ("Report …" for config files, "Check …" for deployments) because the rules do.
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^[A-Z][a-z]+ ' }],
    },
  },
  {
    name: 'self/eslint-rule-tests',
    files: ['test/rules/**/*.ts'],
    ...eslintPlugin.configs.tests,
  },
  boundaries,
  // This plugin on its own code and tests.
  ...redisAuth.configs.recommended,
);
