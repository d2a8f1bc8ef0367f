/**
 * Evidence that a tool renders a conf file before Redis reads it: `${VAR}` where a literal value
 * would stop Redis from starting.
 */
import type { Directive } from './load';

/**
 * Directives where a literal `${VAR}` makes Redis or Sentinel refuse to start (a number, an
 * address, a directory). A file that has one can only work if a tool renders it first, so its
 * `${VAR}` passwords are filled in too.
 */
const FAILS_IF_LITERAL = new Set([
  'port', 'tls-port', 'bind', 'replicaof', 'slaveof', 'dir', 'maxmemory', 'maxclients', 'timeout', 'databases',
  'tcp-keepalive', 'tcp-backlog', 'save', 'cluster-announce-port', 'cluster-announce-ip', 'replica-announce-port',
]);
const SENTINEL_FAILS_IF_LITERAL = new Set(['monitor', 'down-after-milliseconds', 'failover-timeout', 'parallel-syncs', 'announce-port', 'quorum']);

export function renderedFiles(directives: Directive[]): Set<string> {
  const out = new Set<string>();
  for (const d of directives) {
    if (d.fromArgs || out.has(d.at.file)) continue;
    const relevant =
      FAILS_IF_LITERAL.has(d.name) ? d.args : d.name === 'sentinel' && SENTINEL_FAILS_IF_LITERAL.has((d.args[0] ?? '').toLowerCase()) ? d.args.slice(2) : [];
    if (relevant.some((a) => /\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?=+][^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*/.test(a))) out.add(d.at.file);
  }
  return out;
}
