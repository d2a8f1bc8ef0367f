/**
 * Where redis-auth keeps results between runs, keyed by file stamps (mtime and size):
 * node_modules/.cache/redis-auth/ at the scan root, or the tmp folder when there is no
 * node_modules. REDIS_AUTH_CACHE=0 turns every cache off. A cache that cannot be read or written
 * is ignored: the results are the same, only slower.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readToolFile } from './kit/context';
import { checkParents, prepareFolder, writeFileNoFollow } from './safe-write';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export function cacheEnabled(): boolean {
  return process.env.REDIS_AUTH_CACHE !== '0';
}

/**
 * The folder each cache file must stay inside: the scan root (a repository can commit
 * `node_modules` or `.cache` as a symlink, or the cache file as a link to /dev/zero or a FIFO) or
 * the tmp folder.
 */
const baseOf = new Map<string, string>();

/** Caches grow with the repository (a stamp per source file); past this they are not read. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The cache file for a scan root. Keyed by the root's real path, never by how it was spelled or
 * where the tool was started: the same root from two working directories (or through a symlink)
 * shares one entry, two roots never do.
 */
export function cachePath(root: string, name: string): string {
  const real = realRoot(root);
  const modules = join(real, 'node_modules');
  if (existsSync(modules)) {
    const file = join(modules, '.cache', 'redis-auth', `${name}.json`);
    baseOf.set(file, real);
    return file;
  }
  const id = createHash('sha1').update(real).digest('hex').slice(0, 16);
  const file = join(tmpdir(), 'redis-auth-cache', `${id}-${name}.json`);
  baseOf.set(file, tmpdir());
  return file;
}

export function realRoot(root: string): string {
  const abs = resolve(root);
  try {
    return realpathSync.native(abs);
  } catch {
    return abs;
  }
}

/** A file's modification time and size, or undefined for a file that is not there. */
export function statOf(path: string): { mtimeMs: number; size: number } | undefined {
  try {
    // No exception for a missing file: warm runs stat every source file, this is their hot path.
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** `mtime:size`, or undefined for a file that is not there. */
export function stampOf(path: string): string | undefined {
  const s = statOf(path);
  return s ? `${s.mtimeMs}:${s.size}` : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it wrote
export function readCache<T extends { version: string }>(path: string, version: string): T | undefined {
  try {
    // Through the safe reader: a committed link or FIFO at the cache's place must not hang or leak.
    checkParents(path, baseOf.get(path) ?? dirname(path));
    const read = readToolFile(path, MAX_CACHE_BYTES);
    if (!read.file) return undefined;
    const parsed = JSON.parse(read.file.text) as T;
    return parsed?.version === version ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(path: string, value: unknown): void {
  try {
    // Never through a committed symlink, neither the file nor a folder on the way out of the root.
    prepareFolder(path, [baseOf.get(path) ?? dirname(path)]);
    writeFileNoFollow(path, JSON.stringify(value));
  } catch {
    // a read-only checkout, or a refused place: no cache
  }
}

/** Invalidates a cache when the code that computed it changes (a new version or build). */
export function codeVersion(moduleFile: string): string {
  return stampOf(moduleFile) ?? '';
}
