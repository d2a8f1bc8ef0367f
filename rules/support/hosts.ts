/** `allowHosts`: which connections a rule leaves alone (test containers, local throwaway Redis). */
import { isLoopbackHost } from '../../src/core/hosts';
import type { Connection } from './connections';

export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (p === 'loopback') return isLoopbackHost(h);
  if (p.startsWith('*.')) return h.endsWith(p.slice(1));
  return h === p;
}

/** True when every host the connection reaches is allowed. */
export function connectionAllowed(connection: Connection | undefined, allow: readonly string[]): boolean {
  if (allow.length === 0) return false;
  if (!connection) return allow.includes('unknown');
  const loopbackOk = allow.includes('loopback');
  if (connection.hosts.length === 0) return loopbackOk; // library default host or a unix socket
  return connection.hosts.every((h) =>
    h === null ? allow.includes('unknown') : allow.some((p) => hostMatches(h, p)),
  );
}

/** Hosts that are provably not this machine (for require-tls). */
export function remoteHosts(connection: Connection): string[] | undefined {
  if (connection.hosts.some((h) => h === null)) return undefined;
  return (connection.hosts as string[]).filter((h) => !isLoopbackHost(h));
}
