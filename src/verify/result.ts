/**
 * What `verify` reports: one result per check, a summary, and the exit code they imply.
 * This is also the `--format json` shape (docs/verify.md documents it).
 */

export const CHECK_IDS = ['unauthenticated-ping', 'auth', 'nopass-users', 'protected-mode', 'tls'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** Why, in one sentence or two. Never contains a secret. */
  message: string;
  /** Set on a failure that means anyone who reaches the port gets in. */
  critical?: true;
}

export type TargetErrorKind = 'usage' | 'refused' | 'dns' | 'timeout' | 'tls' | 'protocol' | 'closed' | 'io';

export interface VerifyReport {
  target: {
    /** The URL with any password masked. */
    url: string;
    tls: boolean;
    /** The ACL user name sent with AUTH; absent means the default user. */
    username?: string;
    /** Where the password came from (`$REDIS_PASSWORD`), or absent when none was configured. */
    credentials?: string;
  };
  checks: CheckResult[];
  summary: { passed: number; failed: number; skipped: number; exitCode: 0 | 1 | 2 };
  /** Present when the target could not be reached or did not speak Redis (exit code 2). */
  error?: { kind: TargetErrorKind; message: string };
}

export function exitCodeOf(checks: readonly CheckResult[], error?: VerifyReport['error']): 0 | 1 | 2 {
  if (error) return 2;
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}

export function summarize(checks: readonly CheckResult[], error?: VerifyReport['error']): VerifyReport['summary'] {
  return {
    passed: checks.filter((c) => c.status === 'pass').length,
    failed: checks.filter((c) => c.status === 'fail').length,
    skipped: checks.filter((c) => c.status === 'skip').length,
    exitCode: exitCodeOf(checks, error),
  };
}
