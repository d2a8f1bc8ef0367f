/**
 * Which deployment units run which package (monorepos link each package to its own units only),
 * image names from package.json or the config, the ESLint rule's stamped cache and its switch, and
 * the drift rows.
 */
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { UnitFact } from '../../src/core/facts';
import { connectionRows, linkConnections, readPackages } from '../../src/link';
import { linkReason } from '../../src/link/model';
import { imageMatches, packageOf } from '../../src/link/packages';
import { clearDeploymentCache, deploymentSide } from '../../rules/support/deployment-side';
import { runScan } from '../../src/engine/run';
import { codeReader } from '../../rules/support/read-source';
import { lintCase } from './run-fixture';

const at = { file: 'docker-compose.yml', line: 1, column: 1 };
const unit = (extra: Partial<UnitFact>): UnitFact => ({ kind: 'unit', subject: 's', label: 'u', file: 'f', source: 'compose', at, env: [], ...extra });

const packages = readPackages(
  [
    { path: 'package.json', text: '{"name":"platform"}' },
    { path: 'services/api/package.json', text: '{"name":"@acme/api"}' },
    { path: 'services/worker/package.json', text: '{"name":"@acme/worker"}' },
  ],
  { 'services/worker': { images: ['registry.example.com/jobs/mailer'] } },
);
const api = packages.find((p) => p.dir === 'services/api')!;
const worker = packages.find((p) => p.dir === 'services/worker')!;

describe('packages and images', () => {
  it('a file belongs to the nearest package; images are guessed from the name unless configured', () => {
    expect(packageOf('services/api/src/redis.js', packages)).toBe(api);
    expect(packageOf('tools/x.js', packages).dir).toBe('');
    expect(imageMatches('ghcr.io/acme/api:1.2', api)).toBe(true);
    expect(imageMatches('ghcr.io/acme/api-gateway:1.2', api)).toBe(false);
    expect(imageMatches('registry.example.com/jobs/mailer@sha256:abc', worker)).toBe(true);
    expect(imageMatches('ghcr.io/acme/worker:1', worker)).toBe(false); // configured: only those names
    expect(imageMatches('${IMAGE}', api)).toBe(false);
  });
});

describe('which units run a package', () => {
  it('compose build context or Dockerfile inside the package links; the root context with two packages does not', () => {
    expect(linkReason(unit({ build: { context: 'services/api', at } }), api, packages)).toBe('build context services/api');
    expect(linkReason(unit({ build: { context: '.', dockerfile: 'services/api/Dockerfile', at } }), api, packages)).toBe('Dockerfile services/api/Dockerfile');
    expect(linkReason(unit({ build: { context: '.', dockerfile: 'services/api/Dockerfile', at } }), worker, packages)).toBeUndefined();
    expect(linkReason(unit({ build: { context: '.', at } }), api, packages)).toBeUndefined();
    expect(linkReason(unit({ build: { context: 'services/worker', at } }), api, packages)).toBeUndefined();
  });

  it('images link Kubernetes and Helm units; env files by folder', () => {
    expect(linkReason(unit({ source: 'kubernetes', image: { name: 'acme/api:3', at } }), api, packages)).toBe('image acme/api:3');
    expect(linkReason(unit({ source: 'kubernetes', image: { name: 'acme/api:3', at } }), worker, packages)).toBeUndefined();
    expect(linkReason(unit({ source: 'dotenv', folder: 'services/api' }), api, packages)).toBe('folder services/api');
    expect(linkReason(unit({ source: 'dotenv', folder: '' }), api, packages)).toBeUndefined();
  });
});

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-link-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

const COMPOSE = (url: string) => `services:\n  app:\n    build: .\n    environment:\n      REDIS_URL: ${url}\n  cache:\n    image: redis:7\n`;

