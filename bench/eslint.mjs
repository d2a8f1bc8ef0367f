// ESLint overhead of the plugin: lints a fixed sample of real JS/TS (this project's node_modules)
// with ESLint + parser alone, then with `configs.recommended`, in interleaved rounds within one
// run, and prints the added time as a ratio. A second corpus prepends a Redis import to every
// file, so the rules never bail out early: the worst case.
// Run through `npm run bench` (builds first); `--rounds N` and `--files N` override the defaults.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ESLint } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const plugin = require(join(root, 'dist/src/index.js'));

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROUNDS = arg('rounds', 5);
const WANT = arg('files', 200);

const corpus = sampleCorpus(root, WANT);
const REDIS_LINE = {
  js: "const Redis = require('ioredis'); const redis = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });\n",
  cjs: "const Redis = require('ioredis'); const redis = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });\n",
  mjs: "import Redis from 'ioredis'; const redis = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });\n",
  ts: "import Redis from 'ioredis'; const redis = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });\n",
};
const worstCase = corpus.map((f) => ({ ...f, text: REDIS_LINE[f.ext] + f.text }));
const bytes = corpus.reduce((n, f) => n + f.text.length, 0);

const languages = [
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
  { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  { files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' } },
];
const withPluginConfig = [...languages, ...plugin.configs.recommended];
const noop = { rules: { noop: { meta: { schema: [] }, create: () => ({}) } } };
let jsRecommended;
try {
  jsRecommended = require('@eslint/js').configs.recommended;
} catch {
  jsRecommended = undefined;
}
// Each variant lints the same files; `base` names the variant it is compared with.
const variants = [
  { name: 'parser alone', config: languages },
  { name: 'parser + one no-op rule', config: [...languages, { plugins: { bench: noop }, rules: { 'bench/noop': 'error' } }] },
  { name: 'plugin recommended', config: withPluginConfig },
  ...(jsRecommended
    ? [
        { name: '@eslint/js recommended', config: [...languages, jsRecommended] },
        { name: '@eslint/js recommended + plugin', config: [...languages, jsRecommended, ...plugin.configs.recommended] },
      ]
    : []),
];
const comparisons = [
  ['plugin recommended', 'parser alone', 'over ESLint + parser alone (the issue\'s figure)'],
  ['plugin recommended', 'parser + one no-op rule', 'over ESLint running any rule at all (the plugin\'s own work)'],
  ['@eslint/js recommended + plugin', '@eslint/js recommended', 'over a project already using @eslint/js recommended'],
];

// One ESLint instance per variant, built once, as an editor or `eslint .` does: configs and rule
// option schemas are resolved once and cached, not per file.
const engines = new Map();
function engine(variant) {
  if (!engines.has(variant.name)) {
    engines.set(variant.name, new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: variant.config }));
  }
  return engines.get(variant.name);
}

/** CPU milliseconds used by one lint of one file (process CPU, so other processes do not count). */
async function lintOne(variant, file) {
  const eslint = engine(variant);
  const start = process.cpuUsage();
  await eslint.lintText(file.text, { filePath: join(root, file.name) });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function measure(label, files) {
  for (const v of variants) for (const f of files.slice(0, 100)) await lintOne(v, f); // warm-up
  // Interleaved per file: each file is linted by every variant back to back, in a rotating
  // order, so all variants see the same machine load; per-round totals give the ratios.
  const times = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    globalThis.gc?.();
    const total = Object.fromEntries(variants.map((v) => [v.name, 0]));
    for (let i = 0; i < files.length; i++) {
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(i + k + round) % variants.length];
        total[v.name] += await lintOne(v, files[i]);
      }
    }
    for (const v of variants) times[v.name].push(total[v.name]);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\n${label}`);
  for (const v of variants) console.log(`  ${v.name.padEnd(34)} ${median(times[v.name]).toFixed(0).padStart(7)} ms CPU (median of ${ROUNDS})`);
  const out = {};
  for (const [a, b, what] of comparisons) {
    if (!times[a] || !times[b]) continue;
    // Ratio of the totals over all rounds: per-round ratios swing with where GC pauses land.
    const sum = (xs) => xs.reduce((x, y) => x + y, 0);
    const ratio = sum(times[a]) / sum(times[b]);
    out[a + '|' + b] = ratio;
    console.log(`  ratio ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}% added) ${what}`);
  }
  // ESLint's own per-rule timing (`stats`): the time spent inside the plugin's rules, measured
  // directly instead of as a difference of two noisy totals.
  const stats = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: withPluginConfig, stats: true });
  let rules = 0;
  let all = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const f of files) {
      const [result] = await stats.lintText(f.text, { filePath: join(root, f.name) });
      for (const pass of result.stats?.times.passes ?? []) {
        all += Number(pass.total) || 0;
        for (const [id, t] of Object.entries(pass.rules ?? {})) if (id.startsWith("redis-auth/")) rules += Number(t.total) || 0;
      }
    }
  }
  out.ruleShare = rules / all;
  console.log(`  time inside the plugin's rules (ESLint stats): ${(rules / ROUNDS).toFixed(1)} ms of ${(all / ROUNDS).toFixed(0)} ms per pass = ${((rules / all) * 100).toFixed(2)}%`);
  return out;
}

console.log(`corpus: ${corpus.length} files, ${(bytes / 1e6).toFixed(1)} MB from node_modules, ${ROUNDS} interleaved rounds`);
const typical = await measure('typical: the files as they are', corpus);
await measure('worst case: every file imports ioredis and opens a connection', worstCase);
const headline = typical['plugin recommended|parser alone'];
console.log(
  `\nplugin overhead (recommended, typical corpus): ${((headline - 1) * 100).toFixed(1)}% over ESLint + parser alone by totals; ` +
    `${(typical.ruleShare * 100).toFixed(2)}% of lint time spent in the plugin's rules (target < 5%)`,
);
