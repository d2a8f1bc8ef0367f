/**
 * Known charts are data (src/engine/kit/helm-values/charts/*.ts): the analysis merges a chart's
 * defaults under the values as Helm does (maps merge, lists and scalars replace, `null` deletes a
 * default) and reads the chart's keys. Values that set nothing are decided by the defaults.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { helmScanner } from '../../../scanners/helm';
import { analyzeValues } from '../../../src/engine/kit/helm-values/analyze';
import { familyOfChart, familyOfChartName } from '../../../src/engine/kit/helm-values/chart';
import { CHARTS } from '../../../src/engine/kit/helm-values/charts';
import type { ChartLike } from '../../../src/engine/kit/helm-values/instances';
import type { ServerFact } from '../../../src/core/facts';
import { buildTree, parseYaml } from '../../../src/engine/kit/yaml-tree';

function analyze(text: string, chart: ChartLike) {
  const { file } = parseYaml('values.yaml', text);
  const root = buildTree(file, text, file.docs[0].contents).tree;
  const r = analyzeValues({ root, chart, subjectPrefix: 'helm:.', where: 'chart .', file: 'values.yaml' });
  return { facts: r.facts as ServerFact[], findings: r.findings };
}
/** A folder of files scanned by the helm scanner. */
function scan(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'helm-chart-data-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { ctx } = createContext(root, {});
  const given = Object.entries(files)
    .filter(([path, text]) => helmScanner.detect(path, text))
    .map(([path, text]) => ({ path, absPath: join(root, path), text }));
  return helmScanner.scan(given, ctx);
}
const own = (family: string): ChartLike => ({ name: family, family, dependencies: [], known: true });

describe('chart defaults decide what the values leave out', () => {
  it.each(CHARTS.map((c) => c.id))('%s: a values file that overrides nothing gets the chart defaults', (id) => {
    const { facts, findings } = analyze('replicas: 1\n', own(id));
    expect(facts).toHaveLength(1);
    const fact = facts[0];
    // Defaults have no line of their own: what they decide points at the chart.
    expect(fact).toMatchObject({ tls: false, exposure: 'internal', authAt: { file: 'values.yaml', line: 1 } });
    expect(fact.tlsAt).toBeUndefined();
    const messages = findings.map((f) => f.message);
    if (id === 'redis-ha') {
      expect(fact).toMatchObject({ auth: 'none', sentinelAuth: 'none' });
      expect(messages).toEqual([
        'This redis-ha chart runs Redis without a password: redis-ha defaults to `auth: false`. Set `auth: true` with `existingSecret` naming a Kubernetes Secret.',
      ]);
    } else if (id === 'valkey.io/valkey') {
      // The Valkey project's chart: auth off by default.
      expect(fact).toMatchObject({ auth: 'none', product: 'valkey' });
      expect(messages).toEqual([
        'This valkey (valkey.io chart) chart runs Redis without a password: valkey (valkey.io chart) defaults to `auth.enabled: false`. Set `auth.enabled: true` with a `default` user in `auth.aclUsers` whose password comes from `auth.usersExistingSecret`.',
      ]);
    } else if (id.startsWith('groundhog2k/')) {
      // The official image with no requirepass: open.
      expect(fact).toMatchObject({ auth: 'none' });
      expect(messages).toEqual([expect.stringMatching(/^This groundhog2k (redis|valkey) chart runs Redis without a password: the chart runs the official image, which accepts anyone, unless/)]);
    } else if (id.startsWith('ot-container-kit/')) {
      // The operator sets a password only from the Secret it is given.
      expect(fact).toMatchObject({ auth: 'none' });
      expect(messages).toEqual([expect.stringMatching(/^This OT-Container-Kit redis[-\w]* chart runs Redis without a password: the operator sets a password only from the Secret named in `redis\w+\.redisSecret`\./)]);
    } else {
      // Bitnami: auth on, and the chart generates a password; Sentinel is off by default.
      expect(fact).toMatchObject({ auth: 'password', credentials: [{ source: 'generated' }] });
      expect(fact.sentinelAuth).toBeUndefined();
      expect(findings).toEqual([]);
    }
  });

  it('reads a subchart with no values key at all through its defaults', () => {
    const umbrella: ChartLike = { name: 'app', dependencies: [{ name: 'redis-ha', key: 'cache', conditions: [], family: 'redis-ha' }], known: true };
    const { facts, findings } = analyze('image: app\n', umbrella);
    expect(facts.map((f) => [f.subject, f.auth])).toEqual([['helm:.#cache', 'none']]);
    expect(findings[0].message).toContain('The `cache` subchart runs Redis without a password: redis-ha defaults to `auth: false`. Set `cache.auth: true`');
  });

  it('a Bitnami Sentinel with nothing set shares the password; redis-ha needs `sentinel.auth`', () => {
    expect(analyze('sentinel:\n  enabled: true\n', own('redis')).facts[0]).toMatchObject({ sentinelAuth: 'password', sentinelAuthAt: { line: 2, anchor: 'sentinel.enabled' } });
    const ha = analyze('auth: true\nexistingSecret: redis-auth\n', own('redis-ha'));
    expect(ha.facts[0]).toMatchObject({ auth: 'password', sentinelAuth: 'none', credentials: [{ source: 'secret-ref', reference: 'redis-auth' }] });
    expect(ha.findings.map((f) => f.message)).toEqual([expect.stringContaining("redis-ha's Sentinels run without a password (the chart defaults to `sentinel.auth: false`)")]);
    const haOn = analyze('auth: true\nexistingSecret: redis-auth\nsentinel:\n  auth: true\n', own('redis-ha'));
    expect(haOn.facts[0]).toMatchObject({ sentinelAuth: 'password', sentinelAuthAt: { line: 4 } });
    expect(haOn.findings).toEqual([]);
  });

  it('an enabled cluster externalAccess is published by its default LoadBalancer, at the switch', () => {
    const { facts, findings } = analyze('cluster:\n  externalAccess:\n    enabled: true\n', own('redis-cluster'));
    expect(facts[0]).toMatchObject({ exposure: 'public', exposureAt: { line: 3, anchor: 'cluster.externalAccess.service.type' } });
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['helm-service-exposed', 3]]);
    // Left off, the same default publishes nothing.
    expect(analyze('cluster:\n  nodes: 6\n', own('redis-cluster')).facts[0].exposure).toBe('internal');
  });
});

