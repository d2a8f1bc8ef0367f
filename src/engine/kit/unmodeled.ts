/**
 * `redis-unmodeled`: a file plainly runs a Redis (a known Redis-family image) but the scanner
 * cannot tell how it gets its password (a custom start script, a conf in a volume the repository
 * does not hold, a Dockerfile it cannot read). Listed as a note, so that silence means "checked".
 * Every scanner that models Redis servers shares this one check.
 */
import type { SourceRef } from '../../core/facts';
import type { Finding } from '../../core/finding';
import type { CheckMeta } from './contract';
import { findingAt } from './finding';

export const REDIS_UNMODELED = {
  id: 'redis-unmodeled',
  category: 'missing-auth',
  defaultSeverity: 'note',
  description: 'A Redis-family server whose authentication the scanner cannot judge (custom start script, unreadable conf or Dockerfile).',
} as const satisfies CheckMeta;

/** `What` (e.g. "Service `cache` (redis)") runs Redis, but `why` its auth is out of sight. */
export function unmodeledFinding(at: SourceRef, what: string, why: string, howToCheck: string): Finding {
  return findingAt(REDIS_UNMODELED, at, `${what} runs a Redis-family server, but its authentication could not be judged: ${why}. ${howToCheck}`);
}
