/** A throwaway git repository for tests of --staged and --changed-since. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Git's environment without anything inherited from an outer repository or hook. */
export function cleanGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: tmpdir(),
  };
}

export interface TempRepo {
  root: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  remove(path: string): void;
}

export function tempRepo(prefix = 'redis-auth-git-'): TempRepo {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const env = cleanGitEnv();
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return {
    root,
    git,
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    remove(path) {
      rmSync(join(root, path), { force: true });
    },
  };
}