describe('null deletes a chart default', () => {
  it('`auth.enabled: null` leaves Bitnami redis without its `enabled: true`, so auth is off', () => {
    const { facts, findings } = analyze('auth:\n  enabled: null\n', own('redis'));
    expect(facts[0]).toMatchObject({ auth: 'none', authAt: { line: 2, anchor: 'auth.enabled' } });
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^`auth\.enabled: null` runs redis without a password/)]);
  });

  it('`auth: null` deletes the whole section (a subchart key keeps its prefix)', () => {
    const umbrella: ChartLike = { name: 'app', dependencies: [{ name: 'valkey', key: 'valkey', conditions: [], family: 'valkey' }], known: true };
    const { facts, findings } = analyze('valkey:\n  auth: null\n', umbrella);
    expect(facts[0]).toMatchObject({ auth: 'none', authAt: { line: 2, anchor: 'valkey.auth' } });
    expect(findings[0].message).toContain('`valkey.auth: null` runs valkey without a password');
  });

  it('a null elsewhere, or a null on a key with no default, changes nothing', () => {
    expect(analyze('auth:\n  password: null\nmaster:\n  service: null\n', own('redis')).facts[0]).toMatchObject({ auth: 'password', exposure: 'internal' });
    expect(analyze('usePassword: null\n', own('redis')).facts[0].auth).toBe('password');
    // `tls: null` deletes `tls.enabled: false`: still no TLS.
    expect(analyze('tls: null\n', own('valkey')).facts[0].tls).toBe(false);
  });

  it('lists replace the default, maps merge with it', () => {
    const { facts } = analyze('auth:\n  existingSecret: redis-secret\nmaster:\n  service:\n    type: NodePort\n', own('redis'));
    // `auth.enabled: true` from the defaults stays beside the given `existingSecret`.
    expect(facts[0]).toMatchObject({ auth: 'password', credentials: [{ source: 'secret-ref', reference: 'redis-secret' }], exposure: 'public' });
    expect(facts[0].authAt).toMatchObject({ line: 1, anchor: 'auth' });
  });
});

