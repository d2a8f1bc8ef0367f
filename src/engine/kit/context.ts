/**
 * Safe file access for scanners: everything is read relative to the scan root, nothing outside it,
 * nothing binary, huge or not UTF-8. Problems become diagnostics, never exceptions.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import type { Diagnostic } from '../../core/finding';
import type { EnvironmentOptions } from '../../core/environment';
import type { ScanContext, SourceFile } from './contract';

/** Config files are small; anything bigger is a data dump or a mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ReadResult = { file: SourceFile; diagnostic?: undefined } | { file?: undefined; diagnostic?: Diagnostic };

export function toPosix(path: string): string {
  // Called for every path of a scan: nothing to do on POSIX systems.
  return sep === '/' ? path : path.split(sep).join('/');
}

/** True when `target` is `root` or inside it. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Decodes file bytes, refusing binary and non-UTF-8 content. */
export function decodeText(buffer: Buffer): { text?: string; problem?: string } {
  if (buffer.subarray(0, 8192).includes(0)) return { problem: 'binary file; skipped' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { problem: 'not valid UTF-8; skipped' };
  }
}

const realRoots = new Map<string, string>();

/** The scan root with symlinks resolved, once per root (it does not move during a scan). */
function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}

/**
 * Opens `abs` without blocking (a FIFO would wait forever for a writer), checks with `fstat` on the
 * open descriptor that it is a regular file within the size cap, and reads exactly that many bytes
 * (a file in /proc says 0 and streams forever). `noFollow` also refuses a symlink in last place.
 * Problems are returned as one-line messages that never contain the file's content.
 */
