import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { isRedisSecretFileName, isRedisUsernameVar, passwordFileVariable } from '../../src/core/secrets';
import { runScan } from '../../src/engine/run';

describe('the Docker secrets convention', () => {
  it.each([
    ['REDIS_PASSWORD_FILE', 'REDIS_PASSWORD'],
    ['REDISCLI_AUTH_FILE', 'REDISCLI_AUTH'],
    ['VALKEY_PASSWORD_FILE', 'VALKEY_PASSWORD'],
    ['SPRING_DATA_REDIS_PASSWORD_FILE', 'SPRING_DATA_REDIS_PASSWORD'],
  ])('%s supplies %s from a file', (name, stem) => {
    expect(passwordFileVariable(name)).toBe(stem);
  });
  it.each(['REDIS_PASSWORD', 'REDIS_CONFIG_FILE', 'DB_PASSWORD_FILE', 'REDIS_HOST_FILE', 'FILE'])('%s is not a Redis password file variable', (name) => {
    expect(passwordFileVariable(name)).toBeUndefined();
  });
  it('knows usernames and secret file names', () => {
    expect(isRedisUsernameVar('REDIS_USERNAME')).toBe(true);
    expect(isRedisUsernameVar('REDIS_USER')).toBe(true);
    expect(isRedisUsernameVar('POSTGRES_USER')).toBe(false);
    expect(isRedisSecretFileName('redis_password')).toBe(true);
    expect(isRedisSecretFileName('/run/secrets/valkey-auth')).toBe(true);
    expect(isRedisSecretFileName('redis_password.txt')).toBe(true);
    expect(isRedisSecretFileName('postgres_password')).toBe(false);
    expect(isRedisSecretFileName('redis_tls_cert')).toBe(false);
  });
  it.each(['redis_auth', 'redis-secret', 'valkey_credentials', 'redis_password2', 'REDIS_PASSWORD', 'redis_masterauth', '/run/secrets/redis-pass.secret'])(
    'secret file %s holds a Redis credential',
    (name) => expect(isRedisSecretFileName(name)).toBe(true),
  );
  // The file rule now uses the credential-name home: its exclusions (a switch or pointer word,
  // `bypass`) hold for files too, where the file's own regex used to accept them.
  it.each(['redis_bypass', 'existing_redis_password', 'redis_password_file', 'redis_password_hash', 'redis_host'])(
    'file %s is not a Redis credential file',
    (name) => expect(isRedisSecretFileName(name)).toBe(false),
  );
});

describe('a password from a file is a password in every scanner', () => {
  const fixtures = join(__dirname, '../../fixtures/drift');
  it('.env: REDIS_PASSWORD_FILE beside REDIS_URL is no `connects without a password`', () => {
    const outcome = runScan({ root: join(fixtures, 'dotenv-secret-files') });
    const noAuth = outcome.findings.filter((f) => f.ruleId === 'dotenv-no-auth').map((f) => f.file);
    expect(noAuth).toEqual(['.env.staging']);
    const prod = outcome.facts.find((f) => f.file === '.env.production' && f.subject.endsWith('#REDIS_URL'));
    expect(prod?.auth).toBe('password');
    expect(prod?.credentials.map((c) => [c.source, c.username])).toEqual([['file', 'orders']]);
  });
  it('compose: a mounted `secrets:` entry named for the Redis password is the client\'s password', () => {
    const outcome = runScan({ root: join(fixtures, 'compose-secret-mounts') });
    expect(outcome.findings.filter((f) => f.ruleId === 'compose-client-no-auth')).toEqual([]);
    const api = outcome.facts.find((f) => f.environment === 'prod' && f.subject.endsWith('api/REDIS_URL'));
    expect(api?.credentials.map((c) => [c.source, c.reference, c.username])).toEqual([['file', '/run/secrets/redis_password', 'default']]);
  });
});
