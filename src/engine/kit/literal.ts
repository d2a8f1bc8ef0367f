/**
 * Findings for password literals in YAML (Helm values, Kubernetes env and Secrets), and the
 * finding constructor both modules share. One literal gives exactly one finding: weak when it is
 * weak (or a placeholder), otherwise hardcoded. The verdict itself is core's judgeSecret.
 */
import type { Finding, Severity } from '../../core/finding';
import type { SourceRef } from '../../core/facts';
import { judgeSecret, maskSecret } from '../../core/secrets';
import { aboutSecret, findingAt } from './finding';
import type { CheckMeta } from './contract';

export function makeFinding(meta: CheckMeta, at: SourceRef, message: string, anchor: string, severity?: Severity): Finding {
  return findingAt(meta, { ...at, anchor }, message, severity);
}

export type LiteralKind = 'none' | 'reference' | 'weak' | 'literal';

/** What a password value is, as far as a committed YAML file is concerned. */
export function literalKind(value: string): LiteralKind {
  const verdict = judgeSecret(value);
  if (verdict.kind === 'empty') return 'none';
  if (verdict.kind === 'placeholder' || verdict.kind === 'weak') return 'weak';
  if (verdict.kind === 'literal') return 'literal';
  return 'reference';
}

export interface LiteralChecks {
  hardcoded: CheckMeta;
  weak: CheckMeta;
}

/** The message parts of a literal's finding: `what` names the element, `fix` says what to do instead. */
export interface LiteralMessages {
  weak: (masked: string, reason: string) => string;
  hardcoded: (masked: string) => string;
}

/** The one finding a password value deserves, or undefined when it is empty or a reference. */
export function literalFinding(value: string, at: SourceRef, anchor: string, checks: LiteralChecks, messages: LiteralMessages): Finding | undefined {
  const verdict = judgeSecret(value);
  const masked = maskSecret(value.trim());
  if (verdict.kind === 'placeholder' || verdict.kind === 'weak') return aboutSecret(makeFinding(checks.weak, at, messages.weak(masked, verdict.reason), anchor), value);
  if (verdict.kind === 'literal') return aboutSecret(makeFinding(checks.hardcoded, at, messages.hardcoded(masked), anchor), value);
  return undefined;
}

/**
 * The finding for a password value at `at`, or undefined when it is empty or a reference.
 * `what` names the element in backticks; `fix` says what to do instead.
 */
export function passwordFinding(value: string, at: SourceRef, anchor: string, what: string, fix: string, checks: LiteralChecks): Finding | undefined {
  return literalFinding(value, at, anchor, checks, {
    weak: (masked, why) => `${what} sets a weak Redis password (\`${masked}\` ${why}). ${fix}`,
    hardcoded: (masked) => `${what} commits a Redis password (\`${masked}\`) to the repository. ${fix}`,
  });
}
