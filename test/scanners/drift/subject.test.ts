import { describe, expect, it } from 'vitest';
import { canonicalLabel, canonicalSubject } from '../../../src/drift/subject';
import { buildMatrix, checkDrift } from '../../../src/drift';
import { server } from './build-facts';

describe('canonicalSubject', () => {
  it.each([
    ['conf:config/redis-staging.conf', 'staging', 'conf:config/redis-<env>.conf'],
    ['conf:config/redis.production.conf', 'prod', 'conf:config/redis.<env>.conf'],
    ['conf:deploy/prod/redis.conf', 'prod', 'conf:deploy/<env>/redis.conf'],
    ['conf:deploy/uat/redis.conf', 'staging', 'conf:deploy/<env>/redis.conf'],
    ['compose:envs/dev#cache-dev', 'dev', 'compose:envs/<env>#cache-dev'],
  ])('%s in %s is %s', (subject, env, expected) => {
    expect(canonicalSubject(subject, env)).toBe(expected);
  });

  it.each([
    ['helm:deploy/shop#redis', 'prod'],
    ['conf:config/redis.conf', undefined],
    // `test` names the test environment, but this file is prod's: only prod's names are masked.
    ['conf:test-rig/redis-prod-like.conf', 'staging'],
  ])('%s in %s is unchanged', (subject, env) => {
    expect(canonicalSubject(subject, env)).toBe(subject);
  });

  it('masks the label only when the subject changed', () => {
    expect(canonicalLabel('redis config/redis-dev.conf', 'conf:config/redis-dev.conf', 'conf:config/redis-<env>.conf', 'dev')).toBe(
      'redis config/redis-<env>.conf',
    );
    expect(canonicalLabel('dev cache', 'helm:x#redis', 'helm:x#redis', 'dev')).toBe('dev cache');
  });
});

describe('per-environment files of one server line up', () => {
  const facts = [
    server({ env: 'dev', file: 'config/redis-dev.conf', subject: 'conf:config/redis-dev.conf', auth: 'none', authLine: 1 }),
    server({ env: 'prod', file: 'config/redis-prod.conf', subject: 'conf:config/redis-prod.conf', auth: 'password', authLine: 4 }),
  ];

  it('in one matrix row', () => {
    const m = buildMatrix(facts);
    expect(m.rows.map((r) => [r.subject, Object.keys(r.cells)])).toEqual([['conf:config/redis-<env>.conf', ['dev', 'prod']]]);
  });

  it('and are compared', () => {
    expect(checkDrift(facts).findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['drift-weaker-than-production', 'config/redis-dev.conf', 1],
    ]);
  });
});
