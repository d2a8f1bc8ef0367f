/** Prints a VerifyReport: aligned lines for people, one JSON object for machines. */
import { CHECK_IDS, type VerifyReport } from './result';

const LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;
const ID_WIDTH = Math.max(...CHECK_IDS.map((id) => id.length));

export function formatHuman(report: VerifyReport): string {
  const lines: string[] = [];
  const who = report.target.username ? ` as '${report.target.username}'` : '';
  const creds = report.target.credentials ? `credentials from ${report.target.credentials}${who}` : 'no credentials configured';
  lines.push(`redis-auth verify ${report.target.url} (${creds})`);
  for (const check of report.checks) {
    const label = check.critical ? 'FAIL!' : LABEL[check.status];
    lines.push(`  ${label.padEnd(5)}  ${check.id.padEnd(ID_WIDTH)}  ${check.message}`);
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
