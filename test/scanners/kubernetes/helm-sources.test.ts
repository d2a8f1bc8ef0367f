/**
 * Values for charts outside the repository, as Argo CD and Flux hand them to Helm: Argo CD
 * `valueFiles` (relative to an in-repository chart, or `$ref/...` of a ref source), `values`,
 * `valuesObject`, `parameters`; Flux `valuesFrom` ConfigMaps/Secrets (`valuesKey`, `targetPath`)
 * under `spec.values`. Each layered in order; a values file keeps its own lines and subject.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { kubernetesScanner } from '../../../scanners/kubernetes';
import type { ServerFact } from '../../../src/core/facts';

function scan(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'helm-src-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { ctx } = createContext(root);
  const given = Object.entries(files)
    .filter(([path, text]) => kubernetesScanner.detect(path, text))
    .map(([path, text]) => ({ path, absPath: join(root, path), text }));
  const r = kubernetesScanner.scan(given, ctx);
  return { ...r, servers: r.facts as ServerFact[] };
}
const brief = (f: ServerFact) => ({ subject: f.subject, environment: f.environment, auth: f.auth, file: f.file, at: `${f.authAt.file}:${f.authAt.line}` });

const app = (name: string, sources: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  sources:\n${sources}`;

describe('Argo CD Application values', () => {
  const refSources = (file: string) =>
    [
      '    - repoURL: registry-1.docker.io/bitnamicharts',
      '      chart: redis',
      '      targetRevision: 20.12.2',
      '      helm:',
      '        valueFiles:',
      `          - $values/${file}`,
      '    - repoURL: https://github.com/acme/deploy',
      '      ref: values',
      '',
    ].join('\n');

  it('reads $ref value files for a chart from a chart repository, per environment', () => {
    const r = scan({
      'clusters/prod/redis.yaml': app('redis', refSources('values/redis/prod.yaml')),
      'clusters/staging/redis.yaml': app('redis', refSources('values/redis/staging.yaml')),
      'values/redis/prod.yaml': 'architecture: standalone\nauth:\n  existingSecret: redis\n',
      'values/redis/staging.yaml': 'architecture: standalone\nauth:\n  enabled: false\n',
    });
    expect(r.servers.map(brief)).toEqual([
      { subject: 'helm:values/redis#.', environment: 'prod', auth: 'password', file: 'clusters/prod/redis.yaml', at: 'values/redis/prod.yaml:2' },
      { subject: 'helm:values/redis#.', environment: 'staging', auth: 'none', file: 'clusters/staging/redis.yaml', at: 'values/redis/staging.yaml:3' },
    ]);
    expect(r.findings.map((f) => [f.ruleId, `${f.file}:${f.line}`])).toEqual([['helm-auth-disabled', 'values/redis/staging.yaml:3']]);
  });

  it('takes the environment from the value files when the Application names none', () => {
    const r = scan({ 'argocd/redis.yaml': app('redis', refSources('deploy/redis-values-dev.yaml')), 'deploy/redis-values-dev.yaml': 'auth:\n  enabled: false\n' });
    expect(r.servers.map(brief)).toEqual([{ subject: 'helm:deploy/redis#.', environment: 'dev', auth: 'none', file: 'deploy/redis-values-dev.yaml', at: 'deploy/redis-values-dev.yaml:2' }]);
  });

  it("does not read a chart repository chart's value files from this repository", () => {
    const sources = ['    - repoURL: https://dandydeveloper.github.io/charts', '      chart: redis-ha', '      helm:', '        valueFiles:', '          - values.yaml', ''].join('\n');
    const r = scan({ 'apps/cache.yaml': app('cache', sources), 'values.yaml': 'auth: true\n' });
    expect(r.servers).toEqual([]);
  });

  it('layers an in-repository chart: values.yaml, valueFiles, values, valuesObject, parameters', () => {
    const source = [
      '  source:',
      '    repoURL: https://github.com/acme/deploy',
      '    path: charts/shop',
      '    helm:',
      '      valueFiles:',
      '        - values-prod.yaml',
      '      values: |',
      '        redis:',
      '          tls:',
      '            enabled: true',
      '      valuesObject:',
      '        redis:',
      '          master:',
      '            service:',
      '              type: LoadBalancer',
      '      parameters:',
      '        - name: redis.auth.enabled',
      '          value: "false"',
      '',
    ].join('\n');
    const r = scan({
      'apps/prod/shop.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: shop\nspec:\n${source}`,
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: redis\n    alias: cache\n    repository: oci://registry-1.docker.io/bitnamicharts\n    condition: cache.enabled\n  - name: redis\n    repository: oci://registry-1.docker.io/bitnamicharts\n',
      'charts/shop/values.yaml': 'cache:\n  enabled: false\nredis:\n  auth:\n    existingSecret: shop-redis\n',
      'charts/shop/values-prod.yaml': 'redis:\n  replica:\n    replicaCount: 3\n',
    });
    expect(r.servers.map((f) => [f.subject, f.environment, f.auth, f.tls, f.exposure, `${f.authAt.file}:${f.authAt.line}`])).toEqual([
      ['helm:charts/shop#redis', 'prod', 'none', true, 'public', 'apps/prod/shop.yaml:23'],
    ]);
  });
});

/** A Flux HelmRelease of Bitnami's redis named `cache`, with its `valuesFrom` and `values` blocks. */
const fluxRelease = (values: string, from: string) =>
  [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    '  name: cache',
    'spec:',
    '  chart:',
    '    spec:',
    '      chart: redis',
    '      sourceRef:',
    '        kind: HelmRepository',
    '        name: bitnami',
    from,
    ...(values ? [values] : []),
    '',
  ].join('\n');

