import { describe, expect, it } from 'vitest';
import { enabledNopassUsers, scrubber } from '../../src/verify/checks';
import { parseVerifyArgs } from '../../src/cli/commands/verify';
import type { VerifyOptions } from '../../src/verify/options';
import { resolveTarget } from '../../src/verify/target';

function options(argv: string[]): VerifyOptions {
  const parsed = parseVerifyArgs(argv);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.options;
}

describe('parseVerifyArgs', () => {
  it('has bounded defaults', () => {
    expect(options([])).toMatchObject({ urlEnv: 'REDIS_URL', passwordEnv: 'REDIS_PASSWORD', usernameEnv: 'REDIS_USERNAME', timeoutMs: 3000, connectTimeoutMs: 3000, insecure: false });
  });
  it('lets --connect-timeout-ms differ from --timeout-ms, which otherwise sets both', () => {
    expect(options(['--timeout-ms', '500'])).toMatchObject({ timeoutMs: 500, connectTimeoutMs: 500 });
    expect(options(['--timeout-ms=500', '--connect-timeout-ms=2000'])).toMatchObject({ timeoutMs: 500, connectTimeoutMs: 2000 });
  });
  it('takes the shared output flags, like scan', () => {
    expect(parseVerifyArgs(['-f', 'json', '-o', 'verify.json', '--no-color', '--verbose']).ok).toBe(true);
  });
  it('refuses password flags in every spelling', () => {
    for (const flag of ['--password', '--PASSWORD=x', '--passwd', '--requirepass', '--auth', '-a']) {
      const parsed = parseVerifyArgs([flag, 'x']);
      expect(parsed.ok, flag).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('shell history');
    }
  });
  it('does not take --password-env for a password flag', () => {
    expect(options(['--password-env', 'CACHE_PASSWORD']).passwordEnv).toBe('CACHE_PASSWORD');
  });
});

describe('resolveTarget', () => {
  it('defaults host and port, reads credentials from the environment', () => {
    const r = resolveTarget(options(['--url', 'redis://']), { REDIS_PASSWORD: 'pw-123456', REDIS_USERNAME: 'app' });
    expect(r).toEqual({ ok: true, target: { display: 'redis://', tls: false, host: 'localhost', port: 6379, username: 'app', password: 'pw-123456', credentialSource: '$REDIS_PASSWORD' } });
  });
  it('prefers the password variable over the URL variable userinfo', () => {
    const r = resolveTarget(options([]), { REDIS_URL: 'redis://u:from-url-1@h:1', REDIS_PASSWORD: 'from-env-1' });
    expect(r.ok && r.target).toMatchObject({ password: 'from-env-1', username: 'u', credentialSource: '$REDIS_PASSWORD', display: 'redis://u:f****1@h:1' });
  });
  it('treats an empty password variable as unset', () => {
    const r = resolveTarget(options([]), { REDIS_URL: 'redis://:from-url-1@h', REDIS_PASSWORD: '' });
    expect(r.ok && r.target).toMatchObject({ password: 'from-url-1', credentialSource: 'the userinfo of $REDIS_URL' });
  });
  it('accepts TLS and socket schemes', () => {
    expect(resolveTarget(options(['--url', 'rediss://cache:6380']), {})).toMatchObject({ ok: true, target: { tls: true, host: 'cache', port: 6380 } });
    expect(resolveTarget(options(['--url', 'redis://cache?tls=true']), {})).toMatchObject({ ok: true, target: { tls: true } });
    expect(resolveTarget(options(['--url', 'unix:///run/redis.sock']), {})).toMatchObject({ ok: true, target: { path: '/run/redis.sock' } });
    expect(resolveTarget(options(['--url', 'redis://[::1]:6390']), {})).toMatchObject({ ok: true, target: { host: '::1', port: 6390 } });
  });
  it('refuses a password in --url but not in the URL variable', () => {
    expect(resolveTarget(options(['--url', 'redis://:pw-123456@h']), {})).toMatchObject({ ok: false });
    expect(resolveTarget(options([]), { REDIS_URL: 'redis://:pw-123456@h' })).toMatchObject({ ok: true });
  });
  it('rejects what it cannot verify', () => {
    expect(resolveTarget(options(['--url', 'redis://h:70000']), {})).toMatchObject({ ok: false, error: 'port 70000 is out of range' });
    expect(resolveTarget(options(['--url', 'unix://']), {})).toMatchObject({ ok: false });
  });
  it('does not print a password from an unparseable URL variable', () => {
    const r = resolveTarget(options([]), { REDIS_URL: 'https://user:pw-123456@h' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).not.toContain('pw-123456');
  });
});

describe('enabledNopassUsers', () => {
  it('lists enabled users without a password, not disabled ones nor hashed ones', () => {
    const lines = [
      'user default on nopass sanitize-payload ~* &* +@all',
      'user app on #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8 ~* +@all',
      'user legacy off nopass ~* +@all',
      'user nopassword on >x ~* +@all',
    ];
    expect(enabledNopassUsers(lines)).toEqual(['default']);
  });
});

describe('scrubber', () => {
  it('masks the configured password in server text', () => {
    expect(scrubber('hunter2hunter2')('ERR bad hunter2hunter2 here')).toBe('ERR bad hu****r2 here');
  });
  it('leaves text alone without a password or with a very short one', () => {
    expect(scrubber(undefined)('ERR a')).toBe('ERR a');
    expect(scrubber('a')('ERR a')).toBe('ERR a');
  });
});
