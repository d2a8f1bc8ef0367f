/**
 * A conf's own verdict gives way to the units that start it (src/engine/launch.ts): the compose
 * `command:` or container `args` that add `--requirepass` after the conf file settle its missing
 * password; a unit that starts it without one leaves the finding in place.
 */
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../src/engine/run';
import { makeRepo } from './helpers';

const OPEN_CONF = 'bind 0.0.0.0\nprotected-mode no\nappendonly yes\n';
const service = (name: string, extra: string) =>
  `  ${name}:\n    image: redis:7.2\n    command: redis-server /etc/redis/redis.conf${extra}\n    volumes:\n      - ./redis.conf:/etc/redis/redis.conf:ro\n`;
const compose = (...services: string[]) => `services:\n${services.join('')}`;
const rules = (root: string) => runScan({ root }).findings.flatMap((f) => [`${f.ruleId} ${f.file}`, ...(f.related ?? []).map((r) => `  ${r.ruleId} ${r.file}`)]);

describe('conf findings and the units that start the conf', () => {
  it('drops conf-no-auth and protected-mode-off when the one starting service passes --requirepass', () => {
    const root = makeRepo({ 'redis.conf': OPEN_CONF, 'docker-compose.yml': compose(service('redis', ' --requirepass ${REDIS_PASSWORD:?}')) });
    expect(rules(root)).toEqual([]);
  });

  it('keeps them when the service starts the conf without a password', () => {
    const root = makeRepo({ 'redis.conf': OPEN_CONF, 'docker-compose.yml': compose(service('redis', '')) });
    expect(rules(root).some((r) => r.includes('conf-no-auth redis.conf'))).toBe(true);
  });

  it('keeps them when one of two starting services passes no password', () => {
    const root = makeRepo({
      'redis.conf': OPEN_CONF,
      'docker-compose.yml': compose(service('redis', ' --requirepass ${REDIS_PASSWORD:?}'), service('replay', '')),
    });
    expect(rules(root).some((r) => r.includes('conf-no-auth redis.conf'))).toBe(true);
  });

  it('keeps them for a conf no unit in the scan starts', () => {
    const root = makeRepo({ 'redis.conf': OPEN_CONF, 'docker-compose.yml': compose(service('redis', ' --requirepass ${REDIS_PASSWORD:?}').replace('./redis.conf', './other.conf')), 'other.conf': 'appendonly yes\n' });
    expect(rules(root).filter((r) => r.startsWith('conf-no-auth'))).toEqual(['conf-no-auth redis.conf']);
  });

  it('an empty --requirepass settles nothing', () => {
    const root = makeRepo({ 'redis.conf': OPEN_CONF, 'docker-compose.yml': compose(service('redis', ' --requirepass ""')) });
    expect(rules(root).some((r) => r.includes('conf-no-auth redis.conf'))).toBe(true);
  });

  it('a conf with requirepass started without one is not reported as open (the reverse)', () => {
    const hashed = `bind 0.0.0.0\nprotected-mode no\nuser default on #${'a'.repeat(64)} ~* &* +@all\n`;
    const root = makeRepo({ 'redis.conf': hashed, 'docker-compose.yml': compose(service('redis', '')) });
    expect(rules(root)).toEqual([]);
  });

  it('--masterauth on the command line settles a replica conf without masterauth', () => {
    const files = {
      'master/redis.conf': 'requirepass "Zq8v-Lm3p-Xr7t-Wn2k"\n',
      'replica/redis.conf': 'bind 0.0.0.0\nprotected-mode yes\nreplicaof redis-master 6379\n',
    };
    const replica = (extra: string) =>
      `services:\n  redis-replica:\n    image: redis:7.2\n    command: redis-server /etc/redis/redis.conf${extra}\n    volumes:\n      - ./replica/redis.conf:/etc/redis/redis.conf:ro\n`;
    const has = (root: string) => rules(root).some((r) => r.includes('conf-replica-no-masterauth replica/redis.conf'));
    expect(has(makeRepo({ ...files, 'docker-compose.yml': replica(' --requirepass ${P:?} --masterauth ${P:?}') }))).toBe(false);
    expect(has(makeRepo({ ...files, 'docker-compose.yml': replica(' --requirepass ${P:?}') }))).toBe(true);
  });
});
