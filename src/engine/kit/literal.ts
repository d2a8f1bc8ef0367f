/**
 * Findings for password literals in YAML (Helm values, Kubernetes env and Secrets), and the
 * finding constructor both modules share. One literal gives exactly one finding: weak when it is
 * weak, otherwise hardcoded.
 */
import type { Finding, Severity } from '../../core/finding';
import type { SourceRef } from '../../core/facts';
import { classifySecret, isReference, maskSecret, weaknessOf } from '../../core/secrets';
import { findingAt } from './finding';
import type { CheckMeta } from './contract';

export function makeFinding(meta: CheckMeta, at: SourceRef, message: string, anchor: string, severity?: Severity): Finding {
  return findingAt(meta, { ...at, anchor }, message, severity);
}

/** Values that are encrypted or resolved at deploy time (sops, helm-secrets/vals, vault plugins). */
const DEPLOY_TIME_VALUE = /^(ENC\[|ref\+[a-z0-9]+:\/\/|<path:|vault:|sm:\/\/|awssm|gcpsm:|azkv:|\$\{\{|\(\(.*\)\)$)/i;

export type LiteralKind = 'none' | 'reference' | 'weak' | 'literal';

/** What a password value is, as far as a committed file is concerned. */
export function literalKind(value: string): LiteralKind {
  const v = value.trim();
  if (v === '') return 'none';
  if (DEPLOY_TIME_VALUE.test(v) || isReference(v) || /\{\{.*\}\}/s.test(v)) return 'reference';
  const kind = classifySecret(v);
  if (kind === 'empty' || kind === 'placeholder') return 'none';
  if (kind === 'reference') return 'reference';
  return kind;
}

export interface LiteralChecks {
  hardcoded: CheckMeta;
  weak: CheckMeta;
}

/**
 * The finding for a password value at `at`, or undefined when it is empty, a reference or a
 * placeholder. `what` names the element in backticks; `fix` says what to do instead.
 */
export function passwordFinding(value: string, at: SourceRef, anchor: string, what: string, fix: string, checks: LiteralChecks): Finding | undefined {
  const kind = literalKind(value);
  if (kind === 'none' || kind === 'reference') return undefined;
  const masked = maskSecret(value.trim());
  if (kind === 'weak') {
    const why = weaknessOf(value) ?? 'is weak';
    return makeFinding(checks.weak, at, `${what} sets a weak Redis password (\`${masked}\` ${why}). ${fix}`, anchor);
  }
  return makeFinding(checks.hardcoded, at, `${what} commits a Redis password (\`${masked}\`) to the repository. ${fix}`, anchor);
}

/** Keeps the most severe of findings that point at the same place for the same check. */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const rank: Record<Severity, number> = { note: 1, warning: 2, error: 3 };
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.line}\u0000${f.column}`;
    const seen = byKey.get(key);
    if (!seen || rank[f.severity] > rank[seen.severity]) byKey.set(key, f);
  }
  return [...byKey.values()];
}
