import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { helmScanner } from '../../../scanners/helm';
import type { ServerFact } from '../../../src/core/facts';
import type { SourceFile } from '../../../src/engine/kit/contract';

function repo(files: Record<string, string>, options: Parameters<typeof createContext>[1] = {}) {
  const root = mkdtempSync(join(tmpdir(), 'helm-env-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { ctx } = createContext(root, options);
  const given: SourceFile[] = Object.entries(files)
    .filter(([path, text]) => helmScanner.detect(path, text))
    .map(([path, text]) => ({ path, absPath: join(root, path), text }));
  return helmScanner.scan(given, ctx);
}

const facts = (r: ReturnType<typeof repo>) => r.facts as ServerFact[];

describe('effective values per environment', () => {
  const chart = 'apiVersion: v2\nname: api\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 19.6.4\n    repository: oci://registry-1.docker.io/bitnamicharts\n    condition: redis.enabled\n';

  it('emits one fact per environment plus the base, with one subject', () => {
    const r = repo({
      'deploy/Chart.yaml': chart,
      'deploy/values.yaml': 'redis:\n  enabled: true\n  auth:\n    enabled: true\n',
      'deploy/values-dev.yaml': 'redis:\n  auth:\n    enabled: false\n',
      'deploy/values-production.yaml': 'redis:\n  tls:\n    enabled: true\n',
    });
    const byEnv = Object.fromEntries(facts(r).map((f) => [f.environment ?? 'base', f]));
    expect(Object.keys(byEnv).sort()).toEqual(['base', 'dev', 'prod']);
    expect(new Set(facts(r).map((f) => f.subject))).toEqual(new Set(['helm:deploy#redis']));
    expect(byEnv.dev).toMatchObject({ file: 'deploy/values-dev.yaml', auth: 'none', authAt: { file: 'deploy/values-dev.yaml', line: 3 } });
    expect(byEnv.prod).toMatchObject({ file: 'deploy/values-production.yaml', auth: 'password', tls: true, tlsAt: { file: 'deploy/values-production.yaml', line: 3 } });
    // Inherited from the base: still points at the base file's line.
    expect(byEnv.prod.authAt).toMatchObject({ file: 'deploy/values.yaml', line: 4 });
    expect(byEnv.base).toMatchObject({ file: 'deploy/values.yaml', environment: undefined, tls: false });
  });

  it('reports a base-file problem once, however many environments inherit it', () => {
    const r = repo({
      'values.yaml': 'redis-ha:\n  auth: false\n  redisPassword: Kx7vB2nM9qL4wR8t\n',
      'values-dev.yaml': 'redis-ha:\n  replicas: 1\n',
      'values-staging.yaml': 'redis-ha:\n  replicas: 2\n',
      'values-prod.yaml': 'redis-ha:\n  replicas: 3\n',
    });
    expect(r.findings.map((f) => [f.file, f.line, f.ruleId])).toEqual([
      ['values.yaml', 2, 'helm-auth-disabled'],
      ['values.yaml', 3, 'helm-hardcoded-password'],
    ]);
    expect(facts(r)).toHaveLength(4);
  });

  it('lets an environment turn auth on, and an explicit null fall back to the chart default', () => {
    const r = repo({
      'values.yaml': 'redis:\n  enabled: true\n  auth:\n    enabled: false\n',
      'values-prod.yaml': 'redis:\n  auth:\n    enabled: null\n',
    });
    const prod = facts(r).find((f) => f.environment === 'prod')!;
    expect(prod.auth).toBe('password');
    expect(r.findings.map((f) => [f.file, f.line])).toEqual([['values.yaml', 4]]);
  });

  it('replaces lists instead of merging them', () => {
    const r = repo({
      'values.yaml': 'redis:\n  master:\n    extraFlags:\n      - --requirepass Zt6vQ9rKx2LpM5nB\n',
      'values-prod.yaml': 'redis:\n  master:\n    extraFlags:\n      - --maxmemory 1gb\n',
    });
    const prod = facts(r).find((f) => f.environment === 'prod')!;
    expect(prod.credentials.map((c) => c.source)).toEqual(['generated']);
  });

  it('finds environment folders and helm/<app>/values/<env>.yaml layouts', () => {
    const r = repo({
      'helm/shop/Chart.yaml': chart.replace('name: api', 'name: shop'),
      'helm/shop/values.yaml': 'redis:\n  enabled: true\n',
      'helm/shop/values/prod.yaml': 'redis:\n  master:\n    service:\n      type: LoadBalancer\n',
      'environments/staging/values.yaml': 'redis:\n  auth:\n    enabled: false\n',
    });
    const prod = facts(r).find((f) => f.environment === 'prod')!;
    expect(prod).toMatchObject({ subject: 'helm:helm/shop#redis', exposure: 'public' });
    const staging = facts(r).find((f) => f.environment === 'staging')!;
    expect(staging).toMatchObject({ subject: 'helm:.#redis', auth: 'none' });
  });

  it('keeps each release of a values/ folder apart (values/redis.yaml, values/cache.yaml)', () => {
    const r = repo({
      'infra/helm/values/redis.yaml': 'architecture: standalone\nauth:\n  enabled: false\nmaster:\n  kind: Deployment\n',
      'infra/helm/values/cache.yaml': 'architecture: standalone\nauth:\n  enabled: true\nmaster:\n  kind: Deployment\n',
      'infra/helm/values/postgres.yaml': 'architecture: standalone\nauth:\n  postgresPassword: ""\nprimary:\n  persistence:\n    size: 8Gi\n',
      'deploy/redis-values-prod.yaml': 'auth:\n  enabled: false\nmaster:\n  kind: Deployment\n',
    });
    expect(facts(r).map((f) => [f.subject, f.environment, f.auth]).sort()).toEqual([
      ['helm:deploy/redis#.', 'prod', 'none'],
      ['helm:infra/helm/cache#.', undefined, 'password'],
      ['helm:infra/helm/redis#.', undefined, 'none'],
    ]);
  });

  it('uses environment aliases from the configuration', () => {
    const r = repo(
      { 'values.yaml': 'redis:\n  enabled: true\n  architecture: standalone\n', 'values-eu-west.yaml': 'redis:\n  auth:\n    enabled: false\n' },
      { environment: { aliases: { 'eu-west': 'prod' } } },
    );
    expect(facts(r).map((f) => f.environment).sort()).toEqual(['prod', undefined]);
  });

  it('follows a Chart.yaml alias and keeps a vendored subchart quiet', () => {
    const r = repo({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis-ha\n    alias: sessions\n    version: 4.39.0\n',
      'values.yaml': 'sessions:\n  replicas: 3\n',
      'charts/redis-ha/Chart.yaml': 'apiVersion: v2\nname: redis-ha\nversion: 4.39.0\n',
      'charts/redis-ha/values.yaml': 'auth: false\nredisPassword: Kx7vB2nM9qL4wR8t\n',
    });
    expect(r.findings.map((f) => [f.file, f.line, f.ruleId])).toEqual([['values.yaml', 1, 'helm-auth-disabled']]);
    expect(facts(r)).toEqual([expect.objectContaining({ subject: 'helm:.#sessions', product: 'redis-ha' })]);
  });

  it('respects a Chart.yaml condition naming another key', () => {
    const r = repo({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    condition: cache.enabled\n',
      'values.yaml': 'cache:\n  enabled: false\nredis:\n  auth:\n    enabled: false\n',
      'values-prod.yaml': 'cache:\n  enabled: true\n',
    });
    expect(r.findings.map((f) => [f.file, f.line, f.ruleId])).toEqual([['values.yaml', 5, 'helm-auth-disabled']]);
    expect(facts(r).map((f) => f.environment)).toEqual(['prod']);
  });

  it('turns malformed YAML and alias bombs into diagnostics, and goes on', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), 'redis:\n  auth:\n    enabled: false'].join('\n');
    const r = repo({ 'a/values.yaml': 'redis: [1, 2\nauth: {', 'b/values.yaml': bomb, 'c/values.yaml': 'redis:\n  usePassword: false\n' });
    expect(r.diagnostics.map((d) => d.file)).toContain('a/values.yaml');
    expect(r.diagnostics.find((d) => d.file === 'b/values.yaml')?.message).toMatch(/alias/);
    expect(r.findings.map((f) => f.file)).toContain('c/values.yaml');
  });
});

