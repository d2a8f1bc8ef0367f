/**
 * Targets that cannot be verified (exit 2) and arguments that are refused (exit 2), plus the
 * protected-mode refusal a remote client would get, played by a fake server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/verify';
import type { VerifyReport } from '../../src/verify/result';
import { fakeIo, freePort, startFake, stopAll } from './helpers/servers';

afterEach(async () => {
  await stopAll();
});

async function verify(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = fakeIo(env);
  const code = await run(argv, io);
  return { code, io };
}

describe('unreachable targets', () => {
  it('exits 2 with one line when nothing listens on the port', async () => {
    const port = await freePort();
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${port}`]);
    expect(code).toBe(2);
    expect(io.stderrText).toBe(`redis-auth verify: connection to 127.0.0.1:${port} refused (ECONNREFUSED): is Redis running and listening there?\n`);
  });

  it('reports the error in the JSON object too', async () => {
    const port = await freePort();
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${port}`, '--format', 'json']);
    expect(code).toBe(2);
    const report = JSON.parse(io.stdoutText) as VerifyReport;
    expect(report.error).toMatchObject({ kind: 'refused' });
    expect(report.checks).toEqual([]);
    expect(report.summary).toEqual({ passed: 0, failed: 0, skipped: 0, exitCode: 2 });
  });

  it('exits 2 when the host name does not resolve (.invalid never leaves the machine)', async () => {
    const { code, io } = await verify(['--url', 'redis://cache.example.invalid:6379']);
    expect(code).toBe(2);
    expect(io.stderrText).toBe("redis-auth verify: cannot resolve host 'cache.example.invalid' (ENOTFOUND)\n");
  });

  it('exits 2 when an HTTP server answers on the port', async () => {
    const fake = await startFake((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    });
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${fake.port}`]);
    expect(code).toBe(2);
    expect(io.stderrText).toMatch(/^redis-auth verify: 127\.0\.0\.1:\d+ does not speak the Redis protocol: not a RESP reply \(starts with "HTTP\/1\.1 400 Bad Request/);
    expect(io.stderrText.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when the server sends a banner of its own first', async () => {
    const fake = await startFake((socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n'));
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${fake.port}`]);
    expect(code).toBe(2);
    expect(io.stderrText).toContain('does not speak the Redis protocol');
    expect(io.stderrText).toContain('SSH-2.0');
  });

  it('exits 2 when the server never answers, after --timeout-ms', async () => {
    const fake = await startFake(() => {});
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${fake.port}`, '--timeout-ms', '150', '--format', 'json']);
    expect(code).toBe(2);
    expect(JSON.parse(io.stdoutText).error).toMatchObject({ kind: 'timeout' });
    expect(io.stderrText).toContain('no reply from 127.0.0.1');
    expect(io.stderrText).toContain('to PING within 150 ms');
  });

  it('exits 2 when the server hangs up without a word', async () => {
    const fake = await startFake((socket) => socket.once('data', () => socket.end()));
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${fake.port}`]);
    expect(code).toBe(2);
    expect(io.stderrText).toContain('closed the connection without a reply; if this port speaks TLS, use rediss://');
  });

  it('keeps the checks done before the connection broke', async () => {
    // Answers the unauthenticated PING like a protected server, then goes quiet.
    const fake = await startFake((socket) => socket.once('data', () => socket.write('-NOAUTH Authentication required.\r\n')));
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${fake.port}`, '--timeout-ms', '150', '--format', 'json'], { REDIS_PASSWORD: 'pw-1234-abcd' });
    expect(code).toBe(2);
    const report = JSON.parse(io.stdoutText) as VerifyReport;
    expect(report.checks).toEqual([expect.objectContaining({ id: 'unauthenticated-ping', status: 'pass' })]);
    expect(report.error?.message).toContain('to AUTH within 150 ms');
  });
});

describe('protected mode refusing a remote client', () => {
  // A real server always lets loopback clients in, so the refusal a remote client gets is played
  // by a fake that answers the way Redis does (networking.c, clientAcceptHandler) and hangs up.
  it('fails: the refusal comes from protected mode, not from a password', async () => {
    const fake = await startFake((socket) => {
      socket.end(
        '-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. ' +
          'In this mode connections are only accepted from the loopback interface.\r\n',
      );
    });
    const io = fakeIo({ REDIS_PASSWORD: 'pw-1234-abcd' });
    const code = await run(['--url', `redis://127.0.0.1:${fake.port}`, '--format', 'json'], io);
    expect(code).toBe(1);
    const report = JSON.parse(io.stdoutText) as VerifyReport;
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['unauthenticated-ping'].status).toBe('fail');
    expect(byId['unauthenticated-ping'].message).toContain('protected mode');
    expect(byId.auth.status).toBe('fail');
    expect(byId['nopass-users'].status).toBe('fail');
    expect(byId['protected-mode'].status).toBe('pass');
    expect(report.error).toBeUndefined();
  });
});

describe('arguments', () => {
  const SECRET = 'Sup3r-Secr3t-pw';

  it.each([
    [['--password', SECRET]],
    [[`--password=${SECRET}`]],
    [['-a', SECRET]],
    [['--pass', SECRET]],
  ])('refuses a password flag %j without connecting', async (flags) => {
    const fake = await startFake((socket) => socket.end());
    const { code, io } = await verify(['--url', `redis://127.0.0.1:${fake.port}`, ...flags]);
    expect(code).toBe(2);
    expect(io.stderrText).toMatch(/^redis-auth verify: refusing (--password|-a|--pass): a password on the command line ends up in shell history and process lists/);
    expect(io.stderrText).not.toContain(SECRET);
    expect(io.stdoutText).toBe('');
    expect(fake.connections()).toBe(0);
  });

  it.each([`redis://:${SECRET}@127.0.0.1:PORT`, `redis://app:${SECRET}@127.0.0.1:PORT`, `redis://127.0.0.1:PORT?password=${SECRET}`])(
    'refuses a password written in --url (%s)',
    async (template) => {
      const fake = await startFake((socket) => socket.end());
      const { code, io } = await verify(['--url', template.replace('PORT', String(fake.port))]);
      expect(code).toBe(2);
      expect(io.stderrText).toContain('refusing a password written in --url');
      expect(io.stderrText).not.toContain(SECRET);
      expect(fake.connections()).toBe(0);
    },
  );

  it('masks a password in a stray positional URL', async () => {
    const { code, io } = await verify([`redis://:${SECRET}@127.0.0.1:6379`]);
    expect(code).toBe(2);
    expect(io.stderrText).toContain("unexpected argument 'redis://:Su****pw@127.0.0.1:6379'");
    expect(io.stderrText).not.toContain(SECRET);
  });

  it('allows a user name (no password) in --url', async () => {
    const port = await freePort();
    const { code, io } = await verify(['--url', `redis://app@127.0.0.1:${port}`]);
    expect(code).toBe(2);
    expect(io.stderrText).toContain('ECONNREFUSED');
  });

  it('needs a target', async () => {
    const { code, io } = await verify([]);
    expect(code).toBe(2);
    expect(io.stderrText).toBe('redis-auth verify: no target: pass --url redis://host:port or set $REDIS_URL\n');
  });

  it.each([
    [['--url', 'http://127.0.0.1:6379'], 'is not a redis://'],
    [['--url', 'redis+sentinel://127.0.0.1:26379/mymaster'], 'point verify at the master'],
    [['--url', 'redis://127.0.0.1:6379', '--frobnicate'], "unknown option '--frobnicate'"],
    [['--url', 'redis://127.0.0.1:6379', '--timeout-ms', 'soon'], '--timeout-ms takes a whole number'],
    [['--url', 'redis://127.0.0.1:6379', '--format', 'xml'], "unknown format 'xml' (use stylish, json)"],
    [['--url', 'redis://127.0.0.1:6379', '--ca', 'x.pem'], 'apply to TLS only'],
    [['--url', 'rediss://127.0.0.1:6379', '--cert', 'c.pem'], '--cert and --key go together'],
    [['--url', 'rediss://127.0.0.1:6379', '--ca', 'missing/ca.pem'], 'cannot read --ca missing/ca.pem (ENOENT)'],
    [['--url'], '--url needs a value'],
    [['--password-env', 'NOT A NAME'], 'takes an environment variable name'],
  ])('rejects %j', async (argv, expected) => {
    const { code, io } = await verify(argv);
    expect(code).toBe(2);
    expect(io.stderrText).toContain(expected);
    expect(io.stderrText.trim().split('\n')).toHaveLength(1);
  });

  it('prints help', async () => {
    const { code, io } = await verify(['--help']);
    expect(code).toBe(0);
    expect(io.stdoutText).toContain('Usage: redis-auth verify');
    expect(io.stdoutText).toContain('--password-env <name>');
    expect(io.stdoutText).toContain('--insecure');
  });
});
