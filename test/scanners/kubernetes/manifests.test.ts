import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { kubernetesScanner } from '../../../scanners/kubernetes';
import type { ServerFact } from '../../../src/core/facts';

const root = mkdtempSync(join(tmpdir(), 'k8s-'));
function scan(files: Record<string, string>, extraImages: string[] = []) {
  const { ctx } = createContext(root, { extraImages });
  return kubernetesScanner.scan(
    Object.entries(files).map(([path, text]) => ({ path, absPath: join(root, path), text })),
    ctx,
  );
}
const brief = (r: ReturnType<typeof scan>) => r.findings.map((f) => [f.file, f.line, f.column, f.category, f.ruleId]);

const deployment = (container: string, extra = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: cache',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: cache',
    '    spec:',
    '      containers:',
    ...container.split('\n').map((l) => `        ${l}`),
    ...(extra ? extra.split('\n').map((l) => `      ${l}`) : []),
  ].join('\n') + '\n';

describe('redis.conf in a ConfigMap', () => {
  const configMap = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: redis-conf', 'data:', '  redis.conf: |', '    bind 0.0.0.0', '    requirepass foobared', '    appendonly yes', ''].join('\n');
  const mounted = deployment(
    ['- name: redis', '  image: redis:7', '  args: ["/usr/local/etc/redis/redis.conf"]', '  volumeMounts:', '    - name: conf', '      mountPath: /usr/local/etc/redis'].join('\n'),
    ['volumes:', '  - name: conf', '    configMap:', '      name: redis-conf'].join('\n'),
  );

  it('is followed from the container through volumeMounts and volumes, and analysed on its own lines', () => {
    const r = scan({ 'k8s/configmap.yaml': configMap, 'k8s/deployment.yaml': mounted });
    expect(brief(r)).toEqual([['k8s/configmap.yaml', 8, 17, 'weak-password', expect.stringMatching(/^conf-/)]]);
    expect((r.facts as ServerFact[])[0]).toMatchObject({ subject: 'k8s:Deployment/cache#redis', auth: 'password' });
  });

  it('decides auth from the conf: a conf without a password means no auth (reported once, by the conf)', () => {
    const open = configMap.replace('    requirepass foobared\n', '');
    const r = scan({ 'all.yaml': `${open}---\n${mounted}` });
    expect(brief(r).filter((f) => f[3] === 'missing-auth')).toEqual([['all.yaml', 7, 5, 'missing-auth', expect.stringMatching(/^conf-/)]]);
    expect((r.facts as ServerFact[])[0].auth).toBe('none');
  });

  it('is checked on its own when nothing in the scan mounts it, without guessing that auth is missing', () => {
    const open = configMap.replace('    requirepass foobared\n', '    masterauth Xq8vpL2rT9wZk4Hs\n');
    const r = scan({ 'configmap.yaml': open });
    expect(brief(r)).toEqual([['configmap.yaml', 8, 16, 'hardcoded-secret', expect.stringMatching(/^conf-/)]]);
  });

  it('does not take redis-ha\'s rendered `requirepass replace-default-auth` placeholder for a password', () => {
    const rendered = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: argocd-redis-ha-configmap', 'data:', '  redis.conf: |', '    dir "/data"', '    port 6379', '    requirepass replace-default-auth', '    masterauth replace-default-auth', ''].join('\n');
    expect(brief(scan({ 'install.yaml': rendered }))).toEqual([]);
  });

  it('follows a conf kept in a Secret volume (stringData on its lines, base64 data at the value)', () => {
    const secretConf = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: redis-conf', 'stringData:', '  redis.conf: |', '    requirepass Xq8vpL2rT9wZk4Hs', ''].join('\n');
    const mountedSecret = mounted.replace(/configMap:(\s+)name: redis-conf/, 'secret:$1secretName: redis-conf');
    expect(mountedSecret).toContain('secretName: redis-conf');
    const r = scan({ 'secret.yaml': secretConf, 'deployment.yaml': mountedSecret });
    expect(brief(r)).toEqual([['secret.yaml', 7, 17, 'hardcoded-secret', expect.stringMatching(/^conf-/)]]);
    expect((r.facts as ServerFact[])[0].auth).toBe('password');
    const encoded = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: redis-conf', 'data:', `  redis.conf: ${Buffer.from('bind 0.0.0.0\nappendonly yes\n').toString('base64')}`, ''].join('\n');
    const open = scan({ 'secret.yaml': encoded, 'deployment.yaml': mountedSecret });
    expect(brief(open)).toEqual([['secret.yaml', 6, 15, 'missing-auth', expect.stringMatching(/^conf-/)]]);
  });

  it('ignores ConfigMaps that are not redis.conf', () => {
    const nginx = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: web', 'data:', '  nginx.conf: |', '    user nginx;', '    events {}', '  redis-host: cache', ''].join('\n');
    expect(brief(scan({ 'cm.yaml': nginx }))).toEqual([]);
  });
});

