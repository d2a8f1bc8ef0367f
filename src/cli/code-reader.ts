/**
 * The rules' source analysis for `scan` and `drift` (rules/support/read-source.ts), behind a cache of each
 * source file's connections keyed by its stamp (mtime and size): a file that did not change is
 * neither read nor parsed again, and when nothing changed the analysis (ESLint's Linter, the
 * TypeScript parser) is not even loaded. The cache lives in node_modules/.cache/redis-auth/ at
 * the scan root (the tmp folder when there is no node_modules); REDIS_AUTH_CACHE=0 turns it off.
 */
import { resolve, sep } from 'node:path';
import { cacheEnabled, cachePath, codeVersion, readCache, stampOf, writeCache } from '../engine/cache-file';
import type { CodeConnectionFact } from '../core/facts';
import type { Diagnostic } from '../core/finding';
import type { CodeReader, SourceFile } from '../engine/kit/contract';
import { packageInfo } from './format/tool';

type ReadSource = typeof import('../../rules/support/read-source');

/**
 * Stamps of every source file, facts only for the few files that have some: a warm run is one
 * `stat` per file and a lookup, with no per-file objects to parse or rebuild.
 */
interface CacheFile {
  version: string;
  stamps: Record<string, string>;
  facts: Record<string, CodeConnectionFact[]>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const analysis = (): ReadSource => require('../../rules/support/read-source') as ReadSource;

/** Invalidates every entry when the analysis itself changes (a new version or build). */
function analysisVersion(): string {
  return `${packageInfo().version}:${codeVersion(require.resolve('../../rules/support/read-source'))}:stamps`;
}

/**
 * From TypeScript sources (a test runner running the CLI in process) the lazy `require` cannot load
 * the analysis: the commands then scan configs only, as before the link; tests of the link pass
 * rules/support/read-source's codeReader to the engine themselves.
 */
const FROM_SOURCES = __filename.endsWith('.ts');

/** Keys of a parsed cache object, without building their array (thousands on a warm run). */
function countKeys(o: Record<string, unknown>): number {
  let n = 0;
  for (const key in o) if (Object.hasOwn(o, key)) n++;
  return n;
}

export function lazyCodeReader(given: string): CodeReader {
  // Absolute, so the cache file and the analysis do not depend on the working directory.
  const root = resolve(given);
  if (FROM_SOURCES) return { read: () => ({ facts: [], diagnostics: [] }) };
  if (!cacheEnabled()) return { read: (paths, readFile) => analysis().codeReader(root).read(paths, readFile) };
  return {
    read(paths, readFile) {
      if (!paths.length) return { facts: [], diagnostics: [] };
      const version = analysisVersion();
      const file = cachePath(root, 'code-connections');
      const cache = readCache<CacheFile>(file, version);
      const stamps = cache?.stamps ?? {};
      const cachedFacts = cache?.facts ?? {};
      const facts: CodeConnectionFact[] = [];
      const diagnostics: Diagnostic[] = [];
      const todo: Array<{ file: SourceFile; stamp: string }> = [];
      const kept: string[] = [];
      // Root-relative paths from discovery are normalized already: no path.join per file.
      const prefix = root.endsWith(sep) ? root : root + sep;
      for (const path of paths) {
        const stamp = stampOf(prefix + path);
        if (stamp === undefined) continue;
        if (stamps[path] === stamp) {
          const hit = cachedFacts[path];
          if (hit) facts.push(...hit);
          kept.push(path);
          continue;
        }
        const source = readFile(path);
        if (source) todo.push({ file: source, stamp });
      }
      let changed = todo.length > 0 || kept.length !== countKeys(stamps);
      const next: CacheFile = { version, stamps: {}, facts: {} };
      if (changed) {
        for (const path of kept) {
          next.stamps[path] = stamps[path];
          if (cachedFacts[path]) next.facts[path] = cachedFacts[path];
        }
      }
      if (todo.length) {
        const read = analysis().sourceReader(root).read(todo.map((t) => t.file));
        facts.push(...read.facts);
        diagnostics.push(...read.diagnostics);
        // A file with a problem is read again next time, so its diagnostic is not lost.
        const troubled = new Set(read.diagnostics.map((d) => d.file));
        const byFile = new Map<string, CodeConnectionFact[]>();
        for (const f of read.facts) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
        for (const { file: source, stamp } of todo) {
          if (troubled.has(source.path)) continue;
          next.stamps[source.path] = stamp;
          const own = byFile.get(source.path);
          if (own) next.facts[source.path] = own;
        }
        changed = true;
      }
      if (changed) writeCache(file, next);
      return { facts, diagnostics };
    },
  };
}
