/**
 * End to end through the built CLI (`npm test` builds first; locally run
 * `npx tsc -p tsconfig.build.json`), the way a deploy pipeline calls it.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRedis, stopAll } from './helpers/servers';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const PASSWORD = 'Cli-3vX8-pQ2mz';

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Only PATH is inherited: a REDIS_PASSWORD in the developer's shell must not leak in.
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeEach(() => {
  // Per test, so a missing build fails each test rather than marking them skipped.
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json; npm test does this)`);
});

afterEach(async () => {
  await stopAll();
});

describe('node dist/src/cli/main.js verify', () => {
  it('exits 0 for a server with requirepass and the password in $REDIS_URL, printing it masked', async () => {
    const redis = await startRedis({ args: ['--requirepass', PASSWORD] });
    const { code, stdout, stderr } = await cli(['verify', '--format', 'json'], { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${redis.port}` });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.target.url).toBe(`redis://:Cl****mz@127.0.0.1:${redis.port}`);
    expect(report.summary).toEqual({ passed: 4, failed: 0, skipped: 1, exitCode: 0 });
    expect(stdout).not.toContain(PASSWORD);
  });

  it('exits 1 for a server without a password', async () => {
    const redis = await startRedis();
    const { code, stdout } = await cli(['verify', '--url', `redis://127.0.0.1:${redis.port}`], {});
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL!  unauthenticated-ping');
  });

  it('exits 2 and refuses a password flag', async () => {
    const { code, stdout, stderr } = await cli(['verify', '--url', 'redis://127.0.0.1:6379', '--password', PASSWORD], {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('refusing --password');
    expect(stderr).not.toContain(PASSWORD);
  });
});
