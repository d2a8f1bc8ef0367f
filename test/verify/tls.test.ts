/**
 * rediss:// against a real redis-server serving TLS with the test CA in fixtures/tls (test-only
 * keys, valid until 2126; server certificate for localhost and 127.0.0.1).
 */
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/verify';
import { verifyJson } from './helpers/verify-json';
import { TLS_DIR, fakeIo, startRedis, stopAll } from './helpers/servers';

const PASSWORD = 'Tls-9fQ2-xLw7k';
const CA = path.join(TLS_DIR, 'ca.crt');
const CERT = path.join(TLS_DIR, 'client.crt');
const KEY = path.join(TLS_DIR, 'client.key');

afterEach(async () => {
  await stopAll();
});

describe('rediss://', () => {
  it('passes with the server verified against --ca', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD], tls: { authClients: 'no' } });
    const { code, byId, report } = await verifyJson(['--url', `rediss://127.0.0.1:${redis.tlsPort}`, '--ca', CA], { REDIS_PASSWORD: PASSWORD });
    expect(code).toBe(0);
    expect(report.target.tls).toBe(true);
    expect(byId.tls.status).toBe('pass');
    expect(byId.tls.message).toMatch(/^TLS \(TLSv1\.[23], .+\); server certificate verified against the CA given with --ca$/);
    expect(byId.auth.status).toBe('pass');
  });

  it('presents a client certificate when the server requires one', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD], tls: { authClients: 'yes' } });
    const { code, byId } = await verifyJson(['--url', `rediss://127.0.0.1:${redis.tlsPort}`, '--ca', CA, '--cert', CERT, '--key', KEY], { REDIS_PASSWORD: PASSWORD });
    expect(code).toBe(0);
    expect(byId.tls.message).toContain('client certificate presented');
  });

  it('exits 2 when the server requires a client certificate and none is given', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD], tls: { authClients: 'yes' } });
    const io = fakeIo({ REDIS_PASSWORD: PASSWORD });
    const code = await run(['--url', `rediss://127.0.0.1:${redis.tlsPort}`, '--ca', CA], io);
    expect(code).toBe(2);
    expect(io.stderrText).toMatch(/^redis-auth verify: TLS with 127\.0\.0\.1:\d+ failed: .*pass --cert and --key\n$/);
    // OpenSSL's reason, without its error-stack noise.
    expect(io.stderrText).not.toMatch(/deps\/openssl|:error:/);
  });

  it('exits 2 when the certificate is not signed by a trusted CA', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD], tls: { authClients: 'no' } });
    const io = fakeIo({ REDIS_PASSWORD: PASSWORD });
    const code = await run(['--url', `rediss://127.0.0.1:${redis.tlsPort}`, '--format', 'json'], io);
    expect(code).toBe(2);
    expect(JSON.parse(io.stdoutText).error).toMatchObject({ kind: 'tls' });
    expect(io.stderrText).toContain('pass the server CA with --ca');
  });

  it('exits 2 when the certificate does not name the host', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD, '--bind', '127.0.0.1', '127.0.0.2'], tls: { authClients: 'no' } });
    const io = fakeIo({ REDIS_PASSWORD: PASSWORD });
    const code = await run(['--url', `rediss://127.0.0.2:${redis.tlsPort}`, '--ca', CA], io);
    expect(code).toBe(2);
    expect(io.stderrText).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(io.stderrText).toContain('the certificate does not name this host');
  });

  it('with --insecure connects but reports the unverified certificate as skipped', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD], tls: { authClients: 'no' } });
    const { code, byId, io } = await verifyJson(['--url', `rediss://127.0.0.1:${redis.tlsPort}`, '--insecure'], { REDIS_PASSWORD: PASSWORD });
    expect(code).toBe(0);
    expect(io.stderrText).toContain('warning: --insecure: the server certificate is not verified');
    expect(byId.tls.status).toBe('skip');
    expect(byId.tls.message).toMatch(/NOT verified \(--insecure: .+\): anyone on the path could pose as the server/);
    expect(byId.auth.status).toBe('pass');
  });

  it('exits 2 with a hint when rediss:// points at a plaintext port', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const io = fakeIo({ REDIS_PASSWORD: PASSWORD });
    const code = await run(['--url', `rediss://127.0.0.1:${redis.port}`, '--ca', CA, '--timeout-ms', '300'], io);
    expect(code).toBe(2);
    expect(io.stderrText).toMatch(/TLS|does not speak TLS/);
    expect(io.stderrText).toContain('redis://');
  });

  it('exits 2 with a hint when redis:// points at a TLS port', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD], tls: { authClients: 'no' } });
    const io = fakeIo({ REDIS_PASSWORD: PASSWORD });
    const code = await run(['--url', `redis://127.0.0.1:${redis.tlsPort}`, '--timeout-ms', '1000'], io);
    expect(code).toBe(2);
    expect(io.stderrText).toContain('use rediss://');
  });
});
