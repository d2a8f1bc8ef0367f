/**
 * The hostile repositories of issue 11, one builder each: what an attacker (or an accident) can
 * commit to make a scan hang, exhaust memory, read or write outside its root, or paint the
 * terminal. Used by hostile.test.ts (one test per row) and by the fuzz suite as seeds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file's content, or a symlink to a target, or a named pipe. */
export type Entry = string | Buffer | { symlink: string } | { fifo: true };

export function materialize(files: Record<string, Entry>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-hostile-'));
  for (const [path, entry] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) writeFileSync(abs, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, abs);
    else {
      const r = spawnSync('mkfifo', [abs]);
      if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
    }
  }
  return root;
}

/** A password the scan must never print whole. */
export const SECRET = 'Xq9vT4mZ2pL7wK3s';

/** 15 confs, each `include`-ing the next 4 times: 4^14 expansions if nothing is shared. */
export function includeDiamond(): Record<string, Entry> {
  const files: Record<string, Entry> = {};
  for (let i = 0; i < 15; i++) {
    const next = `c${String(i + 1).padStart(2, '0')}.conf`;
    files[`redis/c${String(i).padStart(2, '0')}.conf`] =
      i < 14 ? `port 6379\nappendonly yes\n${`include ${next}\n`.repeat(4)}` : `maxmemory 1gb\nrequirepass ${SECRET}\n`;
  }
  return files;
}

/** 9 confs, each including `./*.conf`: every permutation of the folder if nothing is shared. */
export function includeGlobFan(): Record<string, Entry> {
  const files: Record<string, Entry> = {};
  for (let i = 0; i < 9; i++) files[`redis/n${i}.conf`] = `port 6379\nmaxmemory ${i}mb\ninclude ./*.conf\n`;
  return files;
}

/** One conf including the same small file 20,000 times. */
export function includeRepeated(): Record<string, Entry> {
  const other = Array.from({ length: 40 }, (_, i) => `maxmemory-samples ${i}\n`).join('') + `requirepass ${SECRET}\n`;
  return {
    'redis/redis.conf': `port 6379\n${'include other.conf\n'.repeat(20_000)}`,
    'redis/other.conf': other,
  };
}

/** One map of 20k keys merged (`<<: *base`) into 300 services, 250 KB: the guard counted aliases, not expanded nodes. */
export function composeMergeBomb(): Record<string, Entry> {
  const keys = Array.from({ length: 20_000 }, (_, i) => `    K${i}: v`).join('\n');
  const services = Array.from({ length: 300 }, (_, i) => `  s${i}:\n    <<: *base`).join('\n');
  return { 'docker-compose.yml': `x-base: &base\n  image: redis:7\n  environment:\n${keys}\nservices:\n${services}\n` };
}

/** `requirepass ${${${…` of 400 KB: a backtracking `\$\{[^}]+\}`-style pattern dies on it. */
export function nestedDollarBraces(): Record<string, Entry> {
  return { 'redis.conf': `port 6379\nrequirepass ${'${'.repeat(200_000)}\n` };
}

/** A Helm value `"{{{{…"` of about 1 MB. */
export function helmBraces(): Record<string, Entry> {
  return {
    'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 20.0.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n',
    'chart/values.yaml': `redis:\n  auth:\n    enabled: true\n    password: "${'{'.repeat(1_000_000)}"\n`,
  };
}

const LONG_NAME = `${'a'.repeat(200)}.yml`;

/** A `.gitignore` glob that backtracks exponentially on a long file name. */
export function gitignoreBacktracking(): Record<string, Entry> {
  return {
    '.gitignore': '*a*a*a*a*a*a*a*a*c\n',
    [`deploy/${LONG_NAME}`]: 'services:\n  cache:\n    image: redis:7\n    ports: ["6379:6379"]\n',
  };
}

/** The same glob as a config `ignore` pattern. */
export function configIgnoreBacktracking(): Record<string, Entry> {
  return {
    'redis-auth.config.json': JSON.stringify({ ignore: ['*a*a*a*a*a*a*a*a*c'] }),
    [`deploy/${LONG_NAME}`]: 'services:\n  cache:\n    image: redis:7\n    ports: ["6379:6379"]\n',
  };
}