describe('helm detect', () => {
  it('claims values files by name and leaves templates alone', () => {
    expect(helmScanner.detect('values.yaml', 'a: 1')).toBe(true);
    expect(helmScanner.detect('charts/app/values-prod.yml', 'x: 1')).toBe(true);
    expect(helmScanner.detect('helm/app/values/prod.yaml', 'x: 1')).toBe(true);
    expect(helmScanner.detect('environments/prod/values.yaml', 'x: 1')).toBe(true);
    expect(helmScanner.detect('charts/app/templates/values.yaml', 'x: 1')).toBe(false);
    expect(helmScanner.detect('docker-compose.yml', 'services: {}')).toBe(false);
    expect(helmScanner.detect('k8s/deployment.yaml', 'kind: Deployment')).toBe(false);
  });
});

describe('per-release values files', () => {
  it('reads redis-ha-values.yaml as redis-ha values and layers redis-ha-values-prod.yaml on it', () => {
    const r = repo({
      'deploy/redis-ha-values.yaml': 'replicas: 3\nauth: false\n',
      'deploy/redis-ha-values-prod.yaml': 'auth: true\nexistingSecret: sessions-redis\nsentinel:\n  auth: true\n  existingSecret: sessions-sentinel\n',
    });
    expect(r.findings.map((f) => [f.file, f.line, f.ruleId])).toEqual([['deploy/redis-ha-values.yaml', 2, 'helm-auth-disabled']]);
    const byEnv = Object.fromEntries((r.facts as ServerFact[]).map((f) => [f.environment ?? 'base', f]));
    expect(byEnv.prod).toMatchObject({ product: 'redis-ha', auth: 'password', credentials: [expect.objectContaining({ source: 'secret-ref' })] });
    expect(byEnv.base).toMatchObject({ product: 'redis-ha', auth: 'none' });
  });

  it('reads Bitnami-shaped redis-values.yaml by its keys', () => {
    const r = repo({ 'redis-values.yaml': 'architecture: standalone\nauth:\n  enabled: true\n  password: "password"\n' });
    expect(r.findings.map((f) => [f.line, f.ruleId])).toEqual([[4, 'helm-weak-password']]);
  });
});

