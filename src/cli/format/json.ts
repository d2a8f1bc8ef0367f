/** `--format json`: findings, suppressed findings (with reasons) and diagnostics, kept apart. */
import type { ScanOutcome } from '../../engine/run';
import { summarize } from './summary';

export function formatJson(outcome: ScanOutcome): string {
  const body = {
    findings: outcome.findings,
    suppressed: outcome.suppressed,
    diagnostics: outcome.diagnostics,
    summary: summarize(outcome),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