/** `count` small real-shaped redis.conf files, a hundred per folder, a third of them replicas. */
export function manyConfs(count: number): Record<string, Entry> {
  const files: Record<string, Entry> = {};
  for (let i = 0; i < count; i++) {
    files[`svc/${Math.floor(i / 100)}/redis-${i}.conf`] =
      i % 3 === 0
        ? `bind 0.0.0.0\nport 6379\nreplicaof master-${i} 6379\nappendonly yes\n`
        : `bind 127.0.0.1\nport 6379\nprotected-mode yes\nrequirepass Pw${i}xK9mQ2vL7tZ\nmaxmemory 256mb\n`;
  }
  return files;
}

export function gitignoreDevZero(): Record<string, Entry> {
  return { '.gitignore': { symlink: '/dev/zero' }, 'redis.conf': 'port 6379\nappendonly yes\n' };
}

export function gitignoreFifo(): Record<string, Entry> {
  return { '.gitignore': { fifo: true }, 'redis.conf': 'port 6379\nappendonly yes\n' };
}

/** A FIFO named like a config: discovery sees it, the reader must not block on it. */
export function configFifo(): Record<string, Entry> {
  return { 'redis.conf': { fifo: true }, 'other.conf': 'port 6379\nappendonly yes\n' };
}

export function configToEnviron(name: 'redis-auth.config.json' | 'package.json' | 'baseline.json'): Record<string, Entry> {
  return { [name]: { symlink: '/proc/self/environ' }, 'redis.conf': 'port 6379\nappendonly yes\n' };
}

/** A committed symlink where the report or baseline will be written. */
export function outputSymlink(victim: string): Record<string, Entry> {
  return {
    'report.sarif': { symlink: victim },
    'baseline.json': { symlink: victim },
    'drift.html': { symlink: victim },
    'redis.conf': 'port 6379\nappendonly yes\n',
  };
}

/** A committed folder symlink on the way to the report: `out -> <victimDir>`, and one that stays inside. */
export function outputParentSymlink(victimDir: string): Record<string, Entry> {
  return {
    out: { symlink: victimDir },
    'reports/.keep': '',
    inside: { symlink: 'reports' },
    'redis.conf': 'port 6379\nappendonly yes\n',
  };
}

export const ESC = '\u001b';
/** Clears the screen, sets the window title (OSC), reverses text direction. */
export const PAINT = `${ESC}[2J${ESC}]0;pwned\u0007\u202e`;

/** Escapes in a file name, a service name and a value that reaches a message. */
export function terminalPaint(): Record<string, Entry> {
  return {
    [`deploy${PAINT}/docker-compose.yml`]: `services:\n  "cache${PAINT}":\n    image: redis:7\n    ports: ["6379:6379"]\n`,
    [`redis${PAINT}.conf`]: `port 6379\nrequirepass "\\x1b[2J\\x9bxx${PAINT}pw"\n`,
  };
}

/** A drift repository whose service name paints the terminal. */
export function driftPaint(): Record<string, Entry> {
  const svc = `cache${PAINT}`;
  return {
    'docker-compose.yml': `services:\n  "${svc}":\n    image: redis:7\n    command: redis-server --requirepass \${REDIS_PASSWORD:?set it}\n`,
    'docker-compose.dev.yml': `services:\n  "${svc}":\n    command: redis-server\n`,
    'docker-compose.prod.yml': `services:\n  "${svc}":\n    image: redis:7\n`,
  };
}

/** Passwords of every short length: the mask must reveal at most 2 characters under 12, none under 8. */
export function shortPasswords(): Record<string, Entry> {
  const files: Record<string, Entry> = {};
  for (const length of [5, 6, 7, 8, 9, 10, 11]) files[`redis-${length}.conf`] = `port 6379\nrequirepass ${'Qz7kP4wXmN2b'.slice(0, length)}\n`;
  return files;
}