describe("other publishers' charts", () => {
  const ot: ChartLike = { name: 'redis', family: familyOfChart('redis', 'https://ot-container-kit.github.io/helm-charts/'), dependencies: [], known: true };

  it('OT-Container-Kit: a redisSecret (or ACL Secret) is the password; its NodePort external service publishes it', () => {
    const withSecret = analyze('redisStandalone:\n  redisSecret:\n    secretName: redis-secret\n    secretKey: password\n', ot);
    expect(withSecret.facts[0]).toMatchObject({ auth: 'password', credentials: [{ source: 'secret-ref', reference: 'redis-secret' }] });
    expect(withSecret.findings).toEqual([]);
    const acl = analyze('acl:\n  secret:\n    secretName: redis-acl\n', ot);
    expect(acl.facts[0]).toMatchObject({ auth: 'password', credentials: [{ source: 'secret-ref', reference: 'redis-acl' }] });
    // An empty secretName is no Secret: the finding points at it.
    const empty = analyze('redisStandalone:\n  redisSecret:\n    secretName: ""\nexternalService:\n  enabled: true\n', ot);
    expect(empty.facts[0]).toMatchObject({ auth: 'none', authAt: { line: 3 }, exposure: 'public', exposureAt: { line: 5, anchor: 'externalService.serviceType' } });
    expect(empty.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([
      ['helm-auth-disabled', 3, 'error'],
      ['helm-service-exposed', 5, 'error'],
    ]);
  });

  it('groundhog2k: requirepass in the config, the args or a config Secret is the password', () => {
    const g: ChartLike = { name: 'redis', family: familyOfChart('redis', 'https://groundhog2k.github.io/helm-charts/'), dependencies: [], known: true };
    expect(analyze('redisConfig: |\n  requirepass ${REDIS_PASSWORD}\n  maxmemory 1gb\n', g).facts[0].auth).not.toBe('none');
    expect(analyze('args:\n  - --requirepass\n  - $(REDIS_PASSWORD)\n', g).facts[0]).toMatchObject({ auth: 'password', credentials: [{ source: 'env' }] });
    expect(analyze('extraSecretRedisConfigs: redis-auth-conf\n', g).facts[0]).toMatchObject({ auth: 'password', credentials: [{ source: 'secret-ref', reference: 'redis-auth-conf' }] });
    const open = analyze('redisConfig: |\n  maxmemory 1gb\nservice:\n  type: LoadBalancer\n', g);
    expect(open.facts[0]).toMatchObject({ auth: 'none', exposure: 'public' });
    expect(open.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([
      ['helm-auth-disabled', 1, 'error'],
      ['helm-service-exposed', 4, 'error'],
    ]);
  });

  it("a vendored chart's Chart.yaml home or sources say whose chart it is", () => {
    const valkeyIo = 'apiVersion: v2\nname: valkey\nversion: 0.11.0\nhome: https://valkey.io/valkey-helm/\nsources:\n  - https://github.com/valkey-io/valkey-helm.git\n';
    const vendored = scan({ 'deploy/valkey/Chart.yaml': valkeyIo, 'deploy/valkey/values.yaml': 'auth:\n  enabled: false\n' });
    expect((vendored.facts as ServerFact[]).map((f) => f.label)).toEqual(['valkey (valkey.io chart) (Helm chart deploy/valkey)']);
    expect(vendored.findings[0].message).toContain('with a `default` user in `auth.aclUsers`');
    const bitnami = 'apiVersion: v2\nname: valkey\nversion: 3.0.9\nhome: https://bitnami.com\nsources:\n  - https://github.com/bitnami/charts/tree/main/bitnami/valkey\n';
    const theirs = scan({ 'deploy/valkey/Chart.yaml': bitnami, 'deploy/valkey/values.yaml': 'auth:\n  enabled: false\n' });
    expect((theirs.facts as ServerFact[]).map((f) => f.label)).toEqual(['valkey (Helm chart deploy/valkey)']);
    expect(theirs.findings[0].message).toContain('(the chart then generates a random password)');
  });

  it('a copied values file is known by what only that chart has', () => {
    const unknown: ChartLike = { dependencies: [], known: false };
    expect(analyze('redisReplication:\n  clusterSize: 3\n', unknown).facts.map((f) => f.label)).toEqual(['OT-Container-Kit redis-replication (Helm chart .)']);
    // An app's own `redisCluster:` connection settings are not the operator chart's.
    expect(analyze('redisCluster:\n  nodes:\n    - redis-0:6379\n  password: ${REDIS_PASSWORD}\n', unknown).facts).toEqual([]);
    expect(analyze('redisStandalone: true\n', unknown).facts).toEqual([]);
    // valkey.io's values have `replica:` like Bitnami's, and `valkeyConfig` that only it has.
    expect(analyze('valkeyConfig: ""\nreplica:\n  enabled: true\nauth:\n  enabled: true\n  usersExistingSecret: valkey-users\n', unknown).facts[0]).toMatchObject({
      label: 'valkey (valkey.io chart) (Helm chart .)',
      auth: 'password',
      credentials: [{ source: 'secret-ref', reference: 'valkey-users' }],
    });
  });
});

describe('what is not a known Redis chart', () => {
  it('a chart whose name only contains redis is not one', () => {
    for (const name of ['my-redis-exporter', 'prometheus-community/prometheus-redis-exporter', 'redis-operator', 'redisinsight', 'bitnami/redis-exporter']) {
      expect(familyOfChartName(name)).toBeUndefined();
    }
    expect(familyOfChartName('oci://registry-1.docker.io/bitnamicharts/redis')).toBe('redis');
    expect(familyOfChartName('dandydeveloper/redis-ha')).toBe('redis-ha');
  });

  it("another publisher's `redis` chart is not Bitnami's", () => {
    expect(familyOfChart('redis', 'https://ot-container-kit.github.io/helm-charts/')).toBe('ot-container-kit/redis');
    expect(familyOfChart('redis-cluster', 'https://ot-container-kit.github.io/helm-charts')).toBe('ot-container-kit/redis-cluster');
    expect(familyOfChart('valkey', 'https://valkey.io/valkey-helm/')).toBe('valkey.io/valkey');
    // A vendored chart's Chart.yaml `sources` naming the server's repository is Bitnami's still.
    expect(familyOfChart('valkey', 'https://bitnami.com https://github.com/valkey-io/valkey')).toBe('valkey');
    // A publisher's chart this package does not know is no chart at all, not Bitnami's of that name.
    expect(familyOfChart('redis-sentinel', 'https://ot-container-kit.github.io/helm-charts/')).toBeUndefined();
    expect(familyOfChart('valkey-cluster', 'https://valkey.io/valkey-helm/')).toBeUndefined();
    expect(familyOfChart('redis', 'https://charts.bitnami.com/bitnami')).toBe('redis');
    expect(familyOfChart('redis', 'oci://registry-1.docker.io/bitnamicharts')).toBe('redis');
  });

  it("an unknown chart's `redis:` section that is not a Redis chart's is not given Bitnami's defaults", () => {
    const unknown: ChartLike = { name: 'my-redis-exporter', dependencies: [], known: false };
    // An exporter's connection settings, and an app's Redis with its own image.
    expect(analyze('redis:\n  address: redis://redis:6379\n  auth:\n    enabled: false\n', unknown).facts).toEqual([]);
    expect(analyze('redis:\n  enabled: true\n  image: redis:7\n  tag: 7.2\n', unknown).facts).toEqual([]);
    // A chart the values name but that is no Redis chart: its values are not read as one.
    const exporter: ChartLike = { name: 'prometheus-redis-exporter', family: familyOfChartName('prometheus-redis-exporter'), dependencies: [], known: true };
    expect(analyze('redisAddress: redis://redis:6379\nauth:\n  enabled: false\n', exporter).facts).toEqual([]);
  });

  it('a chart that depends on a Redis chart wraps it, whatever its own name (argo-cd\'s redis-ha over redis-ha)', () => {
    const wrapper = {
      'chart/Chart.yaml': 'name: redis-ha\nversion: 2.0\n',
      'chart/requirements.yaml': 'dependencies:\n- name: redis-ha\n  version: 4.35.10\n  repository: https://dandydeveloper.github.io/charts\n',
      'chart/values.yaml': 'redis-ha:\n  auth: true\n  existingSecret: argocd-redis\n  sentinel:\n    bind: 0.0.0.0\n',
    };
    const r = scan(wrapper);
    const facts = r.facts.filter((f): f is ServerFact => f.kind === 'server');
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ auth: 'password', sentinelAuth: 'none', credentials: [{ source: 'secret-ref', reference: 'argocd-redis' }] });
    // Only the Sentinels are open, reported at the section that should carry `auth: true`.
    expect(r.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`)).toEqual(['helm-auth-disabled@4:3']);
    // Look-alike: the real redis-ha chart (no dependency) reads its own top level.
    const real = scan({ 'chart/Chart.yaml': 'name: redis-ha\nversion: 4.35.10\n', 'chart/values.yaml': 'auth: true\nexistingSecret: redis-auth\nsentinel:\n  auth: true\n  existingSecret: redis-auth\n' });
    expect(real.findings).toEqual([]);
    expect(real.facts.filter((f): f is ServerFact => f.kind === 'server')[0]).toMatchObject({ auth: 'password', sentinelAuth: 'password' });
  });
});
