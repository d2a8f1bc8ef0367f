/**
 * Environment drift: compares how each Redis is secured in each environment, from the scanners'
 * effective facts. Production is the reference: any other environment weaker than production is a
 * warning, production weaker than any other environment an error, and one literal secret used in
 * several environments its own finding.
 */
import { compareFindings, type Diagnostic, type Finding } from '../core/finding';
import type { RedisFact } from '../core/facts';
import type { EnvironmentOptions } from '../core/environment';
import type { CheckMeta } from '../engine/kit/contract';
import { PRODUCTION_WEAKER, SHARED_SECRET, WEAKER_THAN_PRODUCTION, weaknessesOf } from './compare';
import { weaknessFindings } from './findings';
import { deployedFacts, groupFacts } from './group';
import type { TierOptions } from '../core/tiers';
import { sharedSecretFindings } from './shared-secret';

export { buildMatrix, MATRIX_VERSION } from './matrix';
export type { DriftMatrix, MatrixCell, MatrixRow, CellSetting, MatrixOptions } from './matrix';
export { DIMENSIONS, type Dimension, type Grade } from './posture';
export { PRODUCTION_WEAKER, SHARED_SECRET, WEAKER_THAN_PRODUCTION } from './compare';
export { isProductionLike } from './environments';
export { formatTable } from './format-table';
export { formatHtml } from './format-html';

/** Drift check ids, for the catalogue (SARIF rules, config validation, docs). */
export const driftChecks: readonly CheckMeta[] = [
  {
    id: WEAKER_THAN_PRODUCTION,
    category: 'drift',
    defaultSeverity: 'warning',
    description:
      'A non-production environment secures a Redis less than production does (authentication, secret source, TLS, exposure or protected mode).',
  },
  {
    id: PRODUCTION_WEAKER,
    category: 'drift',
    defaultSeverity: 'error',
    description: 'Production secures a Redis less than another environment does.',
  },
  {
    id: SHARED_SECRET,
    category: 'drift',
    defaultSeverity: 'error',
    description: 'The same literal Redis password is used in several environments.',
  },
];

/** `tiers`: the config's tier patterns; facts of test, example and CI-fixture files are not compared. */
export function checkDrift(all: readonly RedisFact[], environment: EnvironmentOptions = {}, tiers?: TierOptions['patterns']): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const facts = deployedFacts(all, tiers, environment);
  const weaknesses = groupFacts(facts, environment).flatMap((g) => weaknessesOf(g.postures));
  const findings = [...weaknessFindings(weaknesses), ...sharedSecretFindings(facts)].sort(compareFindings);
  return { findings, diagnostics: [] };
}
