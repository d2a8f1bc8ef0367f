// `npm run bench` (via bench/run.mjs): what the plugin adds to an `eslint` command as users run
// it, startup included.
//   import   milliseconds to require the built plugin in a fresh process that has already loaded
//            ESLint (what the plugin adds to ESLint's startup; target <= 40 ms), and on its own
//   runs     the ESLint CLI on 10 and on 700 files of real JS/TS (bench/corpus.mjs), configured
//            with the parser alone and with the plugin's `configs.recommended`, interleaved; the
//            difference of the medians is the plugin's whole cost on a pre-commit-sized and on a
//            project-sized run
// CPU time of the child process (node startup included) is the headline, since these machines are
// shared; wall time is printed beside it, and the spread (min-max) shows how much of a difference
// is noise. `--rounds N` overrides the defaults (15 rounds on 10 files, 5 on 700).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sampleCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const entry = join(root, 'dist/src/index.js');
const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const tsParser = require.resolve('@typescript-eslint/parser');
const TARGET_IMPORT_MS = 40;
const at = process.argv.indexOf('--rounds');
const roundsFor = (size) => (at > 0 ? Number(process.argv[at + 1]) : size <= 10 ? 15 : 5);
const IMPORT_RUNS = 15;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function importMs(preload) {
  const script = `${preload}const t = process.hrtime.bigint(); require(${JSON.stringify(entry)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`requiring the plugin failed: ${r.stderr}`);
  return Number(r.stdout);
}

const afterEslint = [];
const alone = [];
for (let i = 0; i < IMPORT_RUNS; i++) {
  afterEslint.push(importMs("require('eslint'); "));
  alone.push(importMs(''));
}
const importCost = median(afterEslint);
console.log(
  `import: ${importCost.toFixed(1)} ms after ESLint is loaded (target <= ${TARGET_IMPORT_MS} ms), ` +
    `${median(alone).toFixed(1)} ms on its own (medians of ${IMPORT_RUNS} fresh processes)`,
);

const work = join(root, 'bench', '.work', 'startup');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
// Reports the child's own CPU time when ESLint exits, whichever way it exits.
const cpuProbe = join(work, 'cpu-at-exit.cjs');
writeFileSync(
  cpuProbe,
  "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\nbench-cpu-ms ${(u.user + u.system) / 1000}\\n`); });\n",
);
const languages = `[
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
  { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  { files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' } },
]`;
const configs = {
  'parser alone': `import tsParser from ${JSON.stringify(pathToFileURL(tsParser).href)};\nexport default ${languages};\n`,
  'plugin recommended':
    `import tsParser from ${JSON.stringify(pathToFileURL(tsParser).href)};\n` +
    `import plugin from ${JSON.stringify(pathToFileURL(entry).href)};\n` +
    `export default [...${languages}, ...plugin.configs.recommended];\n`,
};

function eslintRun(dir, config) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', cpuProbe, eslintBin, '--config', config, 'files'], { cwd: dir, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  // 0: clean, 1: problems (parse errors in the sample count too); anything else is a broken run.
  if (r.status !== 0 && r.status !== 1) throw new Error(`eslint failed (${r.status}): ${r.stderr || r.stdout}`);
  const cpu = Number(/bench-cpu-ms ([\d.]+)/.exec(r.stderr)?.[1]);
  return { wall, cpu };
}

for (const size of [10, 700]) {
  const dir = join(work, String(size));
  for (const [i, f] of sampleCorpus(root, size).entries()) {
    mkdirSync(join(dir, 'files'), { recursive: true });
    writeFileSync(join(dir, 'files', `${i}.${f.ext}`), f.text);
  }
  const names = Object.keys(configs);
  for (const [k, name] of names.entries()) writeFileSync(join(dir, `config-${k}.mjs`), configs[name]);
  eslintRun(dir, 'config-0.mjs'); // warm the disk cache
  const ROUNDS = roundsFor(size);
  const times = Object.fromEntries(names.map((n) => [n, { wall: [], cpu: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < names.length; j++) {
      const k = (j + round) % names.length;
      const t = eslintRun(dir, `config-${k}.mjs`);
      times[names[k]].wall.push(t.wall);
      times[names[k]].cpu.push(t.cpu);
    }
  }
  console.log(`\neslint CLI on ${size} files (medians of ${ROUNDS} interleaved rounds, node startup included)`);
  for (const n of names) {
    const cpu = times[n].cpu;
    console.log(
      `  ${n.padEnd(20)} ${median(cpu).toFixed(0).padStart(6)} ms CPU (${Math.min(...cpu).toFixed(0)}-${Math.max(...cpu).toFixed(0)})` +
        ` ${median(times[n].wall).toFixed(0).padStart(6)} ms wall`,
    );
  }
  const [base, plugin] = names.map((n) => median(times[n].cpu));
  console.log(`  plugin overhead: +${(plugin - base).toFixed(0)} ms CPU (${(((plugin - base) / base) * 100).toFixed(1)}%)`);
}
rmSync(work, { recursive: true, force: true });
if (importCost > TARGET_IMPORT_MS) {
  console.log(`\nimport cost ${importCost.toFixed(1)} ms is over the ${TARGET_IMPORT_MS} ms target`);
  process.exitCode = 1;
}
