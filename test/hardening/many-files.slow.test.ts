/**
 * Issue 11, the 20,000 real redis.conf row (44 s before: a pass over all pairs of confs). In the
 * slow suite because writing 25,000 files takes longer than scanning them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../scanners/cli/built-cli';
import { BUDGET, measure } from './budget';
import * as hostile from './hostile-inputs';

beforeAll(() => buildOnce());

async function scan(count: number) {
  const root = hostile.materialize(hostile.manyConfs(count));
  const m = await measure('cli', root, ['scan', '--format', 'json', '--fail-on', 'none']);
  return { ...m, findings: m.stdout ? (JSON.parse(m.stdout) as { findings: unknown[] }).findings.length : 0 };
}

describe('many files', () => {
  it('20,000 redis.conf files: no pass over all pairs, cost per file flat from 5,000 to 20,000', async () => {
    const small = await scan(5_000);
    const m = await scan(20_000);
    expect(m.failure).toBeUndefined();
    // Reading and judging 20,000 files is itself about 1.5 s of CPU on an idle 2-core machine
    // (the walk-and-read floor is most of it), so this row's budget is twice the others'; what
    // the row guards is the shape: 4x the files may cost 4x (quadratic was 16x and 44 s).
    expect(m.cpuMs, `CPU time ${m.cpuMs} ms`).toBeLessThan(2 * BUDGET.cpuMs);
    expect(m.rssMb, `peak RSS ${m.rssMb} MB`).toBeLessThan(BUDGET.rssMb);
    expect(m.cpuMs / small.cpuMs).toBeLessThan(6);
    expect(m.findings).toBeGreaterThan(10_000);
  }, 180_000);
});