describe('helm detect on manifests', () => {
  it('leaves a manifest named like a values file to the Kubernetes scanner', () => {
    expect(helmScanner.detect('apps/redis-values.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n')).toBe(false);
    expect(helmScanner.detect('apps/redis-values.yaml', 'auth:\n  enabled: true\n')).toBe(true);
  });
});

describe('helmfile releases', () => {
  it('layers inline values, values files and set entries, and checks them as the release chart', () => {
    const r = repo({
      'helmfile.yaml': [
        'releases:',
        '  - name: cache',
        '    chart: bitnami/redis',
        '    values:',
        '      - values/cache.yaml',
        '      - master:',
        '          service:',
        '            type: LoadBalancer',
        '    set:',
        '      - name: auth.password',
        '        value: Qw7eR4tY1uI8oP3a',
        '  - name: sessions',
        '    chart: dandydev/redis-ha',
        '    installed: false',
        '',
      ].join('\n'),
      'values/cache.yaml': 'architecture: standalone\nauth:\n  enabled: false\n',
    });
    expect(r.findings.map((f) => [f.file, f.line, f.ruleId, f.severity])).toEqual([
      ['helmfile.yaml', 8, 'helm-service-exposed', 'error'],
      ['helmfile.yaml', 11, 'helm-hardcoded-password', 'error'],
      ['values/cache.yaml', 3, 'helm-auth-disabled', 'error'],
    ]);
    expect((r.facts as ServerFact[]).map((f) => f.subject)).toContain('helm:helmfile.yaml:cache#.');
  });
});

describe('a variant values file of a chart (not an environment)', () => {
  const chart = 'apiVersion: v2\nname: argo-cd\nversion: 1.0.0\ndependencies:\n  - name: redis-ha\n    repository: https://dandydeveloper.github.io/charts/\n    condition: redis-ha.enabled\n';
  it("is layered on the chart's values.yaml and reports only on its own lines", () => {
    const r = repo({
      'chart/Chart.yaml': chart,
      'chart/values.yaml': 'redis-ha:\n  enabled: false\n  haproxy:\n    enabled: true\n',
      // Off in values.yaml: a variant that changes something else deploys no redis-ha.
      'chart/values-ha.yaml': 'redis-ha:\n  haproxy:\n    replicas: 3\n',
      // A chart-testing file that switches it on: nothing is reported on values.yaml for it.
      'chart/ci/ha-values.yaml': 'redis-ha:\n  enabled: true\n',
    });
    expect(facts(r).map((f) => [f.file, f.auth])).toEqual([['chart/ci/ha-values.yaml', 'none']]);
    expect(r.findings.filter((f) => f.file === 'chart/values.yaml')).toEqual([]);
  });
});
