/** The finding a scanner check reports at a source position: the one constructor every scanner uses. */
import { createHash } from 'node:crypto';
import { checkDocsUrl } from '../../core/docs-url';
import { looksLikeRealSecret } from '../../core/secrets';
import type { SourceRef } from '../../core/facts';
import type { Finding, Severity } from '../../core/finding';
import type { CheckMeta } from './contract';

export function findingAt(check: CheckMeta, at: SourceRef, message: string, severity: Severity = check.defaultSeverity): Finding {
  const finding: Finding = {
    ruleId: check.id,
    category: check.category,
    severity,
    file: at.file,
    line: at.line,
    column: at.column,
    message,
    helpUri: checkDocsUrl(check.id),
  };
  if (at.endLine !== undefined) finding.endLine = at.endLine;
  if (at.endColumn !== undefined) finding.endColumn = at.endColumn;
  if (at.anchor !== undefined) finding.anchor = at.anchor;
  return finding;
}

/**
 * Marks a finding about a committed value: whether it looks like a real secret (the engine keeps
 * those at full severity in every tier), and a group key so that one value in N files is one
 * finding. The key is a hash, and the engine drops it before any output.
 */
export function aboutSecret<T extends Finding | undefined>(finding: T, value: string): T {
  if (!finding) return finding;
  const v = value.trim();
  finding.secretLooksReal = looksLikeRealSecret(v);
  if (v !== '') finding.group ??= `${finding.category}:${createHash('sha256').update(v).digest('hex').slice(0, 24)}`;
  return finding;
}

/** Tags the findings made while analysing one Redis with its subject (facts.ts), for grouping and exposure. */
export function aboutSubject(findings: Finding[], subject: string): Finding[] {
  for (const f of findings) f.subject ??= subject;
  return findings;
}
