/**
 * `redis-auth scan` with --staged, --changed-since, --baseline and --write-baseline, run in
 * process against real temporary git repositories: exit codes, what is scanned, one-line errors.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/scan';
import type { CommandIo } from '../../src/cli/commands/io';
import { cleanGitEnv, tempRepo, type TempRepo } from '../helpers/git-repo';

beforeAll(() => {
  const clean = cleanGitEnv();
  for (const k of Object.keys(process.env)) if (k.startsWith('GIT_') && !(k in clean)) delete process.env[k];
  Object.assign(process.env, clean);
});

const WEAK = 'requirepass foobared\n';
const CLEAN = `user default off\nuser app on #${'a'.repeat(64)} ~* +@all\n`;

async function scan(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {} };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

async function files(cwd: string, ...argv: string[]): Promise<string[]> {
  const r = await scan(cwd, '--format', 'json', '--fail-on', 'none', ...argv);
  expect(r.stderr).toBe('');
  // A grouped finding (one password in several files) lists its other places as related locations.
  const found = JSON.parse(r.stdout).findings as { file: string; related?: { file: string }[] }[];
  return [...new Set(found.flatMap((f) => [f.file, ...(f.related ?? []).map((x) => x.file)]))].sort();
}

function committed(files: Record<string, string>): TempRepo {
  const repo = tempRepo();
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'init');
  return repo;
}

describe('scan --staged', () => {
  it('scans the staged content of staged files only', async () => {
    const repo = committed({ 'old/redis.conf': WEAK, 'README.md': 'x\n' });
    repo.write('new/redis.conf', WEAK);
    repo.git('add', 'new/redis.conf');
    repo.write('new/redis.conf', CLEAN); // fixed on disk only
    repo.write('untracked/redis.conf', WEAK);
    expect(await files(repo.root, '--staged')).toEqual(['new/redis.conf']);
    expect((await scan(repo.root, '--staged')).code).toBe(1);
    // The reverse: staged fixed, disk broken.
    repo.git('add', 'new/redis.conf');
    repo.write('new/redis.conf', WEAK);
    expect(await files(repo.root, '--staged')).toEqual([]);
    expect((await scan(repo.root, '--staged')).code).toBe(0);
  });

  it('follows an include as staged, even when the included file is not staged', async () => {
    const repo = committed({ 'conf/secrets.conf': 'requirepass Zx9-Long-Committed-Secret-1\n', 'conf/redis.conf': 'port 6379\n' });
    repo.write('conf/secrets.conf', CLEAN); // unstaged edit of the include: the commit keeps the old one
    repo.write('conf/redis.conf', 'port 6379\ninclude conf/secrets.conf\n');
    repo.git('add', 'conf/redis.conf');
    const r = await scan(repo.root, '--staged', '--format', 'json', '--fail-on', 'none');
    const findings = JSON.parse(r.stdout).findings as { file: string; ruleId: string }[];
    expect(findings.map((f) => f.ruleId)).toContain('conf-hardcoded-password');
  });

  it('exits 2 with one line outside a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-nogit-'));
    const r = await scan(dir, '--staged');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^redis-auth scan: --staged needs a git repository; .* is not in one\n$/);
    expect(r.stdout).toBe('');
  });
});

describe('scan --changed-since', () => {
  it('scans what the branch changed since the ref', async () => {
    const repo = committed({ 'old/redis.conf': WEAK });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('new/redis.conf', WEAK);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'feature');
    repo.write('wip/redis.conf', WEAK); // untracked work counts too
    expect(await files(repo.root, '--changed-since', 'main')).toEqual(['new/redis.conf', 'wip/redis.conf']);
    expect(await files(repo.root)).toEqual(['new/redis.conf', 'old/redis.conf', 'wip/redis.conf']);
  });

  it('exits 2 with one line for an unknown ref', async () => {
    const repo = committed({ 'a.conf': WEAK });
    const r = await scan(repo.root, '--changed-since', 'origin/nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^redis-auth scan: --changed-since: unknown git ref 'origin\/nope'[^\n]*\n$/);
  });
});

describe('scan --write-baseline / --baseline', () => {
  it('records today, then fails only on what is new', async () => {
    const repo = committed({ 'a/redis.conf': WEAK });
    const written = await scan(repo.root, '--write-baseline', '.redis-auth-baseline.json');
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/recorded 1 finding\(s\) in baseline/);
    const file = join(repo.root, '.redis-auth-baseline.json');
    expect(readFileSync(file, 'utf8')).not.toContain('foobared');
    expect((await scan(repo.root, '--baseline', '.redis-auth-baseline.json')).code).toBe(0);
    repo.write('b/redis.conf', WEAK);
    const r = await scan(repo.root, '--baseline', '.redis-auth-baseline.json', '--format', 'json');
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.findings.map((f: { file: string }) => f.file)).toEqual(['b/redis.conf']);
    expect(body.baseline.baselined.map((f: { file: string }) => f.file)).toEqual(['a/redis.conf']);
    expect(body.baseline.resolved).toEqual([]);
  });

  it('works with --staged: a staged new finding fails, the baselined one does not', async () => {
    const repo = committed({ 'a/redis.conf': WEAK });
    await scan(repo.root, '--write-baseline', 'baseline.json');
    repo.write('a/redis.conf', `# comment moves the line\n${WEAK}`);
    repo.git('add', 'a/redis.conf');
    expect((await scan(repo.root, '--staged', '--baseline', 'baseline.json')).code).toBe(0);
    repo.write('b/redis.conf', WEAK);
    repo.git('add', 'b/redis.conf');
    const r = await scan(repo.root, '--staged', '--baseline', 'baseline.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^b\/redis\.conf$/m);
    // The baselined copy of the same password is not reported; it is named as a related place.
    expect(r.stdout).not.toMatch(/^a\/redis\.conf$/m);
    expect(r.stdout).toContain('↳ a/redis.conf:2:13  the same problem (in the baseline)');
    // Files the staged scan did not look at are not "resolved".
    repo.git('commit', '-q', '-m', 'x');
    repo.write('c/redis.conf', CLEAN);
    repo.git('add', 'c/redis.conf');
    const other = await scan(repo.root, '--staged', '--baseline', 'baseline.json', '--format', 'json');
    expect(JSON.parse(other.stdout).baseline.resolved).toEqual([]);
  });

  it('refuses to write a baseline from a partial (staged or changed-since) scan', async () => {
    const repo = committed({ 'a/redis.conf': WEAK });
    for (const partial of [['--staged'], ['--changed-since', 'main']]) {
      const r = await scan(repo.root, ...partial, '--write-baseline', 'b.json');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('redis-auth scan: --write-baseline records the whole scan; drop --staged / --changed-since\n');
    }
    expect(existsSync(join(repo.root, 'b.json'))).toBe(false);
  });

  it('exits 2 with one line for a missing or broken baseline', async () => {
    const repo = committed({ 'a/redis.conf': WEAK });
    const missing = await scan(repo.root, '--baseline', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^redis-auth scan: cannot read baseline .*nope\.json: no such file \(create it with --write-baseline\)\n$/);
    repo.write('bad.json', '{"findings": 3}');
    const bad = await scan(repo.root, '--baseline', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(join(repo.root, 'nope.json'))).toBe(false);
  });
});