describe('Flux HelmRelease values', () => {
  const release = fluxRelease;

  it('layers valuesFrom ConfigMaps and Secrets (valuesKey, targetPath) under spec.values', () => {
    const from = ['  valuesFrom:', '    - kind: ConfigMap', '      name: cache-values', '    - kind: Secret', '      name: cache-auth', '      valuesKey: enabled', '      targetPath: auth.enabled'].join('\n');
    const r = scan({
      'deploy/prod/release.yaml': release('  values:\n    architecture: standalone\n', from),
      // Beside the release, without a word of Redis: read because the release names it.
      'deploy/prod/values.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cache-values\ndata:\n  values.yaml: |\n    auth:\n      existingSecret: cache\n',
      'deploy/prod/auth.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cache-auth\nstringData:\n  enabled: "false"\n',
    });
    expect(r.servers.map(brief)).toEqual([{ subject: 'helm:HelmRelease/cache#.', environment: 'prod', auth: 'none', file: 'deploy/prod/release.yaml', at: 'deploy/prod/auth.yaml:6' }]);
  });

  it('reads a valuesFrom ConfigMap with its own valuesKey on its own lines; spec.values wins', () => {
    const from = ['  valuesFrom:', '    - kind: ConfigMap', '      name: cache-values', '      valuesKey: redis.yaml'].join('\n');
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cache-values\ndata:\n  redis.yaml: |\n    auth:\n      enabled: false\n    master:\n      service:\n        type: NodePort\n';
    const r = scan({ 'staging/release.yaml': `${release('  values:\n    master:\n      service:\n        type: ClusterIP\n', from)}---\n${configMap}` });
    expect(r.servers.map((f) => [f.environment, f.auth, f.exposure, `${f.authAt.file}:${f.authAt.line}`])).toEqual([['staging', 'none', 'internal', 'staging/release.yaml:29']]);
  });

  it('skips a valuesFrom it cannot find, and a chart that is not Redis', () => {
    const from = ['  valuesFrom:', '    - kind: ConfigMap', '      name: elsewhere'].join('\n');
    expect(scan({ 'prod/release.yaml': release('  values:\n    auth:\n      enabled: true\n', from) }).servers.map((f) => f.auth)).toEqual(['password']);
    const podinfo = release('  values:\n    redis:\n      enabled: true\n      repository: redis\n', '').replace('chart: redis', 'chart: podinfo');
    expect(scan({ 'prod/release.yaml': podinfo }).servers).toEqual([]);
  });
});

