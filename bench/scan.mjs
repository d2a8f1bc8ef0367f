// `npm run bench` (via bench/run.mjs): scan speed on a generated 20,000-file monorepo.
//
// Generates bench/.work/monorepo (gitignored; reused while the generator version is unchanged):
// 20,000 files, of which a few hundred are Redis configs of every kind (redis.conf, ACL, sentinel,
// compose, Helm charts, Kubernetes manifests, .env), thousands are irrelevant YAML (CI workflows,
// other services' manifests and charts, OpenAPI specs) and the rest is source code and docs; plus a
// node_modules folder that discovery must skip. Then, each in a fresh child process so that peak
// RSS is the scan's own:
//   floor    the I/O floor: a bare readdir walk of the tree (node_modules skipped) and a plain read
//            of every file the scan discovers, nothing else
//   engine   runScan() in process
//   cli      the built CLI, `redis-auth scan --format json`, node startup included
// and prints wall time, peak RSS and the ratio to the floor. Targets: < 1.5 s wall, < 200 MB peak.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const require = createRequire(import.meta.url);
const WORK = join(here, '.work', 'monorepo');
const GENERATOR_VERSION = '3';
const TOTAL_FILES = 20_000;
const RUNS = 3;
const TARGET_WALL_MS = 1500;
const TARGET_RSS_MB = 200;

// ---------- generation ----------

