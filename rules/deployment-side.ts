/**
 * The deployment side of the code-to-deployment link, for the ESLint rule: one config scan of the
 * repository (never the network), computed once and kept while the files it read keep their stamps
 * (mtime and size; their folders' too, so a new compose file is seen). The engine is loaded only
 * when a linted file opens a connection that reads a variable.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runScan } from '../src/engine/run';
import { judge, linkConnections, type DeploymentSide } from '../src/link';

export { judge, linkConnections };

interface Cached {
  side: DeploymentSide;
  stamps: Map<string, string>;
}

const cache = new Map<string, Cached>();

function stampOf(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

function fresh(cached: Cached): boolean {
  for (const [path, stamp] of cached.stamps) if (stampOf(path) !== stamp) return false;
  return true;
}

/** The repository a linted file belongs to: the nearest folder above `cwd` with a `.git`, else `cwd`. */
export function repositoryRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (let i = 0; i < 64; i++) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return resolve(cwd);
}

export function deploymentSide(root: string): DeploymentSide {
  const hit = cache.get(root);
  if (hit && fresh(hit)) return hit.side;
  const outcome = runScan({ root, project: true });
  const side: DeploymentSide = { units: outcome.units ?? [], servers: outcome.facts, packages: outcome.packages ?? [] };
  const stamps = new Map<string, string>();
  const files = [...(outcome.configFiles ?? []), ...(outcome.projectFiles ?? []).filter((p) => p.endsWith('package.json'))];
  const dirs = new Set<string>([root]);
  for (const rel of files) {
    const abs = join(root, rel);
    stamps.set(abs, stampOf(abs));
    dirs.add(dirname(abs));
  }
  for (const dir of dirs) stamps.set(dir, stampOf(dir));
  cache.set(root, { side, stamps });
  return side;
}

/** Forget every cached model (tests). */
export function clearDeploymentCache(): void {
  cache.clear();
}