describe('Argo CD sources with no helm block, and ApplicationSet generators', () => {
  const plain = (name: string, source: string, namespace = 'default') =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  source:\n${source}\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: ${namespace}\n`;
  const chart = (name: string, repo = 'https://charts.bitnami.com/bitnami') => `    repoURL: ${repo}\n    chart: ${name}\n    targetRevision: 1.0.0`;

  it("installs a known Redis chart with its defaults, in the environment its name or namespace names", () => {
    const r = scan({ 'apps/redis-staging.yaml': plain('redis-staging', chart('redis')), 'apps/cache.yaml': plain('cache', chart('redis-ha', 'https://dandydeveloper.github.io/charts'), 'cache-prod') });
    expect(r.servers.map((f) => [f.subject, f.environment, f.auth])).toEqual([
      ['helm:Application/redis#.', 'staging', 'password'],
      ['helm:Application/cache#.', 'prod', 'none'],
    ]);
  });

  it('reads each of a multi-source Application: a Redis chart with no helm block beside a ref source', () => {
    const sources = ['    - repoURL: registry-1.docker.io/bitnamicharts', '      chart: valkey', '      targetRevision: 2.4.0', '    - repoURL: https://github.com/acme/deploy', '      ref: values', ''].join('\n');
    const r = scan({ 'argocd/cache.yaml': app('cache-dev', sources) });
    expect(r.servers.map((f) => [f.subject, f.environment, f.product, f.auth])).toEqual([['helm:Application/cache#.', 'dev', 'valkey', 'password']]);
  });

  it('reads no environment from a word inside a longer name, and nothing for other charts or plain paths', () => {
    const r = scan({
      'apps/redis.yaml': plain('prodigy-redis', chart('redis'), 'productions'),
      'apps/db-prod.yaml': plain('db-prod', chart('postgresql')),
      'apps/redis-manifests-prod.yaml': plain('redis-manifests-prod', '    repoURL: https://github.com/acme/deploy\n    path: manifests/redis'),
      'manifests/redis/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n',
    });
    expect(r.servers.map((f) => [f.subject, f.environment])).toEqual([['helm:Application/prodigy-redis#.', undefined]]);
  });

  it('expands a git directories generator into the charts of this repository, each in its folder name', () => {
    const appset = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata:',
      '  name: redis',
      'spec:',
      '  generators:',
      '    - git:',
      '        repoURL: https://github.com/acme/deploy',
      '        directories:',
      '          - path: envs/*',
      '          - path: envs/old',
      '            exclude: true',
      '  template:',
      '    metadata:',
      "      name: 'redis-{{path.basename}}'",
      '    spec:',
      '      source:',
      '        repoURL: https://github.com/acme/deploy',
      "        path: '{{path}}'",
      '',
    ].join('\n');
    const dep = 'apiVersion: v2\nname: cache\nversion: 1.0.0\ndependencies:\n  - name: redis\n    repository: oci://registry-1.docker.io/bitnamicharts\n';
    const r = scan({
      'argocd/redis.yaml': appset,
      'envs/prod/Chart.yaml': dep,
      'envs/prod/values.yaml': 'redis:\n  auth:\n    existingSecret: cache\n',
      'envs/dev/Chart.yaml': dep,
      'envs/dev/values.yaml': 'redis:\n  auth:\n    enabled: false\n',
      'envs/old/Chart.yaml': dep,
      'envs/old/values.yaml': 'redis:\n  auth:\n    enabled: false\n',
    });
    // The old folder is excluded; each fact is filed under the values file that names its environment.
    expect(r.servers.map((f) => [f.subject, f.environment, f.auth])).toEqual([
      ['helm:envs/dev#redis', 'dev', 'none'],
      ['helm:envs/prod#redis', 'prod', 'password'],
    ]);
  });

  it('notes a generator it cannot expand once, and checks the template as written', () => {
    const appset = (generator: string) =>
      `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: previews\nspec:\n  generators:\n${generator}\n  template:\n    metadata:\n      name: 'redis-{{number}}'\n    spec:\n      source:\n        repoURL: https://charts.bitnami.com/bitnami\n        chart: redis\n        helm:\n          valuesObject:\n            auth:\n              password: s3cr3t-Preview-2024\n`;
    const r = scan({ 'argocd/previews.yaml': appset('    - pullRequest:\n        github:\n          owner: acme\n    - plugin:\n        configMapRef:\n          name: p') });
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/ApplicationSet previews: the plugin, pullRequest generator is not expanded/)]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['helm-hardcoded-password']);
    // The same ApplicationSet installing a chart that is not Redis: no note.
    const other = appset('    - scmProvider:\n        github:\n          organization: acme').replace('chart: redis', 'chart: nginx');
    expect(scan({ 'argocd/previews.yaml': other }).diagnostics).toEqual([]);
    // A malformed generator list gives no Applications and no crash.
    expect(() => scan({ 'argocd/previews.yaml': appset('    - matrix:\n        generators: 7\n    - git: null\n    - {}') })).not.toThrow();
  });
});

describe('Flux valuesFrom Secrets: base64 data, SOPS, kustomize secretGenerator', () => {
  const release = fluxRelease('', ['  valuesFrom:', '    - kind: Secret', '      name: cache-auth', '      valuesKey: password', '      targetPath: auth.password'].join('\n'));
  const secret = (data: string, sops = '') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cache-auth\ndata:\n  password: ${data}\n${sops}`;

  it('decodes a committed Secret: its password is hardcoded, on the data line', () => {
    const r = scan({ 'prod/release.yaml': release, 'prod/secret.yaml': secret(Buffer.from('Xk3!pLq9-Redis-Prod').toString('base64')) });
    expect(r.servers.map((f) => [f.auth, f.credentials.map((c) => c.source)])).toEqual([['password', ['literal']]]);
    expect(r.findings.map((f) => [f.ruleId, `${f.file}:${f.line}`])).toEqual([['helm-hardcoded-password', 'prod/secret.yaml:6']]);
  });

  it('takes a SOPS-encrypted value as supplied at deploy time: nothing hardcoded', () => {
    const r = scan({ 'prod/release.yaml': release, 'prod/secret.yaml': secret('ENC[AES256_GCM,data:Zm9vYmFy,iv:aXY=,tag:dGFn,type:str]', 'sops:\n  version: 3.9.0\n') });
    expect(r.servers.map((f) => f.auth)).toEqual(['password']);
    expect(r.findings).toEqual([]);
  });

  it('reads a kustomize secretGenerator literal the overlay generates', () => {
    const r = scan({
      'base/release.yaml': release,
      'base/kustomization.yaml': 'resources:\n  - release.yaml\n',
      'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\nsecretGenerator:\n  - name: cache-auth\n    literals:\n      - password=devpassword\n',
    });
    expect(r.findings.map((f) => [f.ruleId, `${f.file}:${f.line}`])).toEqual([['helm-hardcoded-password', 'overlays/dev/kustomization.yaml:6']]);
  });
});
