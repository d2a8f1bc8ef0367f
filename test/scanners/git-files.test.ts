import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/engine/kit/context';
import { changedSince, GitError, stagedSnapshot, withoutCredentials } from '../../src/cli/git-files';
import { cleanGitEnv, tempRepo } from '../helpers/git-repo';

// The module inherits the environment on purpose (hooks set GIT_INDEX_FILE); tests must not
// pick up an outer repository's variables.
beforeAll(() => {
  for (const [k, v] of Object.entries(cleanGitEnv())) process.env[k] = v;
  for (const k of Object.keys(process.env)) if (k.startsWith('GIT_') && !(k in cleanGitEnv())) delete process.env[k];
});

describe('stagedSnapshot', () => {
  it('returns the index content of staged files, not the working tree', () => {
    const repo = tempRepo();
    repo.write('README.md', 'hello\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'init');
    // Staged: a weak password; working tree: fixed afterwards but not staged.
    repo.write('config/redis.conf', 'requirepass foobared\n');
    repo.git('add', 'config/redis.conf');
    repo.write('config/redis.conf', 'aclfile /etc/redis/users.acl\n');
    // The reverse: staged fixed, working tree broken.
    repo.write('sentinel.conf', 'sentinel monitor m 10.0.0.1 6379 2\nsentinel auth-pass m ${SENTINEL_PASS}\n');
    repo.git('add', 'sentinel.conf');
    repo.write('sentinel.conf', 'sentinel monitor m 10.0.0.1 6379 2\n');
    // Not staged at all: not part of the commit, not listed.
    repo.write('unstaged.conf', 'requirepass foobared\n');

    const snap = stagedSnapshot(repo.root);
    expect(snap.files).toEqual(['config/redis.conf', 'sentinel.conf']);
    expect(snap.readOverride('config/redis.conf')).toBe('requirepass foobared\n');
    expect(snap.readOverride('./sentinel.conf')).toContain('auth-pass');
    // Tracked but unchanged files are read from the index too (includes, Chart.yaml...).
    repo.write('README.md', 'edited, unstaged\n');
    expect(snap.readOverride('README.md')).toBe('hello\n');
    // Untracked paths fall back to the working tree.
    expect(snap.readOverride('unstaged.conf')).toBeUndefined();
    expect(snap.diagnostics).toEqual([]);
    expect(snap.repository.length).toBeGreaterThan(0);
  });

  it('skips files deleted in the index and works before the first commit', () => {
    const repo = tempRepo();
    repo.write('a.conf', 'requirepass a\n');
    repo.write('b.conf', 'requirepass b\n');
    repo.git('add', '.');
    expect(stagedSnapshot(repo.root).files).toEqual(['a.conf', 'b.conf']);
    repo.git('commit', '-q', '-m', 'init');
    repo.git('rm', '-q', '--cached', 'a.conf');
    repo.write('b.conf', 'requirepass c\n');
    repo.git('add', 'b.conf');
    repo.git('mv', 'b.conf', 'c.conf');
    const snap = stagedSnapshot(repo.root);
    expect(snap.files).toEqual(['c.conf']);
    expect(snap.readOverride('c.conf')).toBe('requirepass c\n');
    expect(snap.readOverride('a.conf')).toBeUndefined();
  });

  it('limits files to the scan root and reports paths relative to it', () => {
    const repo = tempRepo();
    repo.write('deploy/redis/redis.conf', 'requirepass x\n');
    repo.write('other/redis.conf', 'requirepass y\n');
    repo.git('add', '.');
    const snap = stagedSnapshot(join(repo.root, 'deploy'));
    expect(snap.files).toEqual(['redis/redis.conf']);
    expect(snap.readOverride('redis/redis.conf')).toBe('requirepass x\n');
  });

  it('turns binary and non-UTF-8 staged content into diagnostics, keeps odd names intact', () => {
    const repo = tempRepo();
    repo.write('bin.conf', '\u0000\u0001binary');
    repo.write('caf\u00e9 redis.conf', 'requirepass x\n');
    repo.write('huge.conf', `requirepass x\n${'#'.repeat(MAX_FILE_BYTES)}\n`);
    repo.git('add', '.');
    const snap = stagedSnapshot(repo.root);
    expect(snap.files).toEqual(['caf\u00e9 redis.conf']);
    expect(snap.diagnostics).toEqual([
      { file: 'bin.conf', message: 'staged content: binary file; skipped' },
      { file: 'huge.conf', message: 'staged content larger than 1 MiB; skipped' },
    ]);
  });

  it('says so in one line outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-nogit-'));
    expect(() => stagedSnapshot(dir)).toThrow(GitError);
    expect(() => stagedSnapshot(dir)).toThrow(/^--staged needs a git repository; .* is not in one$/);
  });
});

