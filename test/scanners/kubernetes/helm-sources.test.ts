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

describe('Flux HelmRelease values', () => {
  const release = (values: string, from: string) =>
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
      values,
      '',
    ].join('\n');

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
