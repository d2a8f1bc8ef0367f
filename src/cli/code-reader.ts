/**
 * The rules' source analysis for `scan` and `drift` (rules/support/read-source.ts), behind a cache of each
 * source file's connections keyed by its stamp (mtime and size): a file that did not change is
 * neither read nor parsed again, and when nothing changed the analysis (ESLint's Linter, the
 * TypeScript parser) is not even loaded. The cache lives in node_modules/.cache/redis-auth/ at
 * the scan root (the tmp folder when there is no node_modules); REDIS_AUTH_CACHE=0 turns it off.
 */
import { resolve, sep } from 'node:path';
import { cacheEnabled, cachePath, readCache, statOf, writeCache } from '../engine/cache-file';
import type { CodeConnectionFact } from '../core/facts';
import type { Diagnostic } from '../core/finding';
import type { CodeReader, SourceFile } from '../engine/kit/contract';
import { analysis, analysisVersion } from './analysis';

/**
 * The paths of the last run as one string and their stamps as one flat number array (mtime, size
 * per path), facts only for the few files that have some. A warm run over an unchanged file list
 * is one string comparison, then one `stat` and two number comparisons per file: no per-file keys,
 * strings or objects to parse, build or collect (a 2,000-file monorepo's cache was 370 KB of them).
 */
interface CacheFile {
  version: string;
  paths: string;
  stamps: number[];
  facts: Record<string, CodeConnectionFact[]>;
}

/** Stamp values that are no file time: not kept (read again next run), refused by the reader. */
const NOT_KEPT = -1;
const REFUSED = -2;

/**
 * From TypeScript sources (a test runner running the CLI in process) the lazy `require` cannot load
 * the analysis: the commands then scan configs only, as before the link; tests of the link pass
 * rules/support/read-source's codeReader to the engine themselves.
 */
const FROM_SOURCES = __filename.endsWith('.ts');

const SEPARATOR = '\n';

/** Where each cached path's stamp sits: the same list as this run's (the common case) or a lookup. */
function previousStamp(cache: CacheFile | undefined, joined: string): (index: number, path: string) => number {
  if (!cache || !Array.isArray(cache.stamps) || typeof cache.paths !== 'string') return () => -1;
  if (cache.paths === joined) return (index) => index;
  const at = new Map<string, number>();
  if (cache.paths) cache.paths.split(SEPARATOR).forEach((path, index) => at.set(path, index));
  return (_index, path) => at.get(path) ?? -1;
}

export function lazyCodeReader(given: string): CodeReader {
  // Absolute, so the cache file and the analysis do not depend on the working directory.
  const root = resolve(given);
  if (FROM_SOURCES) return { read: () => ({ facts: [], diagnostics: [] }) };
  if (!cacheEnabled()) return { read: (paths, readFile) => analysis().codeReader(root).read(paths, readFile) };
  return {
    read(paths, readFile) {
      if (!paths.length) return { facts: [], diagnostics: [] };
      const version = analysisVersion('flat');
      const file = cachePath(root, 'code-connections');
      const cache = readCache<CacheFile>(file, version);
      const joined = paths.join(SEPARATOR);
      const indexOf = previousStamp(cache, joined);
      const oldStamps = Array.isArray(cache?.stamps) ? cache.stamps : [];
      const cachedFacts = cache?.facts ?? {};
      const facts: CodeConnectionFact[] = [];
      const diagnostics: Diagnostic[] = [];
      const todo: Array<{ file: SourceFile; index: number }> = [];
      const stamps = new Array<number>(paths.length * 2).fill(NOT_KEPT);
      let changed = !cache || cache.paths !== joined;
      // Root-relative paths from discovery are normalized already: no path.join per file.
      const prefix = root.endsWith(sep) ? root : root + sep;
      for (let i = 0; i < paths.length; i++) {
        const path = paths[i];
        const s = statOf(prefix + path);
        if (!s) {
          changed = true;
          continue;
        }
        const before = indexOf(i, path);
        const mtime = before >= 0 ? oldStamps[before * 2] : NOT_KEPT;
        if (mtime === s.mtimeMs && oldStamps[before * 2 + 1] === s.size) {
          const hit = cachedFacts[path];
          if (hit) facts.push(...hit);
          stamps[i * 2] = s.mtimeMs;
          stamps[i * 2 + 1] = s.size;
          continue;
        }
        // A test or an ignored file: asked again each run (the tiers may change), never parsed.
        const source = readFile(path);
        if (!source) {
          stamps[i * 2] = REFUSED;
          if (mtime !== REFUSED) changed = true;
          continue;
        }
        changed = true;
        stamps[i * 2] = s.mtimeMs;
        stamps[i * 2 + 1] = s.size;
        todo.push({ file: source, index: i });
      }
      const nextFacts: Record<string, CodeConnectionFact[]> = {};
      if (todo.length) {
        const read = analysis().sourceReader(root).read(todo.map((t) => t.file));
        facts.push(...read.facts);
        diagnostics.push(...read.diagnostics);
        // A file with a problem is read again next time, so its diagnostic is not lost.
        const troubled = new Set(read.diagnostics.map((d) => d.file));
        for (const { file: source, index } of todo) {
          if (troubled.has(source.path)) stamps[index * 2] = NOT_KEPT;
        }
        for (const f of read.facts) (nextFacts[f.file] ??= []).push(f);
      }
      if (changed) {
        for (const f of facts) if (!nextFacts[f.file] && cachedFacts[f.file]) nextFacts[f.file] = cachedFacts[f.file];
        writeCache(file, { version, paths: joined, stamps, facts: nextFacts } satisfies CacheFile);
      }
      return { facts, diagnostics };
    },
  };
}
