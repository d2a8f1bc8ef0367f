// `npm run bench` (via bench/run.mjs): scaling. Trees of 1,000, 5,000 and 20,000 real-shaped
// redis.conf and compose files (half each, a hundred per folder, with includes, replicas, anchors
// and `.env` files), each scanned by runScan() in a fresh child process. Prints CPU time per file,
// which must stay flat: a pass over all pairs of files (the old include filter took 44 s on
// 20,000 confs) shows up as per-file cost growing with the tree. Exits 1 when the 20,000-file
// tree costs more than twice per file what the 1,000-file tree does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const require = createRequire(import.meta.url);
const SIZES = [1_000, 5_000, 20_000];
const GENERATOR_VERSION = '1';
const MAX_GROWTH = 2;

function treeOf(size) {
  return join(here, '.work', `scale-${size}`);
}

function generate(size) {
  const root = treeOf(size);
  const stamp = join(root, '.bench-version');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === GENERATOR_VERSION) return;
  rmSync(root, { recursive: true, force: true });
  const write = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (let i = 0; i < size; i++) {
    const dir = `team-${Math.floor(i / 100)}`;
    if (i % 2 === 0) {
      const lines = ['# generated', `port ${6379 + (i % 5)}`, 'bind 127.0.0.1 -::1', 'include common.conf'];
      if (i % 6 === 0) lines.push(`replicaof master-${i} 6379`);
      else if (i % 6 === 2) lines.push(`requirepass Lk9${i}Qz4vX8mR2pWt`);
      else lines.push('requirepass foobared');
      lines.push('maxmemory 128mb', 'appendonly yes');
      write(`${dir}/redis-${i}.conf`, `${lines.join('\n')}\n`);
      if (i % 100 === 0) write(`${dir}/common.conf`, 'tcp-keepalive 300\nprotected-mode yes\n');
    } else {
      const auth = i % 3 === 0 ? '' : '    command: redis-server --requirepass ${REDIS_PASSWORD:?set it}\n';
      write(
        `${dir}/svc-${i}/docker-compose.yml`,
        `x-base: &base\n  restart: always\nservices:\n  cache:\n    <<: *base\n    image: redis:7.4\n${auth}    ports:\n      - "${i % 2 ? '127.0.0.1:' : ''}6379:6379"\n  app:\n    <<: *base\n    build: .\n    environment:\n      REDIS_URL: redis://cache:6379\n`,
      );
      if (i % 10 === 1) write(`${dir}/svc-${i}/.env`, `REDIS_PASSWORD=Pw${i}xZ8qL3vN6mK1\n`);
    }
  }
  write('.bench-version', GENERATOR_VERSION);
}

function measure(size) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', treeOf(size)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`scan of ${size} files failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

if (process.argv[2] === '--child') {
  const { runScan } = require(join(pkgRoot, 'dist/src/engine/run.js'));
  runScan({ root: treeOf(SIZES[0]) }); // load and warm the code once, outside the timing
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const outcome = runScan({ root: process.argv[3] });
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, ms: performance.now() - start, files: outcome.filesScanned, findings: outcome.findings.length, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
} else {
  if (!existsSync(join(pkgRoot, 'dist/src/engine/run.js'))) {
    console.error('bench/scale.mjs: build first (npm run bench does)');
    process.exit(1);
  }
  for (const size of SIZES) generate(size);
  const rows = [];
  for (const size of SIZES) {
    measure(size); // page cache
    const runs = [measure(size), measure(size), measure(size)].sort((a, b) => a.cpuMs - b.cpuMs);
    const r = runs[1];
    rows.push({ size, ...r });
    console.log(
      `${String(size).padStart(6)} files: ${String(r.files).padStart(6)} scanned, ${String(r.findings).padStart(6)} findings, ` +
        `${(r.cpuMs / 1000).toFixed(2).padStart(6)} s cpu, ${((r.cpuMs * 1000) / r.files).toFixed(0).padStart(5)} µs cpu per file, ${r.rssMb.toFixed(0)} MB peak`,
    );
  }
  const perFile = (r) => r.cpuMs / r.files;
  const growth = perFile(rows[rows.length - 1]) / perFile(rows[0]);
  console.log(`per-file cost at ${SIZES.at(-1)} files is ${growth.toFixed(2)}x that at ${SIZES[0]}: ${growth <= MAX_GROWTH ? 'flat' : `NOT FLAT (limit ${MAX_GROWTH}x)`}`);
  process.exit(growth <= MAX_GROWTH ? 0 : 1);
}
