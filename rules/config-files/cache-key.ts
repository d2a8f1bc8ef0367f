/**
 * ESLint's `--cache` keys a file's result on its own content and its config's hash. A config
 * file's findings also depend on other files (the `.env` a compose file interpolates, the base
 * `values.yaml`, an `include`, `Chart.yaml`, `redis-auth.config.json`), so a cached result could
 * go stale. `configs.configFiles` therefore carries, in its `settings`, a key computed when ESLint
 * reads the config: a hash of the path, size and modification time of every file the config
 * scanners could read under the working directory. Any change to one of them changes the config
 * hash of every config file, and ESLint lints them again; JS/TS files keep their cache entries.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The settings key; ESLint hashes it with the rest of the config. */
export const CACHE_KEY_SETTING = 'redis-auth/config-files-cache-key';

let computed: { cwd: string; key: string } | undefined;

/** Computed once per process (one ESLint run; an editor does not use --cache). */
export function dependencyCacheKey(cwd = process.cwd()): string {
  if (computed?.cwd === cwd) return computed.key;
  const hash = createHash('sha256');
  try {
    // Loaded here, not at plugin load: a lint of JS/TS only never walks the tree.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { discoverFiles } = require('../../src/engine/discovery') as typeof import('../../src/engine/discovery');
    const files = discoverFiles({ root: cwd }).files;
    for (const rel of [...files, 'redis-auth.config.json', 'package.json']) {
      try {
        const s = statSync(join(cwd, rel));
        hash.update(`${rel}\u0000${s.size}\u0000${s.mtimeMs}\n`);
      } catch {
        hash.update(`${rel}\u0000-\n`);
      }
    }
  } catch {
    hash.update(String(Date.now())); // cannot tell: never reuse a cached result
  }
  const key = hash.digest('hex').slice(0, 16);
  computed = { cwd, key };
  return key;
}