describe('changedSince', () => {
  function branchRepo() {
    const repo = tempRepo();
    repo.write('base.conf', 'requirepass base\n');
    repo.write('gone.conf', 'requirepass gone\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.conf', 'requirepass feature\n');
    repo.remove('gone.conf');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'feature');
    // main moves on after the branch was cut: not this branch's change.
    repo.git('checkout', '-q', 'main');
    repo.write('main-only.conf', 'requirepass main\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'main moves');
    repo.git('checkout', '-q', 'feature');
    // Uncommitted work counts: a staged file, an unstaged edit, an untracked file; ignored ones do not.
    repo.write('staged.conf', 'requirepass s\n');
    repo.git('add', 'staged.conf');
    repo.write('base.conf', 'requirepass edited\n');
    repo.write('new/untracked.conf', 'requirepass u\n');
    repo.write('.gitignore', 'ignored.conf\n');
    repo.write('ignored.conf', 'requirepass i\n');
    return repo;
  }

  it('lists what the branch changed since it left the ref, plus uncommitted and untracked files', () => {
    const repo = branchRepo();
    const result = changedSince(repo.root, 'main');
    expect(result.files).toEqual(['.gitignore', 'base.conf', 'feature.conf', 'new/untracked.conf', 'staged.conf']);
    expect(result.base).toBe(repo.git('rev-parse', 'main~1').trim());
  });

  it('accepts commits and relative refs, and limits paths to the scan root', () => {
    const repo = branchRepo();
    expect(changedSince(repo.root, 'HEAD').files).toEqual(['.gitignore', 'base.conf', 'new/untracked.conf', 'staged.conf']);
    expect(changedSince(join(repo.root, 'new'), 'main').files).toEqual(['untracked.conf']);
  });

  it('explains unknown refs, option-like refs and missing repositories in one line', () => {
    const repo = branchRepo();
    expect(() => changedSince(repo.root, 'origin/nope')).toThrow(/^--changed-since: unknown git ref 'origin\/nope'/);
    expect(() => changedSince(repo.root, '--output=/tmp/x')).toThrow(/^--changed-since needs a git ref/);
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-nogit-'));
    expect(() => changedSince(dir, 'main')).toThrow(/^--changed-since needs a git repository; .* is not in one$/);
  });

  it('explains unrelated histories (a shallow clone in CI)', () => {
    const repo = branchRepo();
    repo.git('checkout', '-q', '--orphan', 'lonely');
    repo.git('commit', '-q', '-m', 'orphan');
    expect(() => changedSince(repo.root, 'main')).toThrow(/no common history \(a shallow clone\? fetch with fetch-depth: 0\)/);
  });
});

describe('withoutCredentials', () => {
  it('drops user and token from a remote URL before it goes into a report', () => {
    expect(withoutCredentials('https://x-access-token:ghs_abc123@github.com/acme/shop.git')).toBe('https://github.com/acme/shop');
    expect(withoutCredentials('git@github.com:acme/shop.git')).toBe('github.com:acme/shop');
    expect(withoutCredentials('ssh://git@host:22/acme/shop')).toBe('ssh://host:22/acme/shop');
    expect(withoutCredentials('https://github.com/acme/shop')).toBe('https://github.com/acme/shop');
  });
});
