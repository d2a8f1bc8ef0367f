/** The finding a scanner check reports at a source position (compose and dotenv share it). */
import { docsUrl } from '../src/docs-url';
import type { SourceRef } from '../src/facts';
import type { Finding, Severity } from '../src/finding';
import type { CheckMeta } from './types';

export function findingAt(check: CheckMeta, at: SourceRef, message: string, severity: Severity = check.defaultSeverity): Finding {
  return {
    ruleId: check.id,
    category: check.category,
    severity,
    file: at.file,
    line: at.line,
    column: at.column,
    ...(at.endLine !== undefined ? { endLine: at.endLine, endColumn: at.endColumn } : {}),
    message,
    helpUri: docsUrl(check.id),
    anchor: at.anchor,
  };
}
