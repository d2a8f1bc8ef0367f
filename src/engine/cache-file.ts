/**
 * Where redis-auth keeps results between runs, keyed by file stamps (mtime and size):
 * node_modules/.cache/redis-auth/ at the scan root, or the tmp folder when there is no
 * node_modules. REDIS_AUTH_CACHE=0 turns every cache off. A cache that cannot be read or written
 * is ignored: the results are the same, only slower.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function cacheEnabled(): boolean {
  return process.env.REDIS_AUTH_CACHE !== '0';
}

export function cachePath(root: string, name: string): string {
  const modules = join(root, 'node_modules');
  if (existsSync(modules)) return join(modules, '.cache', 'redis-auth', `${name}.json`);
  const id = createHash('sha1').update(root).digest('hex').slice(0, 16);
  return join(tmpdir(), 'redis-auth-cache', `${id}-${name}.json`);
}

/** `mtime:size`, or undefined for a file that is not there. */
export function stampOf(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return undefined;
  }
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it wrote
export function readCache<T extends { version: string }>(path: string, version: string): T | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as T;
    return parsed?.version === version ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(path: string, value: unknown): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(value));
  } catch {
    // a read-only checkout: no cache
  }
}

/** Invalidates a cache when the code that computed it changes (a new version or build). */
export function codeVersion(moduleFile: string): string {
  return stampOf(moduleFile) ?? '';
}
