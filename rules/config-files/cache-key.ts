/**
 * ESLint's `--cache` keys a file's result on its own content and its config's hash. A config
 * file's findings also depend on other files (the `.env` a compose file interpolates, the base
 * `values.yaml`, an `include`, `Chart.yaml`, `redis-auth.config.json`), so a cached result could
 * go stale. `configs.configFiles` therefore carries, in its `settings`, a key computed when ESLint
 * reads the config: a hash of the path, size and modification time of every file the config
 * scanners could read, and every redis-auth config, under the project root the rule uses for the
 * working directory (root.ts: a configured root above it, else the working directory itself, which
 * holds any configured root below it). ESLint merges configs without naming a file, so this is the
 * widest root of the run. Any change to one of them changes the config hash of every config file,
 * and ESLint lints them again; JS/TS files keep their cache entries.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The settings key; ESLint hashes it with the rest of the config. */
export const CACHE_KEY_SETTING = 'redis-auth/config-files-cache-key';

let computed: { cwd: string; key: string } | undefined;

/** Computed once per process (one ESLint run; an editor does not use --cache). */
export function dependencyCacheKey(cwd = process.cwd()): string {
  if (computed?.cwd === cwd) return computed.key;
  const hash = createHash('sha256');
  try {
    // Loaded here, not at plugin load: a lint of JS/TS only never walks the tree.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { discoverFiles } = require('../../src/engine/discovery') as typeof import('../../src/engine/discovery');
    const { isCandidateName } = require('../../src/engine/registry') as typeof import('../../src/engine/registry');
    const { CONFIG_FILE_NAME } = require('../../src/engine/config') as typeof import('../../src/engine/config');
    const { configuredRoot } = require('./root') as typeof import('./root');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const root = configuredRoot(cwd) ?? cwd;
    // A nested project's own config decides its files' findings too.
    const isCandidate = (path: string): boolean => isCandidateName(path) || basename(path) === CONFIG_FILE_NAME;
    const files = discoverFiles({ root, isCandidate }).files;
    for (const rel of new Set([...files, CONFIG_FILE_NAME, 'package.json'])) {
      try {
        const s = statSync(join(root, rel));
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
