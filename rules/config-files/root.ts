/**
 * The project root a config file is scanned under, one answer for the rule and its `--cache` key:
 * the nearest folder above the file with a redis-auth.config.json (the configured root, as
 * `redis-auth scan` there would use), not above the repository top; else ESLint's working
 * directory when the file is inside it, else the file's own folder. So `eslint proj/deploy` run
 * from a parent folder reads proj's config, as `eslint deploy` run in proj does.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../../src/engine/config';
import { isInside } from '../../src/engine/kit/context';

/** The nearest folder from `dir` up with the config file, stopping at a repository top (`.git`). */
export function configuredRoot(dir: string): string | undefined {
  let at = resolve(dir);
  for (;;) {
    if (existsSync(join(at, CONFIG_FILE_NAME))) return at;
    const up = dirname(at);
    if (up === at || existsSync(join(at, '.git'))) return undefined;
    at = up;
  }
}

/** The root for the file at `abs` (see above); `cwd` is ESLint's working directory. */
export function projectRoot(abs: string, cwd: string): string {
  const folder = dirname(abs);
  return configuredRoot(folder) ?? (isInside(cwd, folder) ? resolve(cwd) : folder);
}
