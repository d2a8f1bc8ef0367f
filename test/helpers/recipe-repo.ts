/**
 * A project that uses eslint-plugin-redis-auth the way the recipes say: the package (this
 * checkout, built) in node_modules, its bin on node_modules/.bin, a git history with an
 * `origin`. Commands run through `sh` with a stand-in `npx` that resolves node_modules/.bin like
 * the real one (the real npx costs ~2 s a call; one test runs it for real).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cleanGitEnv } from './git-repo';

export const PACKAGE_ROOT = resolve(__dirname, '../..');
export const BUILT_CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface RecipeRepo {
  root: string;
  env: NodeJS.ProcessEnv;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  /** Runs shell text in the repository, like a CI step or a hook. */
  sh(script: string, env?: NodeJS.ProcessEnv): RunResult;
}

/** Installs the built package into `root/node_modules` (symlinked) with its bin and ESLint's. */
function installPackage(root: string, shims: string): void {
  if (!existsSync(BUILT_CLI)) throw new Error(`build first (npm run build): ${BUILT_CLI} is missing`);
  const bin = join(root, 'node_modules/.bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(PACKAGE_ROOT, join(root, 'node_modules/eslint-plugin-redis-auth'));
  symlinkSync(join(PACKAGE_ROOT, 'dist/src/cli/main.js'), join(bin, 'redis-auth'));
  symlinkSync(join(PACKAGE_ROOT, 'node_modules/eslint/bin/eslint.js'), join(bin, 'eslint'));
  chmodSync(BUILT_CLI, 0o755);
  // The stand-in npx: drop npx's own options, run the local bin, never download anything.
  mkdirSync(shims, { recursive: true });
  writeFileSync(
    join(shims, 'npx'),
    [
      '#!/bin/sh',
      'while [ $# -gt 0 ]; do case "$1" in --) shift; break;; -*) shift;; *) break;; esac; done',
      'cmd="$1"; shift',
      'dir="$PWD"',
      'while [ "$dir" != "/" ]; do',
      '  if [ -x "$dir/node_modules/.bin/$cmd" ]; then exec "$dir/node_modules/.bin/$cmd" "$@"; fi',
      '  dir=$(dirname "$dir")',
      'done',
      'echo "npx: $cmd not installed" >&2; exit 127',
      '',
    ].join('\n'),
  );
  chmodSync(join(shims, 'npx'), 0o755);
}

export function recipeRepo(options: { origin?: boolean } = {}): RecipeRepo {
  const base = mkdtempSync(join(tmpdir(), 'redis-auth-recipe-'));
  const root = join(base, 'project');
  const shims = join(base, 'shims');
  const env: NodeJS.ProcessEnv = { ...cleanGitEnv(), PATH: `${shims}:${process.env.PATH}`, npm_config_offline: 'true' };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  if (options.origin) {
    // A bare "origin" and a clone of it, as a CI runner has.
    const origin = join(base, 'origin.git');
    git(base, 'init', '-q', '--bare', '-b', 'main', origin);
    git(base, 'clone', '-q', origin, root);
    git(root, 'checkout', '-q', '-b', 'main');
  } else {
    mkdirSync(root);
    git(root, 'init', '-q', '-b', 'main');
  }
  git(root, 'config', 'commit.gpgsign', 'false');
  installPackage(root, shims);
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n');
  return {
    root,
    env,
    git: (...args) => git(root, ...args),
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    sh(script, extra = {}) {
      const r = spawnSync('sh', ['-c', script], { cwd: root, env: { ...env, ...extra }, encoding: 'utf8' });
      return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
