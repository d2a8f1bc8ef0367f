/**
 * Real `redis-server` processes and small fake TCP servers for the verify tests. Everything binds
 * to 127.0.0.1 on a free port; every process and server is tracked so `stopAll()` (run in
 * afterEach) ends it even when the test failed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CommandIo } from '../../../src/cli/commands/io';

export const TLS_DIR = path.join(__dirname, '..', 'fixtures', 'tls');

let redisServerFound = false;

/**
 * Fails loudly: CI installs redis-server, so its absence is a broken environment, not a skip.
 * Called by startRedis, so every test that needs a server fails on its own (a throwing beforeAll
 * would only mark the tests skipped).
 */
export function requireRedisServer(): void {
  if (redisServerFound) return;
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('redis-server is not installed: the verify tests need it (apt-get install -y redis-server; .ci/run does this)');
  }
  redisServerFound = true;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisProcess {
  port: number;
  /** The TLS port, when started with tls. */
  tlsPort?: number;
  socket?: string;
  dir: string;
  child: ChildProcess;
}

const children = new Set<ChildProcess>();
const fakes = new Set<net.Server>();
const sockets = new Set<net.Socket>();
const dirs = new Set<string>();

export interface RedisStart {
  /** Extra `--name value` arguments, e.g. ['--requirepass', 'pw']. */
  args?: string[];
  /** ACL file contents; written to a file passed with --aclfile. */
  acl?: string;
  /** Also listen on a Unix socket in the temp dir. */
  unixSocket?: boolean;
  /** Serve TLS (fixtures/tls) on a second port; the plaintext port stays open too. */
  tls?: { authClients: 'yes' | 'no' };
}

export async function startRedis(start: RedisStart = {}): Promise<RedisProcess> {
  requireRedisServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-auth-verify-'));
  dirs.add(dir);
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--loglevel', 'notice'];
  let socket: string | undefined;
  if (start.unixSocket) {
    socket = path.join(dir, 'redis.sock');
    args.push('--unixsocket', socket, '--unixsocketperm', '700');
  }
  let tlsPort: number | undefined;
  if (start.tls) {
    tlsPort = await freePort();
    args.push(
      '--tls-port', String(tlsPort),
      '--tls-cert-file', path.join(TLS_DIR, 'server.crt'),
      '--tls-key-file', path.join(TLS_DIR, 'server.key'),
      '--tls-ca-cert-file', path.join(TLS_DIR, 'ca.crt'),
      '--tls-auth-clients', start.tls.authClients,
    );
  }
  if (start.acl !== undefined) {
    const aclPath = path.join(dir, 'users.acl');
    fs.writeFileSync(aclPath, start.acl);
    args.push('--aclfile', aclPath);
  }
  args.push(...(start.args ?? []));
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not become ready in 10 s:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { port, tlsPort, socket, dir, child };
}

/** A TCP server on 127.0.0.1 that handles each connection with `onConnection`. */
export async function startFake(onConnection: (socket: net.Socket) => void): Promise<{ port: number; connections: () => number }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket);
  });
  fakes.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, connections: () => count };
}

export async function stopAll(): Promise<void> {
  const exits: Promise<unknown>[] = [];
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      exits.push(new Promise((resolve) => child.once('exit', resolve)));
      child.kill('SIGKILL');
    }
  }
  children.clear();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const server of fakes) exits.push(new Promise((resolve) => server.close(resolve)));
  fakes.clear();
  await Promise.all(exits);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

// Last resort if the test process dies between start and afterEach.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface FakeIo extends CommandIo {
  out: string[];
  err: string[];
  readonly stdoutText: string;
  readonly stderrText: string;
}

export function fakeIo(env: Record<string, string | undefined> = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd: path.join(__dirname, '..'),
    env,
    get stdoutText() {
      return out.join('');
    },
    get stderrText() {
      return err.join('');
    },
  };
}
