import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding';
import { formatGitlab } from '../../../src/cli/format/gitlab';
import { formatOutcome, isFormatName } from '../../../src/cli/format';

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'compose-no-auth',
    category: 'missing-auth',
    severity: 'error',
    file: 'docker-compose.yml',
    line: 5,
    column: 5,
    message: 'Redis service `cache` runs without a password.',
    ...over,
  };
}

describe('--format gitlab (Code Quality)', () => {
  it('writes the fields GitLab reads, with its severity scale', () => {
    const [issue] = JSON.parse(formatGitlab({ findings: [finding({ endLine: 7 })] }));
    expect(issue).toEqual({
      description: 'Redis service `cache` runs without a password. (missing-auth)',
      check_name: 'compose-no-auth',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'critical',
      location: { path: 'docker-compose.yml', lines: { begin: 5, end: 7 } },
    });
    const severities = JSON.parse(
      formatGitlab({ findings: [finding({ severity: 'warning' }), finding({ severity: 'note', ruleId: 'x' })] }),
    ).map((i: { severity: string }) => i.severity);
    expect(severities).toEqual(['major', 'info']);
  });

  it('gives unique fingerprints that do not move with the line', () => {
    const a = JSON.parse(formatGitlab({ findings: [finding({ line: 5 }), finding({ line: 9 })] }));
    const b = JSON.parse(formatGitlab({ findings: [finding({ line: 12 }), finding({ line: 20 })] }));
    expect(a[0].fingerprint).not.toBe(a[1].fingerprint);
    expect(b.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(a.map((i: { fingerprint: string }) => i.fingerprint));
    const other = JSON.parse(formatGitlab({ findings: [finding({ file: 'compose.yaml' })] }));
    expect(other[0].fingerprint).not.toBe(a[0].fingerprint);
  });

  it('is registered as a format and prints an empty array when clean', () => {
    expect(isFormatName('gitlab')).toBe(true);
    const empty = { findings: [], suppressed: [], diagnostics: [], facts: [], filesScanned: 0, filesConsidered: 0 };
    expect(formatOutcome('gitlab', empty, { checks: [] })).toBe('[]\n');
  });
});
