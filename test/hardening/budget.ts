/**
 * Runs the built CLI (or ESLint with configs.configFiles) in a child process with a capped heap and
 * a wall-clock kill, and reports CPU time and peak RSS, so a hostile input that used to hang or
 * exhaust memory fails its test quickly instead of taking the machine down.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

/** The promise: the slowest hostile input stays under 2 s of CPU and 300 MB on 2 cores. */
export const BUDGET = { cpuMs: 2000, rssMb: 300 };
/** A run still going after this long is a hang (generous: the machine is shared). */
const KILL_AFTER_MS = 20_000;

export interface Measured {
  code?: number;
  stdout: string;
  stderr: string;
  cpuMs: number;
  rssMb: number;
  wallMs: number;
  /** Why the child did not finish normally: `timeout`, `crash: …` (e.g. heap exhausted). */
  failure?: string;
}

const MEASURE = join(__dirname, 'measure.cjs');

export function measure(mode: 'cli' | 'eslint', cwd: string, args: string[]): Promise<Measured> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=400', MEASURE, mode, cwd, JSON.stringify(args)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      let report: Partial<Measured> & { thrown?: string } = {};
      try {
        report = JSON.parse(last);
      } catch {
        // no report: the child died
      }
      const failure = timedOut
        ? `timeout after ${KILL_AFTER_MS} ms`
        : report.thrown
          ? `threw: ${report.thrown.split('\n')[0]}`
          : report.cpuMs === undefined
            ? `crash (status ${status}, signal ${signal}): ${err.split('\n').find((l) => /error|heap/i.test(l)) ?? err.slice(0, 200)}`
            : undefined;
      resolve({ stdout: '', stderr: '', cpuMs: Infinity, rssMb: Infinity, wallMs: Infinity, ...report, failure });
    });
  });
}

/** Finished normally, within the CPU and memory budget. */
export function expectWithinBudget(m: Measured): void {
  expect(m.failure).toBeUndefined();
  expect(m.cpuMs, `CPU time ${m.cpuMs} ms`).toBeLessThan(BUDGET.cpuMs);
  expect(m.rssMb, `peak RSS ${m.rssMb} MB`).toBeLessThan(BUDGET.rssMb);
}