describe('containers', () => {
  it('treats a sh -c script as shell-expanded and exec-form ${VAR} as literal', () => {
    const shell = deployment(['- name: redis', '  image: redis:7', '  command: ["sh", "-c", "redis-server --requirepass $REDIS_PASSWORD"]', '  envFrom:', '    - secretRef:', '        name: redis'].join('\n'));
    const r = scan({ 'a.yaml': shell });
    expect(brief(r)).toEqual([]);
    expect((r.facts as ServerFact[])[0].auth).toBe('password');
  });

  it('accepts `--requirepass $(REDIS_PASSWORD)` as one args item (argo-cd install manifests)', () => {
    const argo = deployment(['- name: redis', '  image: public.ecr.aws/docker/library/redis:7.2.7-alpine', '  args:', '    - --save', '    - ""', '    - --appendonly', '    - "no"', '    - --requirepass $(REDIS_PASSWORD)', '  env:', '    - name: REDIS_PASSWORD', '      valueFrom:', '        secretKeyRef:', '          name: argocd-redis', '          key: auth'].join('\n'));
    const r = scan({ 'install.yaml': argo });
    expect(brief(r)).toEqual([]);
    expect((r.facts as ServerFact[])[0]).toMatchObject({ auth: 'password', credentials: [expect.objectContaining({ source: 'secret-ref' })] });
  });

  it('reads the env of a Helm-rendered Bitnami StatefulSet that runs a start script', () => {
    const rendered = deployment(['- name: redis', '  image: docker.io/bitnami/redis:7.2.4-debian-12-r9', '  command:', '    - /bin/bash', '  args:', '    - -c', '    - /opt/bitnami/scripts/start-scripts/start-master.sh', '  env:', '    - name: ALLOW_EMPTY_PASSWORD', '      value: "yes"'].join('\n'));
    expect(brief(scan({ 'rendered.yaml': rendered }))).toEqual([['rendered.yaml', 21, 22, 'missing-auth', 'k8s-no-auth']]);
  });

  it('reads multi-document files and List items, and skips other kinds', () => {
    const list = ['apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: Pod', '    metadata:', '      name: p', '    spec:', '      containers:', '        - name: r', '          image: mirror.gcr.io/library/redis:7@sha256:abc', ''].join('\n');
    const r = scan({ 'list.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n---\n${list}` });
    expect(brief(r)).toEqual([['list.yaml', 16, 11, 'missing-auth', 'k8s-no-auth']]);
  });

  it('finds containers in CronJob templates', () => {
    const cron = ['apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: warmup', 'spec:', '  schedule: "0 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          containers:', '            - name: r', '              image: valkey/valkey:8', ''].join('\n');
    const r = scan({ 'cron.yaml': cron });
    expect(brief(r)).toEqual([['cron.yaml', 13, 15, 'missing-auth', 'k8s-no-auth']]);
    expect((r.facts as ServerFact[])[0]).toMatchObject({ subject: 'k8s:CronJob/warmup#r', product: 'valkey' });
  });

  it('honours extra image names from the configuration', () => {
    const custom = deployment(['- name: r', '  image: registry.example.com/platform/redis-hardened:7'].join('\n'));
    expect(brief(scan({ 'a.yaml': custom }))).toEqual([]);
    expect(brief(scan({ 'a.yaml': custom }, ['platform/redis-hardened']))).toEqual([['a.yaml', 13, 11, 'missing-auth', 'k8s-no-auth']]);
  });

  it('flags a hostPort on an unauthenticated Redis as an error', () => {
    const r = scan({ 'a.yaml': deployment(['- name: r', '  image: redis:7', '  ports:', '    - containerPort: 6379', '      hostPort: 6379'].join('\n')) });
    expect(r.findings.filter((f) => f.ruleId === 'k8s-redis-exposed').map((f) => [f.line, f.severity])).toEqual([[16, 'error']]);
    expect((r.facts as ServerFact[])[0].exposure).toBe('public');
  });

  it('reports malformed YAML as a diagnostic and scans the other files', () => {
    const r = scan({ 'bad.yaml': 'apiVersion: v1\nkind: Pod\nspec: [1, 2\n', 'good.yaml': deployment('- name: r\n  image: redis:7') });
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'bad.yaml', line: expect.any(Number) })]);
    expect(r.findings.map((f) => f.file)).toEqual(['good.yaml']);
  });
});

