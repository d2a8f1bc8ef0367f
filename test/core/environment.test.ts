import { describe, expect, it } from 'vitest';
import { environmentOf, environmentParts } from '../../src/core/environment';

describe('environmentOf', () => {
  it.each([
    ['deploy/chart/values-prod.yaml', 'prod'],
    ['values.production.yaml', 'prod'],
    ['values-staging.yaml', 'staging'],
    ['environments/prod/values.yaml', 'prod'],
    ['k8s/overlays/staging/kustomization.yaml', 'staging'],
    ['deploy/dev/redis.yaml', 'dev'],
    ['docker-compose.prod.yml', 'prod'],
    ['compose.override.yaml', 'dev'],
    ['.env.production', 'prod'],
    ['.env.development.local', 'dev'],
    ['config/redis-staging.conf', 'staging'],
    ['helm/app/values/uat.yaml', 'staging'],
    ['values-preprod.yaml', 'staging'],
    ['docker-compose.ci.yml', 'test'],
    // Layouts of the drift fixtures (fixtures/drift/*).
    ['environments/staging/values.yaml', 'staging'],
    ['overlays/production/kustomization.yaml', 'prod'],
    ['overlays/dev/queue.yaml', 'dev'],
    ['.env.production.local', 'prod'],
    ['.env.staging', 'staging'],
    ['deploy/shop/values-live.yaml', 'prod'],
    ['values.prd.yaml', 'prod'],
    ['docker-compose.override.yml', 'dev'],
  ])('%s is %s', (path, env) => {
    expect(environmentOf(path)).toBe(env);
  });
  it.each(['values.yaml', 'docker-compose.yml', '.env', 'redis.conf', 'chart/values.yaml'])('%s is a base file', (path) => {
    expect(environmentOf(path)).toBeUndefined();
  });
  it.each([
    'prod-infra/values.yaml',
    'my-staging-tools/docker-compose.yml',
    'acme-dev-env/redis.conf',
    'clusters/production-eu/kustomization.yaml',
    'constructor.yaml',
    'toString/values.yaml',
    'charts/redis-ha/ci/haproxy-enabled-values.yaml',
    'tests/assets/user.acl',
    'tests/sentinel/tests/includes/sentinel.conf',
    'e2e/docker-compose.yml',
  ])('%s: an environment word inside a longer folder name, or no environment word, is a base file', (path) => {
    expect(environmentOf(path)).toBeUndefined();
  });
  it.each([
    ['prod-infra/prod/values.yaml', 'prod'],
    ['my-staging-tools/overlays/dev/kustomization.yaml', 'dev'],
    ['prod-infra/values-staging.yaml', 'staging'],
    ['prod/values-dev.yaml', 'dev'],
    ['gitops/nonprod/base/redis/stateful-sets.yaml', 'staging'],
    ['gitops/nonprod/overlays/dev/kustomization.yaml', 'dev'],
    ['qa/docker-compose.yml', 'test'],
  ])('%s is %s: the file name and whole environment folders decide', (path, env) => {
    expect(environmentOf(path)).toBe(env);
  });
  it('never reads the scan root\'s own folders', () => {
    expect(environmentOf('prod/values.yaml', { scanRoot: 'prod' })).toBeUndefined();
    expect(environmentOf('prod/overlays/dev/k.yaml', { scanRoot: 'prod' })).toBe('dev');
    expect(environmentOf('work/prod/values.yaml', { scanRoot: 'work' })).toBe('prod');
    expect(environmentParts('deploy/prod/values-staging.yaml').map((p) => [p.environment, p.segment, p.word])).toEqual([
      ['staging', 2, 'staging'],
      ['prod', 1, undefined],
    ]);
  });
  it('lets the config map other names', () => {
    expect(environmentOf('values-eu-west.yaml', { aliases: { 'eu-west': 'prod' } })).toBe('prod');
    expect(environmentOf('overlays/acc/kustomization.yaml', { aliases: { acc: 'staging' } })).toBe('staging');
  });
});
