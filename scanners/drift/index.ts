import type { Diagnostic, Finding } from '../../src/finding';
import type { RedisFact } from '../../src/facts';
import type { CheckMeta } from '../types';

/** Drift check ids, for the catalogue (SARIF rules, config validation, docs). */
export const driftChecks: readonly CheckMeta[] = [];

/** Stub until drift lands: compares nothing. */
export function checkDrift(_facts: readonly RedisFact[]): { findings: Finding[]; diagnostics: Diagnostic[] } {
  return { findings: [], diagnostics: [] };
}
