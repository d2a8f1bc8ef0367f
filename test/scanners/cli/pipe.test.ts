import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, CLI, repo } from './built-cli';

beforeAll(() => buildOnce(), 180_000);

describe('redis-auth scan | head', () => {
  it('stops quietly when the reader closes the pipe early, with no stack trace', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`svc${i}/redis.conf`] = 'requirepass foobared\n';
    const root = repo(files);
    // `head -c 1` reads one byte and closes its end while the CLI is still writing.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" scan . --format sarif | head -c 1 >/dev/null`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at /);
  });
});
