/**
 * Which environments count as production, and the order columns appear in. Environment names are
 * the ones src/environment.ts gives (dev/test/staging/prod) or names a user mapped in the config.
 */
import { DEFAULT_ALIASES, ENVIRONMENT_RANK, type Environment, type KnownEnvironment } from '../core/environment';

/** The known environment a name stands for, reading `prod-eu` or `live` as prod. */
function knownOf(env: Environment): KnownEnvironment | undefined {
  const lower = env.toLowerCase();
  if (DEFAULT_ALIASES[lower]) return DEFAULT_ALIASES[lower];
  for (const token of lower.split(/[^a-z0-9]+/)) if (DEFAULT_ALIASES[token]) return DEFAULT_ALIASES[token];
  return undefined;
}

/**
 * Production is the reference every other environment is held to. A user-mapped name counts as
 * production when one of its parts is a production spelling (`prod-eu`, `production-us`).
 */
export function isProductionLike(env: Environment): boolean {
  return knownOf(env) === 'prod';
}

/** Column order: dev, test, staging, names we cannot place, then production last. */
export function columnRank(env: Environment): number {
  const known = knownOf(env);
  if (!known) return 3.5;
  return ENVIRONMENT_RANK[known];
}

export function compareEnvironments(a: Environment, b: Environment): number {
  return columnRank(a) - columnRank(b) || (a === b ? 0 : a < b ? -1 : 1);
}
