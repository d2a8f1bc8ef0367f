/**
 * `--format gitlab`: GitLab's Code Quality report (a JSON array of issues; upload it as
 * `artifacts.reports.codequality`). Chosen over SARIF, which GitLab does not read, and over the
 * SAST report, whose merge-request widget needs GitLab Ultimate: Code Quality shows in merge
 * requests on every tier.
 *
 * GitLab keeps only the first issue of a fingerprint and compares fingerprints between the source
 * and target branch, so they are unique per issue and exclude line numbers (a moved line is not a
 * new issue). Messages are already masked; nothing else from the file is included.
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../core/finding';
import type { ScanOutcome } from '../../engine/run';

/** GitLab's scale is info, minor, major, critical, blocker. */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = {
  error: 'critical',
  warning: 'major',
  note: 'info',
};

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: (typeof SEVERITY)[Severity];
  location: { path: string; lines: { begin: number; end?: number } };
}

export function formatGitlab(outcome: Pick<ScanOutcome, 'findings'>): string {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = outcome.findings.map((f: Finding) => {
    // What the finding is about, without its position; repeats are told apart by their order.
    const identity = `${f.ruleId}\0${f.file}\0${f.anchor ?? f.message.replace(/:\d+(:\d+)?/g, '')}`;
    const nth = seen.get(identity) ?? 0;
    seen.set(identity, nth + 1);
    const issue: CodeQualityIssue = {
      description: `${f.message} (${f.category})`,
      check_name: f.ruleId,
      fingerprint: createHash('sha256').update(`${identity}\0${nth}`).digest('hex').slice(0, 32),
      severity: SEVERITY[f.severity],
      location: { path: f.file, lines: { begin: f.line } },
    };
    if (f.endLine !== undefined && f.endLine > f.line) issue.location.lines.end = f.endLine;
    return issue;
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
