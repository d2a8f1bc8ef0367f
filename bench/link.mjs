// `npm run bench` (via bench/run.mjs): what following code into deployments (src/link/) costs.
//
// Two repositories: the bundled demo (fixtures/demo) and a generated monorepo of 2,000 source
// files (bench/.work/link-monorepo: 40 packages of 50 files, one Redis connection per package read
// from REDIS_URL, a compose file that builds every package, Kubernetes Deployments running their
// images, a Redis with a password). For each, in one run with interleaved rounds:
//   scan    redis-auth's engine without the link (configs only) vs with it (JS/TS sources read
//           through the rules' analysis, units linked and judged), each round in a fresh process
//           so module loading counts. Target: at most +20%.
//   eslint  ESLint (lintFiles, as the CLI) with configs.recommended minus deployed-connections vs
//           with it, each round in a fresh process. Target: at most +5%.
// "With" is measured twice: a first run (REDIS_AUTH_CACHE=0: everything computed, the analysis
// and the engine loaded) and a cached run (the stamp caches of a previous run, files unchanged),
// which is what a repeated scan, a pre-commit hook or the next ESLint run pays. The targets are
// checked on the cached run; both are printed.
// Times are CPU (user + system) of the child process: other load on the machine barely moves them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const WORK = join(here, '.work', 'link-monorepo');
const GENERATOR_VERSION = '1';
const PACKAGES = 40;
const FILES_PER_PACKAGE = 50;
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROUNDS = arg('rounds', 5);
const SCAN_TARGET = 1.2;
const ESLINT_TARGET = 1.05;

function write(rel, text) {
  const abs = join(WORK, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

function generate() {
  rmSync(WORK, { recursive: true, force: true });
  write('package.json', '{ "name": "bench-platform", "private": true, "workspaces": ["packages/*"] }\n');
  write('.gitignore', 'node_modules/\n');
  let compose = 'services:\n  redis:\n    image: redis:7.4\n    command: redis-server --requirepass ${REDIS_PASSWORD:?}\n';
  for (let p = 0; p < PACKAGES; p++) {
    const name = `svc-${String(p).padStart(2, '0')}`;
    const dir = `packages/${name}`;
    write(`${dir}/package.json`, `{ "name": "@bench/${name}", "private": true }\n`);
    write(`${dir}/src/redis.ts`, "import Redis from 'ioredis';\n\nexport const redis = new Redis(process.env.REDIS_URL as string);\n");
    for (let i = 1; i < FILES_PER_PACKAGE; i++) {
      const body = `export function f${i}(items: number[]): number {\n  let total = 0;\n  for (const item of items) total += item * ${i % 13};\n  return total;\n}\n`;
      write(`${dir}/src/module-${i}.ts`, body.repeat(1 + (i % 4)));
    }
    const url = p % 5 === 0 ? 'redis://redis:6379/0' : 'redis://:${REDIS_PASSWORD:?}@redis:6379/0';
    compose += `  ${name}:\n    build: ./${dir}\n    environment:\n      REDIS_URL: ${url}\n`;
    write(
      `deploy/prod/${name}.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/bench/${name}:1.0.0\n          env:\n            - name: REDIS_URL\n              valueFrom:\n                secretKeyRef: { name: ${name}-redis, key: url }\n`,
    );
  }
  write('docker-compose.yml', compose);
  write('.bench-version', GENERATOR_VERSION);
}

/** One measurement in a fresh process; prints `{ cpuMs, findings }`. */
function child(args, cache = '0') {
  const env = { ...process.env, REDIS_AUTH_CACHE: cache };
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function runChild(kind, variant, root) {
  if (kind === 'scan') {
    const { runScan } = await import(join(pkgRoot, 'dist/src/engine/run.js'));
    const request = { root };
    if (variant === 'with') {
      const { lazyCodeReader } = await import(join(pkgRoot, 'dist/src/cli/code-reader.js'));
      request.code = lazyCodeReader(root);
    }
    const outcome = runScan(request);
    return { cpuMs: cpuMs(), findings: outcome.findings.length, link: outcome.findings.filter((f) => f.ruleId.startsWith('app-')).length };
  }
  // eslint: the CLI's own code path (config loading, file enumeration, linting), in process.
  const { ESLint } = await import('eslint');
  const { default: plugin } = await import(join(pkgRoot, 'dist/src/index.js'));
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const recommended = plugin.configs.recommended.map((c) =>
    variant === 'with' ? c : { ...c, rules: Object.fromEntries(Object.entries(c.rules ?? {}).filter(([id]) => id !== 'redis-auth/deployed-connections')) },
  );
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' } },
      ...recommended,
      { settings: { 'redis-auth': { deployments: { root } } } },
    ],
  });
  const results = await eslint.lintFiles(root === WORK ? ['packages'] : ['app']);
  const messages = results.flatMap((r) => r.messages);
  return { cpuMs: cpuMs(), findings: messages.length, link: messages.filter((m) => m.ruleId === 'redis-auth/deployed-connections').length };
}

if (process.argv[2] === '--child') {
  const [kind, variant, root] = process.argv.slice(3);
  process.stdout.write(`${JSON.stringify(await runChild(kind, variant, root))}\n`);
} else {
  if (!existsSync(join(pkgRoot, 'dist/src/engine/run.js'))) {
    console.error('bench/link.mjs: build first (npm run bench does)');
    process.exit(1);
  }
  const stamp = join(WORK, '.bench-version');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== GENERATOR_VERSION) generate();
  const repos = [
    ['demo', join(pkgRoot, 'fixtures/demo')],
    [`monorepo (${PACKAGES * FILES_PER_PACKAGE} source files)`, WORK],
  ];
  let failed = false;
  for (const [label, root] of repos) {
    for (const [kind, target] of [['scan', SCAN_TARGET], ['eslint', ESLINT_TARGET]]) {
      child([kind, 'without', root]); // warm the page cache
      child([kind, 'with', root], '1'); // and the stamp cache for the warm variant
      const sums = { without: 0, cold: 0, warm: 0 };
      let last;
      const variants = [
        ['without', 'without', '0'],
        ['cold', 'with', '0'],
        ['warm', 'with', '1'],
      ];
      for (let round = 0; round < ROUNDS; round++) {
        // Rotate the order, so every variant sees the same machine load.
        for (let k = 0; k < variants.length; k++) {
          const [name, variant, cache] = variants[(k + round) % variants.length];
          const r = child([kind, variant, root], cache);
          sums[name] += r.cpuMs;
          if (name === 'warm') last = r;
        }
      }
      const cold = sums.cold / sums.without;
      const warm = sums.warm / sums.without;
      const ok = warm <= target;
      failed ||= !ok;
      const pct = (r) => `+${((r - 1) * 100).toFixed(1)}%`;
      console.log(
        `${label.padEnd(30)} ${kind.padEnd(6)} without ${(sums.without / ROUNDS).toFixed(0).padStart(5)} ms CPU; with the link: ` +
          `first run ${(sums.cold / ROUNDS).toFixed(0).padStart(5)} ms (${pct(cold)}), cached ${(sums.warm / ROUNDS).toFixed(0).padStart(5)} ms (${pct(warm)}; ` +
          `target <= +${((target - 1) * 100).toFixed(0)}% ${ok ? 'met' : 'MISSED'}); ${last.link} link findings`,
      );
    }
  }
  process.exitCode = failed ? 1 : 0;
}
