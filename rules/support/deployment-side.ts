/**
 * The deployment side of the code-to-deployment link, for the ESLint rule: one config scan of the
 * repository (never the network), kept while the files it read keep their stamps (mtime and size;
 * their folders' too, so a new compose file is seen): in memory for the run, and on disk between
 * runs (src/engine/cache-file.ts), so a warm lint neither loads the engine nor scans. The rule
 * loads this module only when a linted file opens a connection that reads a variable.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { judge } from '../../src/link/judge';
import { linkConnections, type DeploymentSide } from '../../src/link/model';
import { cacheEnabled, cachePath, codeVersion, readCache, stampOf, writeCache } from '../../src/engine/cache-file';

import { ModuleGraph } from '../resolve/modules';
import { moduleParser } from './parse-module';

export { judge, linkConnections };

const graphs = new Map<string, ModuleGraph>();

/**
 * The modules of the repository at `root` that values cross into (imports, callers), parsed on
 * demand and kept for the run (each while its stamp holds).
 */
export function moduleGraph(root: string): ModuleGraph {
  let graph = graphs.get(root);
  if (!graph) graphs.set(root, (graph = new ModuleGraph(root, moduleParser(root))));
  return graph;
}

interface Cached {
  version: string;
  side: DeploymentSide;
  stamps: Record<string, string>;
}

const memory = new Map<string, Cached & { checkedAt: number }>();

/**
 * How long a model found fresh is trusted without checking its stamps again: one ESLint run asks
 * for it at every file that opens a connection (2,000 stats for 20 such files of a monorepo), and
 * an editor's lint after a saved compose or values file comes later than this.
 */
const TRUSTED_MS = 1000;

function fresh(cached: Cached): boolean {
  for (const [path, stamp] of Object.entries(cached.stamps)) if ((stampOf(path) ?? 'missing') !== stamp) return false;
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


type RunScan = typeof import('../../src/engine/run').runScan;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lazyRunScan: RunScan = (request) => (require('../../src/engine/run') as typeof import('../../src/engine/run')).runScan(request);

function compute(root: string, version: string, runScan: RunScan): Cached {
  const outcome = runScan({ root, project: true });
  const side: DeploymentSide = { units: outcome.units ?? [], servers: outcome.facts, packages: outcome.packages ?? [] };
  const stamps: Record<string, string> = {};
  const files = [...(outcome.configFiles ?? []), ...(outcome.projectFiles ?? [])];
  const dirs = new Set<string>([root]);
  for (const rel of files) {
    const abs = join(root, rel);
    stamps[abs] = stampOf(abs) ?? 'missing';
    dirs.add(dirname(abs));
  }
  for (const dir of dirs) stamps[dir] = stampOf(dir) ?? 'missing';
  return { version, side, stamps };
}

/** A new build rewrites the engine: its stamp retires every model computed by the old one. */
function engineVersion(): string {
  return `${codeVersion(__filename)}:${codeVersion(require.resolve('../../src/engine/run'))}`;
}

/** `runScan`: tests pass the engine itself (a test runner that compiles TypeScript cannot follow the lazy `require`). */
export function deploymentSide(root: string, runScan: RunScan = lazyRunScan): DeploymentSide {
  const hit = memory.get(root);
  const now = Date.now();
  if (hit && now - hit.checkedAt < TRUSTED_MS) return hit.side;
  if (hit && fresh(hit)) {
    hit.checkedAt = now;
    return hit.side;
  }
  const file = cacheEnabled() ? cachePath(root, 'deployments') : undefined;
  const version = file ? engineVersion() : '';
  const disk = file ? readCache<Cached>(file, version) : undefined;
  if (disk && fresh(disk)) {
    memory.set(root, { ...disk, checkedAt: now });
    return disk.side;
  }
  const cached = compute(root, version, runScan);
  memory.set(root, { ...cached, checkedAt: now });
  if (file) writeCache(file, { ...cached, side: cached.side });
  return cached.side;
}

/** Forget every model kept in memory (tests). */
export function clearDeploymentCache(): void {
  memory.clear();
  graphs.clear();
}