function write(rel, text) {
  const abs = join(WORK, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/** Deterministic pseudo-random, so every run scans the same tree. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function generate() {
  rmSync(WORK, { recursive: true, force: true });
  const rand = rng(42);
  let count = 0;
  const add = (rel, text) => {
    write(rel, text);
    count++;
  };
  const services = 60;
  for (let s = 0; s < services; s++) {
    const svc = `services/svc-${String(s).padStart(2, '0')}`;
    // Relevant: about 6 per service, every kind, weak and strong.
    add(`${svc}/docker-compose.yml`, composeFile(s));
    add(`${svc}/.env`, `PORT=${3000 + s}\nREDIS_URL=redis://${s % 3 ? ':s3cr3t-' + s + '-Xq9v@' : ''}cache:6379/0\nLOG_LEVEL=info\n`);
    add(`${svc}/.env.example`, 'PORT=3000\nREDIS_URL=redis://:<password>@localhost:6379/0\n');
    add(`${svc}/config/redis.conf`, confFile(s));
    add(`${svc}/deploy/k8s/redis.yaml`, k8sRedis(s));
    if (s % 2 === 0) {
      add(`${svc}/deploy/chart/Chart.yaml`, `apiVersion: v2\nname: svc-${s}\nversion: 0.1.${s}\ndependencies:\n  - name: redis\n    version: 20.1.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n`);
      add(`${svc}/deploy/chart/values.yaml`, `redis:\n  auth:\n    enabled: true\n    existingSecret: svc-${s}-redis\n`);
      add(`${svc}/deploy/chart/values-prod.yaml`, `redis:\n  master:\n    service:\n      type: ClusterIP\n`);
      add(`${svc}/deploy/chart/values-dev.yaml`, `redis:\n  auth:\n    enabled: ${s % 4 === 0 ? 'false' : 'true'}\n`);
    }
    if (s % 10 === 0) {
      add(`${svc}/config/sentinel.conf`, `port 26379\nsentinel monitor mymaster 10.0.0.${s} 6379 2\nsentinel auth-pass mymaster Fq8${s}mZ2vK7pL\n`);
      add(`${svc}/config/users.acl`, `user default off\nuser app on #${'ab'.repeat(32)} ~app:* +@read +@write\n`);
    }
    // Irrelevant YAML: CI, manifests and charts of other software, API specs.
    add(`${svc}/.github/workflows/ci.yml`, `name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n`);
    add(`${svc}/deploy/k8s/web.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${s}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`);
    add(`${svc}/openapi.yaml`, openapi(s, rand));
  }
  // Other teams' infrastructure: plenty of YAML, none of it Redis.
  for (let i = 0; count < 5_000; i++) {
    const team = `infra/team-${i % 40}`;
    const r = rand();
    if (r < 0.4) add(`${team}/manifests/app-${i}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${i}\ndata:\n  LOG_LEVEL: info\n  FEATURE_X: "${i % 2 === 0}"\n`);
    else if (r < 0.6) add(`${team}/compose/postgres-${i}.yml`, `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n`);
    else if (r < 0.8) add(`${team}/ansible/role-${i}.yml`, `- hosts: all\n  tasks:\n    - name: install\n      apt:\n        name: htop\n`);
    else add(`${team}/conf/nginx-${i}.conf`, `server {\n  listen 80;\n  location / { proxy_pass http://app:${8000 + (i % 100)}; }\n}\n`);
  }
  // Source code and docs up to the total.
  for (let i = 0; count < TOTAL_FILES; i++) {
    const pkg = `packages/pkg-${i % 120}`;
    const r = rand();
    if (r < 0.7) add(`${pkg}/src/module-${i}.ts`, `export function f${i}(x: number): number {\n  return x * ${i % 97} + ${i};\n}\n`.repeat(1 + (i % 5)));
    else if (r < 0.85) add(`${pkg}/test/module-${i}.test.ts`, `import { f${i} } from '../src/module-${i}';\nit('works', () => expect(f${i}(1)).toBe(${(i % 97) + i}));\n`);
    else if (r < 0.95) add(`${pkg}/docs/page-${i}.md`, `# Page ${i}\n\nSome text about module ${i}.\n`);
    else add(`${pkg}/fixtures/data-${i}.json`, JSON.stringify({ id: i, name: `item-${i}`, tags: ['a', 'b'] }) + '\n');
  }
  // Dependencies: never scanned, never even listed.
  for (let i = 0; i < 3_000; i++) write(`node_modules/dep-${i % 300}/lib/file-${i}.yaml`, `redis:\n  auth:\n    enabled: false\n`);
  write('.gitignore', 'node_modules/\ndist/\n*.log\n');
  write('.bench-version', GENERATOR_VERSION);
  return count;
}

function composeFile(s) {
  const image = ['redis:7.4', 'bitnami/redis:7.2', 'valkey/valkey:8', 'redis/redis-stack-server:latest'][s % 4];
  const auth = s % 3 === 0 ? '' : '    command: redis-server --requirepass ${REDIS_PASSWORD:?set it}\n';
  const env = image.startsWith('bitnami') ? '    environment:\n      - ALLOW_EMPTY_PASSWORD=yes\n' : '';
  return `services:\n  cache:\n    image: ${image}\n${auth}${env}    ports:\n      - "${s % 2 ? '127.0.0.1:' : ''}${6379 + s}:6379"\n  app:\n    build: .\n    environment:\n      REDIS_URL: redis://cache:6379\n`;
}

function confFile(s) {
  const lines = ['# generated', `port ${6379 + (s % 5)}`, 'bind 127.0.0.1 -::1'];
  if (s % 3 === 1) lines.push('requirepass foobared');
  else if (s % 3 === 2) lines.push(`requirepass Lk9${s}Qz4vX8mR2pWt`);
  if (s % 7 === 0) lines.push('protected-mode no', 'bind 0.0.0.0');
  lines.push('maxmemory 128mb', 'appendonly yes');
  return lines.join('\n') + '\n';
}

function k8sRedis(s) {
  const env = s % 2 ? `            - name: REDIS_PASSWORD\n              valueFrom:\n                secretKeyRef: { name: redis-${s}, key: password }\n` : `            - name: REDIS_PASSWORD\n              value: "Pw${s}xZ8qL3vN6mK1"\n`;
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis-${s}\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis:7.2\n          args: ["--requirepass", "$(REDIS_PASSWORD)"]\n          env:\n${env}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: redis-${s}\nspec:\n  type: ${s % 5 === 0 ? 'LoadBalancer' : 'ClusterIP'}\n  ports:\n    - port: 6379\n`;
}

function openapi(s, rand) {
  const paths = Array.from({ length: 20 + Math.floor(rand() * 40) }, (_, i) => `  /v1/items-${s}-${i}:\n    get:\n      summary: List items ${i}\n      responses:\n        "200":\n          description: ok\n`).join('');
  return `openapi: 3.0.3\ninfo:\n  title: svc-${s}\n  version: 1.0.0\npaths:\n${paths}`;
}

// ---------- measurement (each in a child process) ----------

function child(mode) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function measureFloor() {
  const { readdirSync } = require('node:fs');
  const { discoverFiles } = require(join(pkgRoot, 'dist/src/engine/discovery.js'));
  const files = discoverFiles({ root: WORK }).files; // the list to read, computed outside the timing
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  // The bare walk: readdir of every folder but node_modules, no name or ignore matching at all.
  let entries = 0;
  const stack = [WORK];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      entries++;
      if (e.isDirectory() && e.name !== 'node_modules') stack.push(join(dir, e.name));
    }
  }
  let bytes = 0;
  for (const f of files) bytes += readFileSync(join(WORK, f)).length;
  const ms = performance.now() - start;
  return { ms, cpuMs: cpuSince(cpu0), rssMb: process.resourceUsage().maxRSS / 1024, files: files.length, bytes, entries };
}

function measureEngine() {
  const { runScan } = require(join(pkgRoot, 'dist/src/engine/run.js'));
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const outcome = runScan({ root: WORK });
  const ms = performance.now() - start;
  return {
    ms,
    cpuMs: cpuSince(cpu0),
    rssMb: process.resourceUsage().maxRSS / 1024,
    considered: outcome.filesConsidered,
    scanned: outcome.filesScanned,
    findings: outcome.findings.length,
    diagnostics: outcome.diagnostics.length,
  };
}

function measureCli() {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(join(pkgRoot, 'dist/src/cli/main.js'))}).main(['scan','--format','json','--fail-on','none']).then((c)=>{const u=process.resourceUsage();process.stderr.write('MAXRSS '+u.maxRSS+' CPU '+(u.userCPUTime+u.systemCPUTime)+'\\n');process.exitCode=c;})`],
    { cwd: WORK, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`cli exited ${r.status}: ${r.stderr}`);
  const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  const cpuMs = Number(/CPU (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000;
  return { ms, cpuMs, rssMb: rss, findings: JSON.parse(r.stdout).findings.length };
}

/** CPU time (user + system) since `from`, in ms: unlike wall time, barely affected by other load. */
function cpuSince(from) {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[2] === '--child') {
  const mode = process.argv[3];
  const result = mode === 'floor' ? measureFloor() : mode === 'engine' ? measureEngine() : measureCli();
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  if (!existsSync(join(pkgRoot, 'dist/src/engine/run.js'))) {
    console.error('bench/scan.mjs: build first (npm run bench does)');
    process.exit(1);
  }
  const stamp = join(WORK, '.bench-version');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== GENERATOR_VERSION) {
    const t = performance.now();
    const n = generate();
    console.log(`generated ${n} files (+3000 in node_modules) under bench/.work/monorepo in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else {
    console.log('reusing bench/.work/monorepo');
  }
  child('floor'); // warm the page cache so every mode reads from memory
  const floors = [];
  const engines = [];
  const clis = [];
  for (let i = 0; i < RUNS; i++) {
    floors.push(child('floor'));
    engines.push(child('engine'));
    clis.push(child('cli'));
  }
  const floorMs = median(floors.map((r) => r.ms));
  const engineMs = median(engines.map((r) => r.ms));
  const cliMs = median(clis.map((r) => r.ms));
  const e = engines[0];
  console.log(`tree: ${TOTAL_FILES} files; ${e.considered} candidates by name, ${e.scanned} claimed by a scanner; ${e.findings} findings, ${e.diagnostics} diagnostics`);
  const row = (name, ms, cpu, rss, note = '') =>
    console.log(`${name.padEnd(8)} ${(ms / 1000).toFixed(3).padStart(7)} s wall  ${(cpu / 1000).toFixed(3).padStart(7)} s cpu  ${rss.toFixed(0).padStart(5)} MB peak  ${note}`);
  const cpuOf = (rs) => median(rs.map((r) => r.cpuMs));
  console.log(`median of ${RUNS} runs, each in a fresh process:`);
  row('floor', floorMs, cpuOf(floors), Math.max(...floors.map((r) => r.rssMb)), `bare walk + plain read of the ${floors[0].files} discovered files (${(floors[0].bytes / 1024 / 1024).toFixed(1)} MB)`);
  row('engine', engineMs, cpuOf(engines), Math.max(...engines.map((r) => r.rssMb)), `runScan() in process: ${(engineMs / floorMs).toFixed(1)}x the floor`);
  row('cli', cliMs, cpuOf(clis), Math.max(...clis.map((r) => r.rssMb)), `node dist/src/cli/main.js scan --format json, startup included: ${(cliMs / floorMs).toFixed(1)}x the floor`);
  const worstMs = Math.max(engineMs, cliMs);
  const worstRss = Math.max(...engines.map((r) => r.rssMb), ...clis.map((r) => r.rssMb));
  console.log(`load average now: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times stretch with it; cpu times do not)`);
  console.log(
    `targets: wall < ${TARGET_WALL_MS / 1000} s ${worstMs < TARGET_WALL_MS ? 'met' : 'MISSED'} (${(worstMs / 1000).toFixed(2)} s); ` +
      `peak < ${TARGET_RSS_MB} MB ${worstRss < TARGET_RSS_MB ? 'met' : 'MISSED'} (${worstRss.toFixed(0)} MB)`,
  );
}
