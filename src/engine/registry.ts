/** Every file-kind scanner, in the order discovery offers files to them. */
import { aclScanner, redisConfScanner, sentinelScanner } from '../../scanners/redis-conf';
import { composeScanner } from '../../scanners/compose';
import { helmScanner } from '../../scanners/helm';
import { kubernetesScanner } from '../../scanners/kubernetes';
import { dotenvScanner } from '../../scanners/dotenv';
import { appConfigScanner } from '../../scanners/app-config';
import type { CheckMeta, Scanner } from './kit/contract';
import { matchesFileName } from './kit/file-names';

export const SCANNERS: readonly Scanner[] = [
  sentinelScanner,
  redisConfScanner,
  aclScanner,
  composeScanner,
  helmScanner,
  kubernetesScanner,
  dotenvScanner,
  appConfigScanner,
];

/** Every scanner check, by id (drift checks are added by the drift module). */
export function allChecks(extra: readonly CheckMeta[] = []): CheckMeta[] {
  return [...SCANNERS.flatMap((s) => s.checks), ...extra];
}

/** The scanners a file may be offered to by its name alone (content decides among them). */
export function scannersForName(path: string, scanners: readonly Scanner[] = SCANNERS): Scanner[] {
  return scanners.filter((s) => matchesFileName(path, s.fileNames));
}

/** True when some scanner could claim a file of this name. */
export function isCandidateName(path: string, scanners: readonly Scanner[] = SCANNERS): boolean {
  return scanners.some((s) => matchesFileName(path, s.fileNames));
}
