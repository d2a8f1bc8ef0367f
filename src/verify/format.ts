/** Prints a VerifyReport: aligned lines for people, one JSON object for machines. */
import { escapeControls } from '../core/terminal';
import { CHECK_IDS, type VerifyReport } from './result';

const LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;
const ID_WIDTH = Math.max(...CHECK_IDS.map((id) => id.length));

/** Colours for a terminal (the CLI passes its own); plain text by default. */
export interface VerifyPaint {
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
}
const PLAIN: VerifyPaint = { red: (t) => t, green: (t) => t, yellow: (t) => t };

export function formatHuman(report: VerifyReport, p: VerifyPaint = PLAIN): string {
  const lines: string[] = [];
  // Names, URLs and server replies are shown with their control characters escaped.
  const who = report.target.username ? ` as '${escapeControls(report.target.username)}'` : '';
  const creds = report.target.credentials ? `credentials from ${report.target.credentials}${who}` : 'no credentials configured';
  lines.push(`redis-auth verify ${escapeControls(report.target.url)} (${creds})`);
  for (const check of report.checks) {
    const label = check.critical ? 'FAIL!' : LABEL[check.status];
    const color = check.status === 'fail' ? p.red : check.status === 'pass' ? p.green : p.yellow;
    lines.push(`  ${color(label.padEnd(5))}  ${check.id.padEnd(ID_WIDTH)}  ${escapeControls(check.message)}`);
  }
  const { passed, failed, skipped } = report.summary;
  // An unreachable target is reported on stderr by the command; here only the verdict of a full run.
  if (!report.error) {
    const verdict = failed > 0 ? 'FAILED' : 'OK';
    lines.push(`${verdict}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
  return lines.join('\n') + '\n';
}

export function formatJson(report: VerifyReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
