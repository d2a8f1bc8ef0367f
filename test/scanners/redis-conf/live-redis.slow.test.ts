/**
 * The effective-auth model against a real redis-server, when one is installed: each config is
 * started on a unix socket only (port 0, nothing on the network) and asked PING without AUTH.
 * Fails with an install hint when `redis-server` or `redis-cli` is missing (`npm test` installs them
 * as root, or names the command).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { analyzeConf } from '../../../scanners/redis-conf';

const HASH = '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8';

/** A missing server is a broken environment, not a pass: each case fails with the install hint. */
function requireRedisTools(): void {
  for (const tool of ['redis-server', 'redis-cli']) {
    if (spawnSync(tool, ['--version']).status !== 0) {
      throw new Error(`${tool} is not installed: this test needs it (apt-get install -y redis-server; npm test installs it as root)`);
    }
  }
}
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

type Outcome = 'open' | 'auth-required' | 'refuses-to-start';

async function live(root: string): Promise<Outcome> {
  const sock = join(root, 's.sock');
  const child = spawn('redis-server', ['redis.conf', '--port', '0', '--unixsocket', sock, '--save', '', '--appendonly', 'no', '--dir', root], {
    cwd: root,
    stdio: 'ignore',
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (let i = 0; i < 50 && !exited; i++) {
      if (existsSync(sock)) {
        const ping = spawnSync('redis-cli', ['-s', sock, 'PING'], { encoding: 'utf8' });
        if (/PONG/.test(ping.stdout)) return 'open';
        if (/NOAUTH/.test(ping.stdout + ping.stderr)) return 'auth-required';
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return 'refuses-to-start';
  } finally {
    child.kill();
  }
}

function model(root: string): Outcome {
  const { ctx } = createContext(root);
  const a = analyzeConf(ctx.readFile('redis.conf')!.text, { file: 'redis.conf', ctx });
  const fatal = a.findings.some((f) => f.ruleId === 'conf-auth-config-error') || a.diagnostics.length > 0 || (a.aclFile?.loadErrors ?? 0) > 0;
  if (fatal) return 'refuses-to-start';
  return a.auth?.verdict === 'open' ? 'open' : 'auth-required';
}

const CASES: [string, Record<string, string>][] = [
  ['nothing set', { 'redis.conf': 'maxmemory 10mb\n' }],
  ['requirepass', { 'redis.conf': 'requirepass Zq8vLm3p\n' }],
  ['requirepass then user default on nopass', { 'redis.conf': 'requirepass Zq8vLm3p\nuser default on nopass ~* +@all\n' }],
  ['user default on nopass then requirepass', { 'redis.conf': 'user default on nopass ~* +@all\nrequirepass Zq8vLm3p\n' }],
  ['user default on without password (locked)', { 'redis.conf': 'requirepass Zq8vLm3p\nuser default on ~* +@all\n' }],
  ['user default without on (off)', { 'redis.conf': 'user default ~* +@all\n' }],
  ['requirepass empty', { 'redis.conf': 'requirepass ""\n' }],
  ['case-insensitive directive', { 'redis.conf': 'REQUIREPASS Zq8vLm3p\n' }],
  ['inline comment', { 'redis.conf': 'requirepass Zq8vLm3p # prod\n' }],
  ['closing quote not followed by space', { 'redis.conf': 'requirepass "abc"def\n' }],
  ['duplicate user default', { 'redis.conf': 'user default on nopass ~* +@all\nuser default on >Zq8vLm3p ~* +@all\n' }],
  ['uppercase hash', { 'redis.conf': `user default on #${HASH.toUpperCase()} ~* +@all\n` }],
  ['aclfile without default user', { 'redis.conf': 'requirepass Zq8vLm3p\naclfile users.acl\n', 'users.acl': `user app on #${HASH} ~* +@all\n` }],
  ['aclfile with default on nopass', { 'redis.conf': 'aclfile users.acl\n', 'users.acl': 'user default on nopass ~* +@all\n' }],
  ['aclfile with default off, double spaces', { 'redis.conf': 'aclfile users.acl\n', 'users.acl': 'user default  off\nuser app on >Zq8vLm3p  ~* +@all\n' }],
  ['aclfile with a comment line', { 'redis.conf': 'aclfile users.acl\n', 'users.acl': '# users\nuser default off\n' }],
  ['aclfile with USER keyword', { 'redis.conf': 'aclfile users.acl\n', 'users.acl': 'USER default off\n' }],
  ['user lines and aclfile', { 'redis.conf': 'user a on nopass\naclfile users.acl\n', 'users.acl': 'user default off\n' }],
  ['include glob, last wins', { 'redis.conf': 'requirepass Zq8vLm3p\ninclude conf.d/*.conf\n', 'conf.d/10.conf': 'requirepass Other123x\n', 'conf.d/50.conf': 'requirepass ""\n' }],
  ['include glob with no match', { 'redis.conf': 'requirepass Zq8vLm3p\ninclude conf.d/*.conf\n' }],
  ['selector spanning arguments', { 'redis.conf': 'user default on >Zq8vLm3p (~foo +get) ~* +@all\n' }],
];

describe('the model agrees with redis-server', () => {
  it.each(CASES)('%s', async (_name, files) => {
    requireRedisTools();
    const root = mkdtempSync(join(tmpdir(), 'redis-auth-live-'));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    expect(model(root)).toBe(await live(root));
  });
});