function readRegular(abs: string, shown: string, noFollow: boolean, maxBytes = MAX_FILE_BYTES): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (noFollow ? constants.O_NOFOLLOW : 0));
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return {};
    if (!stat.isFile()) return { diagnostic: { file: shown, message: 'not a regular file; not read' } };
    if (stat.size > maxBytes) {
      return { diagnostic: { file: shown, message: `larger than ${maxBytes / 1024 / 1024} MiB (${stat.size} bytes); skipped` } };
    }
    const buffer = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < stat.size) {
      const n = readSync(fd, buffer, filled, stat.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    const decoded = decodeText(buffer.subarray(0, filled));
    if (decoded.problem) return { diagnostic: { file: shown, message: decoded.problem } };
    return { file: { path: shown, absPath: abs, text: decoded.text! } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    if (code === 'ELOOP') return { diagnostic: { file: shown, message: 'symbolic link; not followed' } };
    return { diagnostic: { file: shown, message: `cannot read: ${code ?? 'error'}` } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads `relPath` under `root`: the one way every file of a scanned repository is read (configs,
 * includes, `.gitignore`, `redis-auth.config.json`, `package.json`, baselines). Symlinks are resolved
 * and must still land inside the root; only regular files within the size cap, valid UTF-8, are
 * returned. Returns no diagnostic for a file that simply does not exist.
 */
export function readSourceFile(root: string, relPath: string): ReadResult {
  const shown = toPosix(relPath);
  const abs = resolve(root, relPath);
  if (!isInside(root, abs)) return { diagnostic: { file: shown, message: 'path leaves the repository; not read' } };
  let real: string;
  let realRoot: string;
  try {
    // The native realpath is one system call; the JS one lstats every path component.
    real = realpathSync.native(abs);
    realRoot = realRootOf(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    if (code === 'ELOOP') return { diagnostic: { file: shown, message: 'symbolic link loop; skipped' } };
    return { diagnostic: { file: shown, message: `cannot read: ${code ?? 'error'}` } };
  }
  if (!isInside(realRoot, real)) {
    return { diagnostic: { file: shown, message: 'symbolic link points outside the repository; not read' } };
  }
  const result = readRegular(real, shown, true);
  return result.file ? { file: { ...result.file, absPath: abs } } : result;
}

/**
 * Reads one of the tool's own files (a cache) at `abs`: regular files only, never blocking, a
 * symlink in last place refused, within `maxBytes`. The caller checks the folders on the way.
 */
export function readToolFile(abs: string, maxBytes: number): ReadResult {
  return readRegular(abs, abs, true, maxBytes);
}

/**
 * Reads a file that a walk from the root found as a regular file through real folders: one open,
 * one fstat, one read. Same refusals and diagnostics as readSourceFile; a symlink put there since
 * the walk is refused, not followed.
 */
export function readRegularFile(root: string, relPath: string): ReadResult {
  const shown = toPosix(relPath);
  const abs = resolve(root, relPath);
  if (!isInside(root, abs)) return { diagnostic: { file: shown, message: 'path leaves the repository; not read' } };
  return readRegular(abs, shown, true);
}

/**
 * Reads a file the user named on the command line (`--config`, `--baseline`, `--ca`), shown as
 * `shown`. Inside the scan root it is held to the repository's rules (a committed symlink must not
 * lead out); a path outside the root was the user's own choice. Either way: regular files only,
 * within the size cap, never blocking.
 */
export function readNamedFile(root: string, abs: string, shown: string): ReadResult {
  if (isInside(resolve(root), abs)) {
    const result = readSourceFile(root, relative(resolve(root), abs));
    if (result.diagnostic) return { diagnostic: { ...result.diagnostic, file: shown } };
    return result.file ? { file: { ...result.file, path: shown } } : {};
  }
  return readRegular(abs, shown, false);
}

export interface ContextOptions {
  environment?: EnvironmentOptions;
  extraImages?: string[];
  /** Content that replaces the working tree's (e.g. the git index for --staged). */
  readOverride?: (relPath: string) => string | undefined;
  /**
   * True for paths a walk from the root found as regular files through real folders (no symlink
   * on the way): they cannot lead outside the root, so the realpath checks are skipped.
   */
  knownRegular?: (relPath: string) => boolean;
}

/** A ScanContext over a directory, plus the diagnostics its reads produced. */
export function createContext(root: string, options: ContextOptions = {}): { ctx: ScanContext; diagnostics: Diagnostic[] } {
  const absRoot = resolve(root);
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, SourceFile | undefined>();
  const reported = new Set<string>();
  const globs = new Map<string, string[]>();
  const ctx: ScanContext = {
    root: absRoot,
    environment: options.environment ?? {},
    extraImages: options.extraImages ?? [],
    readFile(relPath) {
      const key = toPosix(relPath).replace(/^\.\//, '');
      if (cache.has(key)) return cache.get(key);
      const override = options.readOverride?.(key);
      let file: SourceFile | undefined;
      if (override !== undefined) {
        file = isInside(absRoot, resolve(absRoot, key)) ? { path: key, absPath: resolve(absRoot, key), text: override } : undefined;
      } else {
        const result = options.knownRegular?.(key) ? readRegularFile(absRoot, key) : readSourceFile(absRoot, key);
        file = result.file;
        if (result.diagnostic && !reported.has(key)) {
          reported.add(key);
          diagnostics.push(result.diagnostic);
        }
      }
      cache.set(key, file);
      return file;
    },
    glob(pattern) {
      const rel = toPosix(pattern).replace(/^\.\//, '');
      if (rel.startsWith('/') || rel.split('/').includes('..')) return [];
      // Scanners ask for the same folders again and again (one per compose or .env file); the tree
      // does not change during a scan.
      let hit = globs.get(rel);
      if (!hit) {
        // Loaded on first use: a scan with no include globs or compose/.env neighbours never needs it.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fg = require('fast-glob') as typeof FastGlob;
        hit = fg.sync(rel, { cwd: absRoot, dot: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true }).sort();
        globs.set(rel, hit);
      }
      return [...hit];
    },
  };
  return { ctx, diagnostics };
}
