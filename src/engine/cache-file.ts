/**
 * Where redis-auth keeps results between runs, keyed by file stamps (mtime and size):
 * node_modules/.cache/redis-auth/ at the scan root, or the tmp folder when there is no
 * node_modules. REDIS_AUTH_CACHE=0 turns every cache off. A cache that cannot be read or written
 * is ignored: the results are the same, only slower.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export function cacheEnabled(): boolean {
  return process.env.REDIS_AUTH_CACHE !== '0';
}

/**
 * The cache file for a scan root. Keyed by the root's real path, never by how it was spelled or
 * where the tool was started: the same root from two working directories (or through a symlink)
 * shares one entry, two roots never do.
 */
export function cachePath(root: string, name: string): string {
  const real = realRoot(root);
  const modules = join(real, 'node_modules');
  if (existsSync(modules)) return join(modules, '.cache', 'redis-auth', `${name}.json`);
  const id = createHash('sha1').update(real).digest('hex').slice(0, 16);
  return join(tmpdir(), 'redis-auth-cache', `${id}-${name}.json`);
}

export function realRoot(root: string): string {
  const abs = resolve(root);
  try {
    return realpathSync.native(abs);
  } catch {
    return abs;
  }
}

/** `mtime:size`, or undefined for a file that is not there. */
export function stampOf(path: string): string | undefined {
  try {
    // No exception for a missing file: warm runs stat every source file, this is their hot path.
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? `${s.mtimeMs}:${s.size}` : undefined;
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
