/**
 * Compares the environments of one Redis: every non-production environment against production,
 * and production against every other environment. One weakness per (environment, dimension),
 * naming the strongest environment it falls short of.
 */
import type { Environment } from '../core/environment';
import type { Severity } from '../core/finding';
import { columnRank, isProductionLike } from './environments';
import { comparableRanks, DIMENSIONS, type Dimension, type Posture } from './posture';

export const WEAKER_THAN_PRODUCTION = 'drift-weaker-than-production';
export const PRODUCTION_WEAKER = 'drift-production-weaker';
export const SHARED_SECRET = 'drift-shared-secret';

export interface Weakness {
  ruleId: typeof WEAKER_THAN_PRODUCTION | typeof PRODUCTION_WEAKER;
  severity: Severity;
  dimension: Dimension;
  weaker: Posture;
  stronger: Posture;
}

/** Whom an environment is held to: other environments to production, production to every other environment. */
function referencesFor(env: Environment, all: readonly Posture[]): Posture[] {
  const others = all.filter((p) => p.environment !== env);
  const refs = isProductionLike(env) ? others : others.filter((p) => isProductionLike(p.environment));
  // Preference on ties: production first, then the environment closest to production.
  return refs.sort(
    (a, b) =>
      Number(isProductionLike(b.environment)) - Number(isProductionLike(a.environment)) ||
      columnRank(b.environment) - columnRank(a.environment) ||
      (a.environment < b.environment ? -1 : 1),
  );
}

/** The postures of one subject, one per environment. No production, nothing to hold them to. */
export function weaknessesOf(postures: readonly Posture[]): Weakness[] {
  const out: Weakness[] = [];
  for (const p of postures) {
    const refs = referencesFor(p.environment, [...postures]);
    const production = isProductionLike(p.environment);
    for (const dimension of DIMENSIONS) {
      let best: { ref: Posture; gap: number } | undefined;
      for (const ref of refs) {
        const ranks = comparableRanks(dimension, p, ref);
        if (!ranks) continue;
        const gap = ranks[1] - ranks[0];
        if (gap > 0 && (!best || gap > best.gap)) best = { ref, gap };
      }
      if (!best) continue;
      out.push({
        ruleId: production ? PRODUCTION_WEAKER : WEAKER_THAN_PRODUCTION,
        severity: production ? 'error' : 'warning',
        dimension,
        weaker: p,
        stronger: best.ref,
      });
    }
  }
  return out;
}
