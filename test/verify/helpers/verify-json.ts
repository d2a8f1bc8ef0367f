/** Runs `redis-auth verify … --format json` in-process and indexes the report's checks by id. */
import { run } from '../../../src/cli/commands/verify';
import type { CheckResult, VerifyReport } from '../../../src/verify/result';
import { fakeIo } from './servers';

export async function verifyJson(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = fakeIo(env);
  const code = await run([...argv, '--format', 'json'], io);
  const report = JSON.parse(io.stdoutText) as VerifyReport;
  const byId = Object.fromEntries(report.checks.map((c) => [c.id, c])) as Record<CheckResult['id'], CheckResult>;
  return { code, report, byId, io };
}