describe('the join of connections and units', () => {
  // Counts passes over the units: which units run a package is worked out once per package, so a
  // monorepo package with many connections does not repeat the connections x units x packages join.
  function countingUnits(units: UnitFact[]): { units: UnitFact[]; passes: () => number } {
    let passes = 0;
    const proxy = new Proxy(units, {
      get(target, key, receiver) {
        if (key === Symbol.iterator) passes++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { units: proxy, passes: () => passes };
  }
  const input = { name: 'REDIS_URL', source: 'env' as const, role: 'url' as const, line: 1, column: 1 };
  const connection = (file: string, line: number) => ({ kind: 'code' as const, file, line, column: 1, label: 'new Redis', auth: 'unknown' as const, inputs: [input] });
  const env = [{ name: 'REDIS_URL', source: 'literal' as const, value: 'redis://cache:6379', at }];

  it('passes over the units once per package, not once per connection, and links each connection alike', () => {
    const many = Array.from({ length: 50 }, (_, i) => connection(`services/api/src/f${i}.js`, i + 1));
    const counted = countingUnits([unit({ build: { context: 'services/api', at }, env }), unit({ build: { context: 'services/worker', at }, env })]);
    const linked = linkConnections(many, { units: counted.units, servers: [], packages });
    expect(linked).toHaveLength(50);
    expect(linked.every((l) => l.units.length === 1 && l.units[0].why === 'build context services/api' && l.units[0].settings.has('REDIS_URL'))).toBe(true);
    expect(counted.passes()).toBeLessThanOrEqual(4);
  });

  it('a connection of another package gets its own units (look-alike: the memo is per package)', () => {
    const two = [connection('services/api/src/a.js', 1), connection('services/worker/src/b.js', 1)];
    const linked = linkConnections(two, { units: [unit({ label: 'api', build: { context: 'services/api', at } }), unit({ label: 'worker', build: { context: 'services/worker', at } })], servers: [], packages });
    expect(linked.map((l) => l.units.map((u) => u.unit.label))).toEqual([['api'], ['worker']]);
  });
});

describe('the ESLint side', () => {
  it('keeps the deployment model while the files keep their stamps, and rereads a changed one', () => {
    clearDeploymentCache();
    const root = repo({ 'package.json': '{"name":"shop"}', 'docker-compose.yml': COMPOSE('redis://cache:6379') });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const first = deploymentSide(root, runScan);
      expect(deploymentSide(root, runScan)).toBe(first);
      writeFileSync(join(root, 'docker-compose.yml'), COMPOSE('redis://:${PW:?}@cache:6379 '));
      const later = new Date(Date.now() + 5000);
      utimesSync(join(root, 'docker-compose.yml'), later, later);
      // Within a second of the last check (the files one ESLint run lints), the model is trusted.
      expect(deploymentSide(root, runScan)).toBe(first);
      vi.advanceTimersByTime(1500);
      const second = deploymentSide(root, runScan);
      expect(second).not.toBe(first);
      expect(second.units[0].env[0].url?.password).toBe('env');
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports at the connection, and not at all with settings deployments: false', () => {
    const root = repo({
      'package.json': '{"name":"shop"}',
      'docker-compose.yml': COMPOSE('redis://cache:6379'),
      'src/cache.js': "const Redis = require('ioredis');\nconst r = new Redis(process.env.REDIS_URL);\n",
    });
    expect(lintCase(root).map((m) => `${m.line}:${m.column}`)).toEqual(['2:11']);
    expect(lintCase(root, { deployments: false })).toEqual([]);
  });
});

describe('drift rows', () => {
  it('say per environment where the URL and the password come from', () => {
    const root = resolve(__dirname, '../../fixtures/link/helm-extra-env');
    const outcome = runScan({ root, code: codeReader(root) });
    const rows = connectionRows(linkConnections(outcome.code ?? [], { units: outcome.units ?? [], servers: outcome.facts, packages: outcome.packages ?? [] }));
    expect(rows).toHaveLength(1);
    expect(rows[0].connection).toBe('src/session.mjs:3 createClient');
    expect(rows[0].cells.prod).toEqual({ url: 'Secret storefront-redis/url (chart/storefront/values-prod.yaml:6)', password: 'a Secret (chart/storefront/values-prod.yaml:6)' });
    expect(rows[0].cells.staging.password).toBe('literal (chart/storefront/values-staging.yaml:3)');
    expect(rows[0].cells.dev.password).toBe('none');
  });
});

describe('node-config', () => {
  const files = (compose: boolean) => ({
    'package.json': '{"name":"billing"}',
    'src/cache.js': "const config = require('config');\nconst Redis = require('ioredis');\nnew Redis(config.get('redis.url'));\n",
    'config/default.json': '{ "redis": { "url": "redis://redis.billing.internal:6379" } }\n',
    'config/custom-environment-variables.json': '{ "redis": { "url": "REDIS_URL" } }\n',
    ...(compose ? { 'docker-compose.yml': 'services:\n  app:\n    build: .\n    environment:\n      REDIS_URL: ${REDIS_URL:?}\n' } : {}),
  });
  const ids = (root: string) => runScan({ root, code: codeReader(root) }).findings.filter((f) => f.ruleId.startsWith('app-')).map((f) => f.ruleId);

  it('a key that custom-environment-variables maps onto a variable a deployment sets follows that variable', () => {
    expect(ids(repo(files(false)))).toEqual(['app-no-auth']);
    expect(ids(repo(files(true)))).toEqual([]);
  });
});

describe('git-ignored sources', () => {
  it('a connection in a git-ignored file is not linked; the same file not ignored is', () => {
    const files = {
      'package.json': '{"name":"shop"}',
      'docker-compose.yml': COMPOSE('redis://cache:6379'),
      'src/cache.js': "const Redis = require('ioredis');\nconst r = new Redis(process.env.REDIS_URL);\n",
    };
    // The open `cache` is reported once: the app's finding is a related place of its compose-no-auth.
    const ids = (root: string) =>
      runScan({ root, code: codeReader(root) })
        .findings.flatMap((f) => [f, ...(f.related ?? [])])
        .filter((f) => f.ruleId?.startsWith('app-'))
        .map((f) => f.file);
    expect(ids(repo(files))).toEqual(['src/cache.js']);
    expect(ids(repo({ ...files, '.gitignore': 'cache.js\n' }))).toEqual([]);
    expect(ids(repo({ ...files, 'src/.gitignore': '*.js\n!cache.js\n' }))).toEqual(['src/cache.js']);
  });
});
