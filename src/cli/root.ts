/** The scan root and paths of `scan` and `drift`, from the paths and --root as typed. */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { isInside, toPosix } from '../engine/kit/context';
import { UsageError } from './args';

/** The scan root: --root, else the cwd, else the single folder given outside the cwd. */
export function chooseRoot(options: { paths: string[]; root?: string }, cwd: string): { root: string; paths: string[] } {
  const paths = options.paths.map((p) => resolve(cwd, p));
  for (const [i, p] of paths.entries()) {
    if (!existsSync(p)) throw new UsageError(`path not found: ${options.paths[i]}`);
  }
  if (options.root !== undefined) {
    const root = resolve(cwd, options.root);
    if (!existsSync(root)) throw new UsageError(`--root not found: ${options.root}`);
    for (const [i, p] of paths.entries()) {
      if (!isInside(root, p)) throw new UsageError(`path ${options.paths[i]} is outside the scan root ${options.root}`);
    }
    return { root, paths };
  }
  if (paths.every((p) => isInside(cwd, p))) return { root: cwd, paths };
  if (paths.length === 1) {
    return statSync(paths[0]).isDirectory() ? { root: paths[0], paths: [] } : { root: dirname(paths[0]), paths };
  }
  throw new UsageError(`paths outside the current directory need --root (got ${options.paths.join(', ')})`);
}


/** A path as the user would type it: relative to the working directory when inside it. */
export function shownPath(cwd: string, path: string): string {
  return isInside(cwd, path) ? toPosix(relative(cwd, path)) || '.' : path;
}
