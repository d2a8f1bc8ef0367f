/**
 * The rules' source analysis for `scan` and `drift` (rules/read-source.ts), behind a cache of each
 * source file's connections keyed by its stamp (mtime and size): a file that did not change is
 * neither read nor parsed again, and when nothing changed the analysis (ESLint's Linter, the
 * TypeScript parser) is not even loaded. The cache lives in node_modules/.cache/redis-auth/ at
 * the scan root (the tmp folder when there is no node_modules); REDIS_AUTH_CACHE=0 turns it off.
 */
import { join } from 'node:path';
import { cacheEnabled, cachePath, codeVersion, readCache, stampOf, writeCache } from '../engine/cache-file';
import type { CodeConnectionFact } from '../core/facts';
import type { Diagnostic } from '../core/finding';
import type { CodeReader, SourceFile } from '../engine/kit/contract';
import { packageInfo } from './format/tool';

type ReadSource = typeof import('../../rules/read-source');

interface CacheFile {
  version: string;
  files: Record<string, { stamp: string; facts: CodeConnectionFact[] }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const analysis = (): ReadSource => require('../../rules/read-source') as ReadSource;

/** Invalidates every entry when the analysis itself changes (a new version or build). */
function analysisVersion(): string {
  return `${packageInfo().version}:${codeVersion(require.resolve('../../rules/read-source'))}`;
}

/**
 * From TypeScript sources (a test runner running the CLI in process) the lazy `require` cannot load
 * the analysis: the commands then scan configs only, as before the link; tests of the link pass
 * rules/read-source's codeReader to the engine themselves.
 */
const FROM_SOURCES = __filename.endsWith('.ts');

export function lazyCodeReader(root: string): CodeReader {
  if (FROM_SOURCES) return { read: () => ({ facts: [], diagnostics: [] }) };
  if (!cacheEnabled()) return { read: (paths, readFile) => analysis().codeReader(root).read(paths, readFile) };
  return {
    read(paths, readFile) {
      if (!paths.length) return { facts: [], diagnostics: [] };
      const version = analysisVersion();
      const file = cachePath(root, 'code-connections');
      const cache = readCache<CacheFile>(file, version) ?? { version, files: {} };
      const next: CacheFile = { version, files: {} };
      const facts: CodeConnectionFact[] = [];
      const diagnostics: Diagnostic[] = [];
      const todo: Array<{ file: SourceFile; stamp: string }> = [];
      for (const path of paths) {
        const stamp = stampOf(join(root, path));
        const hit = stamp ? cache.files[path] : undefined;
        if (hit && hit.stamp === stamp) {
          facts.push(...hit.facts);
          next.files[path] = hit;
          continue;
        }
        const source = readFile(path);
        if (source && stamp) todo.push({ file: source, stamp });
      }
      let changed = todo.length > 0 || Object.keys(cache.files).length !== Object.keys(next.files).length;
      if (todo.length) {
        const read = analysis().sourceReader(root).read(todo.map((t) => t.file));
        facts.push(...read.facts);
        diagnostics.push(...read.diagnostics);
        // A file with a problem is read again next time, so its diagnostic is not lost.
        const troubled = new Set(read.diagnostics.map((d) => d.file));
        for (const { file: source, stamp } of todo) {
          if (troubled.has(source.path)) continue;
          next.files[source.path] = { stamp, facts: read.facts.filter((f) => f.file === source.path) };
        }
        changed = true;
      }
      if (changed) writeCache(file, next);
      return { facts, diagnostics };
    },
  };
}
