/** Every file-kind scanner, in the order discovery offers files to them. */
import { aclScanner, redisConfScanner, sentinelScanner } from './redis-conf';
import { composeScanner } from './compose';
import { helmScanner } from './helm';
import { kubernetesScanner } from './kubernetes';
import { dotenvScanner } from './dotenv';
import type { CheckMeta, Scanner } from './types';

export const SCANNERS: readonly Scanner[] = [
  sentinelScanner,
  redisConfScanner,
  aclScanner,
  composeScanner,
  helmScanner,
  kubernetesScanner,
  dotenvScanner,
];

/** Every scanner check, by id (drift checks are added by the drift module). */
export function allChecks(extra: readonly CheckMeta[] = []): CheckMeta[] {
  return [...SCANNERS.flatMap((s) => s.checks), ...extra];
}
