import { describe, expect, it } from 'vitest';
import { environmentOf } from '../../src/core/environment';

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
  it('lets the config map other names', () => {
    expect(environmentOf('values-eu-west.yaml', { aliases: { 'eu-west': 'prod' } })).toBe('prod');
    expect(environmentOf('overlays/acc/kustomization.yaml', { aliases: { acc: 'staging' } })).toBe('staging');
  });
});
