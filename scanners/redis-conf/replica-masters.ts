/**
 * A replica without masterauth whose master, by the repository's own evidence, needs a password:
 * a conf in the same or a sibling folder that is not a replica and requires a password. Masters
 * are indexed once (by folder, by the folder above, by name), so each replica is a few lookups,
 * not a pass over every master; of several candidates the first in scan order is named.
 */
import { posix } from 'node:path';
import type { Finding } from '../../src/core/finding';
import { replicaNoMasterAuth, type ConfAnalysis } from '../../src/engine/kit/conf/analyze';

/** A name shorter than this (`db`, `r1`) says nothing when a host contains it. */
const MIN_NAME = 3;

interface Indexed {
  order: number;
  analysis: ConfAnalysis;
}

/** Keeps the first entry per key. */
function indexFirst(map: Map<string, Indexed>, key: string, entry: Indexed): void {
  if (!map.has(key)) map.set(key, entry);
}

const protectedConf = (a: ConfAnalysis): boolean => a.fact.auth === 'password' || a.fact.auth === 'acl';

export function replicaFindings(analyses: readonly ConfAnalysis[]): Finding[] {
  // The first master per folder, per folder above it, and (at the top of the repository, where
  // sibling folders may be unrelated projects) per name of its folder or file.
  const byDir = new Map<string, Indexed>();
  const byParent = new Map<string, Indexed>();
  const topByName = new Map<string, Indexed>();
  let longestName = 0;
  analyses.forEach((analysis, order) => {
    if (analysis.replicaOf || !protectedConf(analysis)) return;
    const entry = { order, analysis };
    const dir = posix.dirname(analysis.fact.file);
    const parent = posix.dirname(dir);
    indexFirst(byDir, dir, entry);
    indexFirst(byParent, parent, entry);
    if (parent !== '.') return;
    for (const name of [posix.basename(dir), posix.basename(analysis.fact.file).replace(/\.conf$/i, '')].map((n) => n.toLowerCase())) {
      if (name.length < MIN_NAME) continue;
      indexFirst(topByName, name, entry);
      longestName = Math.max(longestName, name.length);
    }
  });

  /** The first master named inside `host` (`replicaof redis-master 6379` and `master/`). */
  const namedIn = (host: string): Indexed | undefined => {
    let first: Indexed | undefined;
    for (let i = 0; i < host.length; i++) {
      for (let len = MIN_NAME; len <= longestName && i + len <= host.length; len++) {
        const hit = topByName.get(host.slice(i, i + len));
        if (hit && (!first || hit.order < first.order)) first = hit;
      }
    }
    return first;
  };

  const out: Finding[] = [];
  for (const a of analyses) {
    const r = a.replicaOf;
    if (!r || r.hasMasterAuth || protectedConf(a)) continue;
    const dir = posix.dirname(a.fact.file);
    const parent = posix.dirname(dir);
    let master: Indexed | undefined;
    if (parent !== '.') master = byParent.get(parent);
    else {
      // Top level: the same folder, or a sibling the host names.
      const same = byDir.get(dir);
      const named = namedIn(r.host.toLowerCase());
      master = same && (!named || same.order < named.order) ? same : named;
    }
    if (master) {
      out.push(replicaNoMasterAuth({ at: r.at, args: [r.host, r.port] }, `the master config ${master.analysis.fact.file} in this repository requires a password`));
    }
  }
  return out;
}
