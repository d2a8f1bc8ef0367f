/** The `N passed, N failed` line of `npm test` and CI (.ci/summary.mjs): a failed suite is never 0 failed. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types.
import { countResults } from '../../.ci/summary.mjs';

type Counts = { passed: number; failed: number; skipped: number; messages: string[] };
const count = countResults as (files: string[]) => Counts;

function report(testResults: unknown[], totals: Record<string, number>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'redis-auth-summary-')), 'report.json');
  writeFileSync(file, JSON.stringify({ ...totals, testResults }));
  return file;
}

describe('countResults', () => {
  it('counts a suite whose beforeAll failed (its tests skipped) as a failure', () => {
    const file = report(
      [
        { status: 'failed', assertionResults: [{ status: 'skipped' }, { status: 'skipped' }] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
      { numPassedTests: 1, numFailedTests: 0, numPendingTests: 2 },
    );
    expect(count([file])).toMatchObject({ passed: 1, failed: 1, skipped: 2 });
  });

  it('counts a suite that failed to load, and a missing report, as failures', () => {
    const file = report([{ status: 'failed', assertionResults: [] }], { numPassedTests: 0, numFailedTests: 0 });
    expect(count([file, join(tmpdir(), 'no-such-report.json')])).toMatchObject({ failed: 2 });
  });

  it('does not count a suite twice when its own tests failed', () => {
    const file = report(
      [{ status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] }],
      { numPassedTests: 1, numFailedTests: 1 },
    );
    expect(count([file])).toMatchObject({ passed: 1, failed: 1, skipped: 0 });
  });
});
