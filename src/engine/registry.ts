/** Every file-kind scanner, in the order discovery offers files to them. */
import { aclScanner, redisConfScanner, sentinelScanner } from '../../scanners/redis-conf';
import { composeScanner } from '../../scanners/compose';
import { helmScanner } from '../../scanners/helm';
import { kubernetesScanner } from '../../scanners/kubernetes';
import { dotenvScanner } from '../../scanners/dotenv';
import type { CheckMeta, Scanner } from './kit/contract';

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
