import { describe, expect, it } from 'vitest';
import { canonicalLabel, canonicalSubject } from '../../../src/drift/subject';
import { buildMatrix, checkDrift } from '../../../src/drift';
import { server } from './build-facts';
import type { EnvironmentOptions } from '../../../src/core/environment';

describe('canonicalSubject', () => {
  it.each([
    ['conf:config/redis-staging.conf', 'config/redis-staging.conf', 'staging', 'conf:config/redis.conf'],
    ['conf:config/redis.production.conf', 'config/redis.production.conf', 'prod', 'conf:config/redis.conf'],
    ['conf:deploy/prod/redis.conf', 'deploy/prod/redis.conf', 'prod', 'conf:deploy/redis.conf'],
    ['conf:deploy/uat/redis.conf', 'deploy/uat/redis.conf', 'staging', 'conf:deploy/redis.conf'],
    ['compose:envs/dev#cache-dev', 'envs/dev/docker-compose.yml', 'dev', 'compose:envs#cache-dev'],
    ['conf:prod-infra/prod/redis.conf', 'prod-infra/prod/redis.conf', 'prod', 'conf:prod-infra/redis.conf'],
    ['helm:helmfile.prod.yaml:cache#.', 'helmfile.prod.yaml', 'prod', 'helm:helmfile.yaml:cache#.'],
  ])('%s in %s is %s', (subject, file, env, expected) => {
    expect(canonicalSubject(subject, file, env)).toBe(expected);
  });

  it.each([
    ['helm:deploy/shop#redis', 'deploy/shop/values-prod.yaml', 'prod'],
    ['conf:config/redis.conf', 'config/redis.conf', undefined],
    // `test` names the test environment, but this file is staging's: only its own parts go.
    ['conf:test-rig/redis-staging-like.conf', 'test-rig/redis-prod-like.conf', 'staging'],
    // An environment word inside a longer folder name names something else.
    ['compose:my-prod-stack#redis', 'my-prod-stack/docker-compose.yml', 'prod'],
    ['conf:acme-staging-tools/redis.conf', 'acme-staging-tools/redis.conf', 'staging'],
    // The scan root's own name is the repository's.
    ['conf:prod/redis.conf', 'prod/redis.conf', 'prod', { scanRoot: 'prod' }],
  ] as [string, string, string | undefined, EnvironmentOptions?][])('%s in %s is unchanged', (subject, file, env, options = {}) => {
    expect(canonicalSubject(subject, file, env, options)).toBe(subject);
  });

  it('never leaves a placeholder in a subject', () => {
    expect(canonicalSubject('conf:deploy/prod/redis-prod.conf', 'deploy/prod/redis-prod.conf', 'prod')).toBe('conf:deploy/redis.conf');
  });

  it('shortens the paths in the label the same way', () => {
    expect(canonicalLabel('redis config/redis-dev.conf', 'config/redis-dev.conf', 'dev')).toBe('redis config/redis.conf');
    expect(canonicalLabel('compose service redis (deploy/prod)', 'deploy/prod/docker-compose.yml', 'prod')).toBe('compose service redis (deploy)');
    expect(canonicalLabel('dev cache', 'chart/values-dev.yaml', 'dev')).toBe('dev cache');
    expect(canonicalLabel('compose service redis (my-prod-stack)', 'my-prod-stack/compose.yaml', 'prod')).toBe('compose service redis (my-prod-stack)');
  });
});

describe('per-environment files of one server line up', () => {
  const facts = [
    server({ env: 'dev', file: 'config/redis-dev.conf', subject: 'conf:config/redis-dev.conf', auth: 'none', authLine: 1 }),
    server({ env: 'prod', file: 'config/redis-prod.conf', subject: 'conf:config/redis-prod.conf', auth: 'password', authLine: 4 }),
  ];

  it('in one matrix row', () => {
    const m = buildMatrix(facts);
    expect(m.rows.map((r) => [r.subject, Object.keys(r.cells)])).toEqual([['conf:config/redis.conf', ['dev', 'prod']]]);
  });

  it('and are compared', () => {
    expect(checkDrift(facts).findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['drift-weaker-than-production', 'config/redis-dev.conf', 1],
    ]);
  });
});

describe('row labels name files that exist', () => {
  const compose = (env: string | undefined, file: string, label: string) => ({
    ...server({ env, file, subject: 'compose:.#redis' }),
    label: `compose service redis (${label})`,
  });
  const labels = (facts: ReturnType<typeof compose>[]) => buildMatrix(facts).rows.map((r) => r.label);

  it('a row from one environment-named file keeps that file (documenso, formbricks, rallly, lago)', () => {
    expect(labels([compose('dev', 'docker-compose.dev.yml', 'docker-compose.dev.yml')])).toEqual(['compose service redis (docker-compose.dev.yml)']);
    const folder = { ...compose('dev', 'docker/development/compose.yml', 'docker/development/compose.yml'), subject: 'compose:docker/development#redis' };
    expect(buildMatrix([folder]).rows.map((r) => r.label)).toEqual(['compose service redis (docker/development/compose.yml)']);
  });

  it("a row with a base file takes the base file's label", () => {
    expect(labels([compose('dev', 'docker-compose.dev.yml', 'docker-compose.dev.yml'), compose(undefined, 'docker-compose.yml', 'docker-compose.yml')])).toEqual([
      'compose service redis (docker-compose.yml)',
    ]);
  });

  it('a row over several environment-named files shows their shared shape', () => {
    expect(labels([compose('dev', 'docker-compose.dev.yml', 'docker-compose.dev.yml'), compose('prod', 'docker-compose.prod.yml', 'docker-compose.prod.yml')])).toEqual([
      'compose service redis (docker-compose.yml)',
    ]);
  });
});
