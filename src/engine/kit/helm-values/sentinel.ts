/**
 * Sentinel without a password in a Redis chart whose servers have one. An open Sentinel lets any
 * pod that reaches port 26379 run `SENTINEL SET`, `SENTINEL FAILOVER` or `SENTINEL MONITOR`, and
 * point every client that asks Sentinel for the master at a host of its choice, where the clients
 * then send the Redis password. When the servers have no password either, the server's own
 * finding says it all and nothing more is reported here.
 */
import type { Finding } from '../../../core/finding';
import type { Origin } from '../yaml-tree';
import { HELM_AUTH_DISABLED } from './checks';
import type { ChartFamily } from './chart';
import { makeFinding } from '../literal';

/**
 * `key`: the values key that decides (`sentinel.auth`, `redis.auth.sentinel`); `byDefault`: it is
 * absent and the chart's default leaves Sentinel open (redis-ha); `fix`: the chart's (charts/*.ts).
 */
export function sentinelNoAuth(family: ChartFamily, at: Origin, key: string, byDefault: boolean, fix: string): Finding {
  const how = byDefault ? `${family}'s Sentinels run without a password (the chart defaults to \`${key}: false\`)` : `\`${key}: false\` runs the chart's Sentinels without a password`;
  return makeFinding(
    HELM_AUTH_DISABLED,
    at,
    `${how}, while Redis itself requires one: anyone who reaches port 26379 can fail the master over or point clients at a master of their own, and the clients then send it the Redis password. ${fix}`,
    key,
  );
}
