/**
 * The commands verify sends, as the server itself counted them: exactly the read-only list
 * docs/verify.md documents, nothing else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/verify';
import { RedisConnection } from '../../src/verify/connection';
import { fakeIo, startRedis, stopAll } from './helpers/servers';

const PASSWORD = 'Mon-5rT8-kq2Zx';
const APP_PASSWORD = 'app-Zp4u-Hw81q';

afterEach(async () => {
  await stopAll();
});

/**
 * Counts what the server executed or rejected, per command, from INFO commandstats on a second
 * connection (MONITOR would not do: it hides admin commands such as ACL LIST and CONFIG GET, and
 * never shows rejected ones). CONFIG RESETSTAT first, so only the verify run is counted.
 */
async function commandStats(port: number, auth: string[]): Promise<{ sent(): Promise<Record<string, number>>; close(): void }> {
  const conn = await RedisConnection.connect({ host: '127.0.0.1', port, connectTimeoutMs: 3000, commandTimeoutMs: 3000 });
  expect(await conn.command(['AUTH', ...auth])).toBe('OK');
  expect(await conn.command(['CONFIG', 'RESETSTAT'])).toBe('OK');
  return {
    async sent() {
      const info = await conn.command(['INFO', 'commandstats']);
      const counts: Record<string, number> = {};
      // cmdstat_acl|list:calls=1,usec=5,usec_per_call=5.00,rejected_calls=0,failed_calls=0
      for (const m of (info as string).matchAll(/^cmdstat_([^:]+):calls=(\d+),.*?rejected_calls=(\d+)/gm)) {
        if (m[1] === 'config|resetstat') continue; // the test's own
        counts[m[1]] = Number(m[2]) + Number(m[3]);
      }
      return counts;
    },
    close: () => conn.close(),
  };
}

describe('commands sent', () => {
  it('sends PING, AUTH, PING, ACL WHOAMI, ACL LIST and CONFIG GET protected-mode, nothing else', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const stats = await commandStats(redis.port, [PASSWORD]);
    const code = await run(['--url', `redis://127.0.0.1:${redis.port}`], fakeIo({ REDIS_PASSWORD: PASSWORD }));
    expect(code).toBe(0);
    const sent = await stats.sent();
    stats.close();
    expect(sent).toEqual({ ping: 2, auth: 1, 'acl|whoami': 1, 'acl|list': 1, 'config|get': 1 });
  });

  it('falls back to ACL GETUSER default only when ACL LIST is refused', async () => {
    const redis = await startRedis({
      acl: [`user default on >${PASSWORD} ~* &* +@all`, `user ops on >${APP_PASSWORD} ~* +ping +acl|whoami +acl|getuser +config|get`, ''].join('\n'),
    });
    const stats = await commandStats(redis.port, ['default', PASSWORD]);
    const code = await run(['--url', `redis://ops@127.0.0.1:${redis.port}`], fakeIo({ REDIS_PASSWORD: APP_PASSWORD }));
    expect(code).toBe(0);
    const sent = await stats.sent();
    stats.close();
    expect(sent).toEqual({ ping: 2, auth: 1, 'acl|whoami': 1, 'acl|list': 1, 'acl|getuser': 1, 'config|get': 1 });
  });

  it('sends only PING when no credentials are configured and the server requires them', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const stats = await commandStats(redis.port, [PASSWORD]);
    const code = await run(['--url', `redis://127.0.0.1:${redis.port}`], fakeIo({}));
    expect(code).toBe(0);
    const sent = await stats.sent();
    stats.close();
    expect(sent).toEqual({ ping: 1 });
  });

  it('stops after AUTH is rejected when the server requires a password', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const stats = await commandStats(redis.port, [PASSWORD]);
    const code = await run(['--url', `redis://127.0.0.1:${redis.port}`], fakeIo({ REDIS_PASSWORD: 'not-the-password' }));
    expect(code).toBe(1);
    const sent = await stats.sent();
    stats.close();
    expect(sent).toEqual({ ping: 1, auth: 1 });
  });

  it('documents every command it sends', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'verify.md'), 'utf8');
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'verify', 'checks.ts'), 'utf8');
    const sent = [...source.matchAll(/conn\.command\((\[[^\]]*\])/g)].map((m) => m[1]);
    expect(sent.length).toBeGreaterThanOrEqual(6);
    for (const literal of sent) {
      const words = [...literal.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      expect(doc, literal).toContain(`| \`${words.join(' ')}`);
    }
  });
});
