/**
 * A source file's connections may depend on other files: a caller passes the URL
 * (`createRedisClient(process.env.REDIS_URL)` in app.ts), a module exports the options. The code
 * cache (code-reader.ts) keys a file's facts by that file's own stamp, so this layer checks the
 * stamps each fact carries for the other files and folders it was computed from (`deps`), reads a
 * file again when one of them changed, and keeps that result in a small cache of its own. A warm
 * run with nothing changed costs one `stat` per dependency of the few facts that have some (for a
 * factory's callers, one walk of its package folder).
 */
import { join, resolve } from 'node:path';
import { cacheEnabled, cachePath, readCache, stampOf, writeCache } from '../engine/cache-file';
import type { CodeConnectionFact } from '../core/facts';
import type { CodeReader, SourceFile } from '../engine/kit/contract';
import { analysis, analysisVersion } from './analysis';
import { LISTING, stampNow } from '../../rules/resolve/modules';

interface CacheFile {
  version: string;
  /** Per source file: its stamp when read again, and its facts then. */
  entries: Record<string, { stamp: string; facts: CodeConnectionFact[] }>;
}

/** Every dependency stamps as it did: a file or folder, or a package's digest (`@package:<folder>`). */
function fresh(root: string, deps: Record<string, string>): boolean {
  for (const [key, stamp] of Object.entries(deps)) {
    const path = key.startsWith(LISTING) ? LISTING + join(root, key.slice(LISTING.length)) : join(root, key);
    if (stampNow(path) !== stamp) return false;
  }
  return true;
}

export function dependencyAware(inner: CodeReader, given: string): CodeReader {
  const root = resolve(given);
  return {
    read(paths, readFile) {
      const readNow = new Set<string>();
      const result = inner.read(paths, (p) => {
        readNow.add(p);
        return readFile(p);
      });
      const stale = new Set<string>();
      for (const f of result.facts) if (f.deps && !readNow.has(f.file) && !fresh(root, f.deps)) stale.add(f.file);
      if (!stale.size) return result;
      const file = cacheEnabled() ? cachePath(root, 'code-dependencies') : undefined;
      const version = analysisVersion('dependencies');
      const cache = file ? readCache<CacheFile>(file, version) : undefined;
      const entries: CacheFile['entries'] = {};
      const replaced = new Map<string, CodeConnectionFact[]>();
      const todo: SourceFile[] = [];
      for (const path of stale) {
        const kept = cache?.entries[path];
        if (kept && kept.stamp === stampOf(join(root, path)) && kept.facts.every((f) => !f.deps || fresh(root, f.deps))) {
          replaced.set(path, kept.facts);
          entries[path] = kept;
          continue;
        }
        const source = readFile(path);
        if (source) todo.push(source);
        else replaced.set(path, []);
      }
      const diagnostics = [...result.diagnostics];
      if (todo.length) {
        const again = analysis().sourceReader(root).read(todo);
        diagnostics.push(...again.diagnostics);
        for (const source of todo) {
          const facts = again.facts.filter((f) => f.file === source.path);
          replaced.set(source.path, facts);
          const stamp = stampOf(join(root, source.path));
          if (stamp) entries[source.path] = { stamp, facts };
        }
      }
      if (file && todo.length) writeCache(file, { version, entries } satisfies CacheFile);
      return { facts: [...result.facts.filter((f) => !replaced.has(f.file)), ...[...replaced.values()].flat()], diagnostics };
    },
  };
}
