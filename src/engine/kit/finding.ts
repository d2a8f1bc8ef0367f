/** The finding a scanner check reports at a source position: the one constructor every scanner uses. */
import { checkDocsUrl } from '../../core/docs-url';
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