describe('Helm values inside Kubernetes resources', () => {
  it('checks Flux HelmRelease spec.values with the Helm checks', () => {
    const release = ['apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'metadata:', '  name: cache', 'spec:', '  chart:', '    spec:', '      chart: redis', '  values:', '    auth:', '      enabled: false', ''].join('\n');
    const r = scan({ 'clusters/prod/cache.yaml': release });
    expect(brief(r)).toEqual([['clusters/prod/cache.yaml', 11, 7, 'missing-auth', 'helm-auth-disabled']]);
    expect((r.facts as ServerFact[])[0]).toMatchObject({ subject: 'helm:HelmRelease/cache#.', environment: 'prod', source: 'helm' });
  });

  it('checks Argo CD valuesObject, values text (at the right lines) and parameters', () => {
    const app = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: sessions',
      'spec:',
      '  source:',
      '    chart: redis-ha',
      '    repoURL: https://dandydeveloper.github.io/charts',
      '    helm:',
      '      parameters:',
      '        - name: redisPassword',
      '          value: Kx7vB2nM9qL4wR8t',
      '      values: |',
      '        replicas: 3',
      '        auth: false',
      '',
    ].join('\n');
    expect(brief(scan({ 'app.yaml': app }))).toEqual([
      ['app.yaml', 12, 18, 'hardcoded-secret', 'helm-hardcoded-password'],
      ['app.yaml', 15, 9, 'missing-auth', 'helm-auth-disabled'],
    ]);
    const object = app.replace("      values: |\n        replicas: 3\n        auth: false\n", '      valuesObject:\n        auth: true\n        existingSecret: sessions-redis\n        sentinel:\n          auth: true\n          existingSecret: sessions-redis\n');
    expect(brief(scan({ 'app.yaml': object })).map((f) => f[4])).toEqual(['helm-hardcoded-password']);
  });
});

describe('detect and image families', () => {
  it('claims manifests that mention Redis and skips Helm templates', () => {
    expect(kubernetesScanner.detect('k8s/redis.yaml', 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 6379\n')).toBe(true);
    expect(kubernetesScanner.detect('k8s/web.yaml', 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n')).toBe(false);
    expect(kubernetesScanner.detect('chart/templates/redis.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-redis\n')).toBe(false);
    expect(kubernetesScanner.detect('chart/templates/redis.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: redis\n')).toBe(true);
    expect(kubernetesScanner.detect('docker-compose.yml', 'services:\n  redis:\n    image: redis\n')).toBe(false);
  });

  it('knows the Redis family by the shared names, the default port and requirepass', () => {
    const pod = (line: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - ${line}\n`;
    for (const line of ['image: docker.dragonflydb.io/dragonflydb/dragonfly', 'image: valkey/valkey:8', 'image: eqalpha/KeyDB', 'args: ["--requirepass", "$(PW)"]']) {
      expect(kubernetesScanner.detect('k8s/cache.yaml', pod(line))).toBe(true);
    }
    // Look-alikes: a memcached pod, another store on its own port.
    for (const line of ['image: memcached:1.6', 'image: postgres:16\n      ports: [{ containerPort: 5432 }]']) {
      expect(kubernetesScanner.detect('k8s/cache.yaml', pod(line))).toBe(false);
    }
  });
});
