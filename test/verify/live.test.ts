/**
 * `redis-auth verify` against real redis-server processes on loopback ports, driven through
 * run(argv, io). Each test starts its own server; afterEach kills it whatever happened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/verify';
import { verifyJson } from './helpers/verify-json';
import { fakeIo, startRedis, stopAll } from './helpers/servers';

const PASSWORD = 'Vq7-tR2x-93kLm';
const APP_PASSWORD = 'app-Zp4u-Hw81q';

afterEach(async () => {
  await stopAll();
});

describe('no authentication', () => {
  it('fails critically when PING answers without credentials, and reports the nopass default user', async () => {
    const redis = await startRedis();
    const { code, report, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`]);
    expect(code).toBe(1);
    expect(byId['unauthenticated-ping']).toMatchObject({ status: 'fail', critical: true });
    expect(byId['unauthenticated-ping'].message).toContain('PONG');
    expect(byId.auth.status).toBe('skip');
    // The open connection is enough to list users.
    expect(byId['nopass-users']).toMatchObject({ status: 'fail', critical: true });
    expect(byId['nopass-users'].message).toContain('default');
    expect(byId.tls.status).toBe('skip');
    expect(report.summary).toMatchObject({ exitCode: 1 });
    expect(report.summary.failed).toBeGreaterThanOrEqual(2);
  });

  it('prints a human report with the verdict', async () => {
    const redis = await startRedis();
    const io = fakeIo();
    const code = await run(['--url', `redis://127.0.0.1:${redis.port}`], io);
    expect(code).toBe(1);
    expect(io.stdoutText).toMatch(/FAIL!\s+unauthenticated-ping\s+PING without credentials answered PONG/);
    expect(io.stdoutText).toMatch(/^FAILED: \d+ passed, \d+ failed, \d+ skipped$/m);
    expect(io.stderrText).toBe('');
  });
});

describe('requirepass', () => {
  it('passes with the right password from $REDIS_PASSWORD', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const { code, report, byId, io } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`], { REDIS_PASSWORD: PASSWORD });
    expect(code).toBe(0);
    expect(byId['unauthenticated-ping'].status).toBe('pass');
    expect(byId['unauthenticated-ping'].message).toContain('NOAUTH');
    expect(byId.auth).toMatchObject({ status: 'pass' });
    expect(byId.auth.message).toContain("user 'default'");
    expect(byId['nopass-users'].status).toBe('pass');
    expect(byId['protected-mode'].status).toBe('pass');
    expect(report.target).toMatchObject({ credentials: '$REDIS_PASSWORD', tls: false });
    expect(report.summary).toEqual({ passed: 4, failed: 0, skipped: 1, exitCode: 0 });
    expect(io.stdoutText + io.stderrText).not.toContain(PASSWORD);
  });

  it('takes the password from the userinfo of $REDIS_URL and masks it in the target', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const { code, report, io } = await verifyJson([], { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${redis.port}/0` });
    expect(code).toBe(0);
    expect(report.target.url).toBe(`redis://:Vq****Lm@127.0.0.1:${redis.port}/0`);
    expect(report.target.credentials).toBe('the userinfo of $REDIS_URL');
    expect(io.stdoutText + io.stderrText).not.toContain(PASSWORD);
  });

  it('honours --url-env and --password-env', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const { code, report } = await verifyJson(['--url-env', 'CACHE_URL', '--password-env', 'CACHE_PW'], {
      CACHE_URL: `redis://127.0.0.1:${redis.port}`,
      CACHE_PW: PASSWORD,
      REDIS_PASSWORD: 'not-this-one',
    });
    expect(code).toBe(0);
    expect(report.target.credentials).toBe('$CACHE_PW');
  });

  it('fails on a wrong password, shows the server error and never the password', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const wrong = 'wrong-Pw-4411x';
    const { code, byId, io } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`], { REDIS_PASSWORD: wrong });
    expect(code).toBe(1);
    expect(byId['unauthenticated-ping'].status).toBe('pass');
    expect(byId.auth.status).toBe('fail');
    expect(byId.auth.message).toMatch(/WRONGPASS/);
    expect(io.stdoutText + io.stderrText).not.toContain(wrong);
    expect(io.stdoutText + io.stderrText).not.toContain(PASSWORD);
    // Not authenticated: introspection is not possible, and says so.
    expect(byId['nopass-users'].status).toBe('skip');
    expect(byId['protected-mode'].status).toBe('skip');
  });

  it('passes without credentials configured, skipping what needs them', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`]);
    expect(code).toBe(0);
    expect(byId['unauthenticated-ping'].status).toBe('pass');
    expect(byId.auth.status).toBe('skip');
    expect(byId.auth.message).toContain('$REDIS_PASSWORD');
    expect(byId['nopass-users'].status).toBe('skip');
  });

  it('fails when a password is configured but the server has none', async () => {
    const redis = await startRedis();
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`], { REDIS_PASSWORD: PASSWORD });
    expect(code).toBe(1);
    expect(byId.auth.status).toBe('fail');
    expect(byId.auth.message).toMatch(/without any password configured/i);
  });

  it('works over a Unix socket', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD], unixSocket: true });
    const { code, byId, report } = await verifyJson(['--url', `unix://${redis.socket}`], { REDIS_PASSWORD: PASSWORD });
    expect(code).toBe(0);
    expect(byId.auth.status).toBe('pass');
    expect(byId.tls.message).toContain('local');
    expect(report.target.url).toBe(`unix://${redis.socket}`);
  });
});

describe('ACL files', () => {
  it('reports a nopass default user next to a password user', async () => {
    const redis = await startRedis({
      acl: `user default on nopass ~* &* +@all\nuser app on >${APP_PASSWORD} ~* &* +@all\n`,
    });
    const { code, byId, report } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`], {
      REDIS_USERNAME: 'app',
      REDIS_PASSWORD: APP_PASSWORD,
    });
    expect(code).toBe(1);
    expect(byId['unauthenticated-ping']).toMatchObject({ status: 'fail', critical: true });
    expect(byId.auth.status).toBe('pass');
    expect(byId.auth.message).toContain("user 'app'");
    expect(byId['nopass-users']).toMatchObject({ status: 'fail', critical: true });
    expect(byId['nopass-users'].message).toContain('default');
    expect(byId['nopass-users'].message).not.toMatch(/\bapp\b/);
    expect(report.target.username).toBe('app');
  });

  it('passes the unauthenticated PING on NOPERM but reports the restricted nopass default user', async () => {
    // NOPERM instead of NOAUTH means the client already is the default user: on, nopass, restricted.
    const redis = await startRedis({ acl: 'user default on nopass ~* -@all +get\n' });
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`]);
    expect(code).toBe(1);
    expect(byId['unauthenticated-ping'].status).toBe('pass');
    expect(byId['unauthenticated-ping'].message).toMatch(/NOPERM.*default user, which has no password/);
    expect(byId['nopass-users'].status).toBe('fail');
    expect(byId['nopass-users'].critical).toBeUndefined();
    expect(byId['nopass-users'].message).toContain('NOPERM');
    expect(byId['protected-mode'].status).toBe('skip');
  });

  it('reports another enabled nopass user, not critical, and ignores a disabled one', async () => {
    const redis = await startRedis({
      acl: [
        `user default on >${PASSWORD} ~* &* +@all`,
        'user cache on nopass ~cache:* +get',
        'user legacy off nopass ~* +@all',
        `user app on >${APP_PASSWORD} ~* &* +@all`,
        '',
      ].join('\n'),
    });
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`], { REDIS_USERNAME: 'app', REDIS_PASSWORD: APP_PASSWORD });
    expect(code).toBe(1);
    expect(byId['unauthenticated-ping'].status).toBe('pass');
    expect(byId['nopass-users'].status).toBe('fail');
    expect(byId['nopass-users'].critical).toBeUndefined();
    expect(byId['nopass-users'].message).toContain('cache');
    expect(byId['nopass-users'].message).not.toContain('legacy');
  });

  it('passes with a disabled default user and skips introspection the user may not run', async () => {
    const redis = await startRedis({
      acl: ['user default off', `user reader on >${APP_PASSWORD} ~* +@read +ping +acl|whoami`, ''].join('\n'),
    });
    const { code, byId } = await verifyJson(['--url', `redis://reader@127.0.0.1:${redis.port}`], { REDIS_PASSWORD: APP_PASSWORD });
    expect(code).toBe(0);
    expect(byId['unauthenticated-ping'].status).toBe('pass');
    expect(byId.auth.status).toBe('pass');
    expect(byId.auth.message).toContain("user 'reader'");
    expect(byId['nopass-users'].status).toBe('skip');
    expect(byId['nopass-users'].message).toContain('NOPERM');
    expect(byId['protected-mode'].status).toBe('skip');
    expect(byId['protected-mode'].message).toContain('NOPERM');
  });

  it('falls back to ACL GETUSER default when ACL LIST is not allowed', async () => {
    const redis = await startRedis({
      acl: ['user default off', `user ops on >${APP_PASSWORD} ~* +ping +acl|whoami +acl|getuser +config|get`, ''].join('\n'),
    });
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`], { REDIS_USERNAME: 'ops', REDIS_PASSWORD: APP_PASSWORD });
    expect(code).toBe(0);
    expect(byId['nopass-users'].status).toBe('pass');
    expect(byId['nopass-users'].message).toMatch(/ACL GETUSER default.*ACL LIST \(NOPERM\)/);
    expect(byId['protected-mode'].status).toBe('pass');
  });
});

describe('protected mode', () => {
  // A loopback client is always let in under protected mode, so from here a server without a
  // password answers PONG either way: what can be checked honestly is the reported setting and its
  // verdict. The DENIED reply a remote client gets is covered with a fake server (errors.test.ts).
  it('reports protected mode on', async () => {
    const redis = await startRedis({ args: ['--protected-mode', 'yes'] });
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`]);
    expect(code).toBe(1);
    expect(byId['unauthenticated-ping'].status).toBe('fail');
    expect(byId['protected-mode'].status).toBe('pass');
    expect(byId['protected-mode'].message).toMatch(/protected mode is on.*own host/);
  });

  it('reports protected mode off with no password as a critical failure', async () => {
    const redis = await startRedis({ args: ['--protected-mode', 'no'] });
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`]);
    expect(code).toBe(1);
    expect(byId['protected-mode']).toMatchObject({ status: 'fail', critical: true });
    expect(byId['protected-mode'].message).toContain('protected mode is off');
  });

  it('accepts protected mode off when the default user has a password', async () => {
    const redis = await startRedis({ args: ['--protected-mode', 'no', '--requirepass', PASSWORD] });
    const { code, byId } = await verifyJson(['--url', `redis://127.0.0.1:${redis.port}`], { REDIS_PASSWORD: PASSWORD });
    expect(code).toBe(0);
    expect(byId['protected-mode'].status).toBe('pass');
    expect(byId['protected-mode'].message).toMatch(/off.*harmless/);
  });
});
