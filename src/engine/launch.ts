/**
 * One scanner's finding superseded by another's knowledge. The conf scanner judges a redis.conf
 * (or sentinel.conf) alone; the compose and Kubernetes scanners know the unit that starts it and
 * the options its command line adds (`redis-server /etc/redis.conf --requirepass $X`), which win
 * over the file (DOMAIN.md §1.1). Once every scanner has run, the file's own verdict gives way to
 * the units that start it: a conf without `requirepass` that every starting unit gives a password
 * is not reported. The reverse (a conf with `requirepass` started without one) needs nothing here:
 * the unit's scanner reads the mounted conf itself.
 */
import type { ConfLaunch, RedisFact, ServerFact } from '../core/facts';
import type { Finding } from '../core/finding';

/** Findings about the conf's default user, which a command-line password settles. */
const OPEN_SERVER = new Set(['conf-no-auth', 'conf-protected-mode-off', 'sentinel-no-auth', 'sentinel-protected-mode-off']);
/** `masterauth` given on the command line settles a replica's missing one. */
const NO_MASTERAUTH = new Set(['conf-replica-no-masterauth']);

const GUARDED = new Set<ServerFact['auth']>(['password', 'acl', 'locked']);

interface Starter {
  fact: ServerFact;
  launch: ConfLaunch;
}

/**
 * The conf file a conf-scanner finding is about: its `conf:<file>` / `sentinel:<file>` subject,
 * or, for the replica check made from two files, the file it sits in.
 */
function confFileOf(f: Finding): string | undefined {
  if (f.subject === undefined && NO_MASTERAUTH.has(f.ruleId)) return f.file;
  const m = /^(?:conf|sentinel):(.+)$/.exec(f.subject ?? '');
  return m ? m[1] : undefined;
}

function settles(f: Finding, starters: readonly Starter[]): boolean {
  if (starters.length === 0) return false;
  if (OPEN_SERVER.has(f.ruleId)) return starters.every((s) => GUARDED.has(s.fact.auth));
  if (NO_MASTERAUTH.has(f.ruleId)) return starters.every((s) => s.launch.options.some((o) => o === 'masterauth' || o === 'primaryauth'));
  return false;
}

/** Drops the conf findings that every unit starting that conf settles on its command line. */
export function reconcileLaunches(findings: readonly Finding[], facts: readonly RedisFact[]): Finding[] {
  const starters = new Map<string, Starter[]>();
  for (const fact of facts) {
    if (fact.kind !== 'server' || !fact.startsConf) continue;
    for (const launch of fact.startsConf) {
      const list = starters.get(launch.file) ?? [];
      list.push({ fact, launch });
      starters.set(launch.file, list);
    }
  }
  if (starters.size === 0) return [...findings];
  return findings.filter((f) => {
    const file = confFileOf(f);
    return !(file !== undefined && settles(f, starters.get(file) ?? []));
  });
}
