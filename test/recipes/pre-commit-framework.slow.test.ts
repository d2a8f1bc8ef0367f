/**
 * The hook as pre-commit users get it: the real pre-commit framework installs this repository from
 * a git URL at a tag (`language: node`: `npm install -g git+file://<clone>`, which runs `prepare`
 * with no devDependencies present) and runs it on `git commit`. A staged weak password is blocked;
 * a clean commit passes. Needs `pre-commit` >= 3.2 on PATH (`pip install pre-commit`) and the npm
 * registry (or a warm npm cache) for the hook's install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cleanGitEnv } from '../helpers/git-repo';
import { PACKAGE_ROOT } from '../helpers/recipe-repo';

const WEAK = 'requirepass foobared\n';
const CLEAN = 'user default off\nuser app on #2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 ~* +@all\n';

function preCommitVersion(): string {
  const r = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  const version = /pre-commit (\d+\.\d+\.\d+)/.exec(r.stdout ?? '')?.[1];
  if (!version) throw new Error('pre-commit is not installed: `pip install pre-commit` (>= 3.2), then run the slow suite again');
  return version;
}

/** This checkout's files (tracked and new, not ignored) as a fresh repository tagged v0.1.0. */
function hookRepository(base: string, env: NodeJS.ProcessEnv): string {
  const dir = join(base, 'eslint-plugin-redis-auth');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PACKAGE_ROOT })
    .toString('utf8')
    .split('\0')
    .filter((f) => f && !f.startsWith('dist/') && !f.startsWith('node_modules/'));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      copyFileSync(join(PACKAGE_ROOT, file), join(dir, file));
    } catch {
      // Deleted in the working tree but still in the index.
    }
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'release');
  git('tag', 'v0.1.0');
  return dir;
}

describe('pre-commit framework', () => {
  it('installs the hook from a git tag and blocks a staged weak password, then lets a clean commit through', () => {
    const version = preCommitVersion();
    const [major, minor] = version.split('.').map(Number);
    expect(major > 3 || (major === 3 && minor >= 2), version).toBe(true);
    const hooks = parseYaml(execFileSync('git', ['show', 'HEAD:.pre-commit-hooks.yaml'], { cwd: PACKAGE_ROOT }).toString('utf8')) as { minimum_pre_commit_version: string }[];
    expect(hooks[0].minimum_pre_commit_version).toBe('3.2.0');

    const base = mkdtempSync(join(tmpdir(), 'redis-auth-pre-commit-'));
    const env: NodeJS.ProcessEnv = {
      ...cleanGitEnv(),
      PRE_COMMIT_HOME: join(base, 'cache'),
      // A warm npm cache keeps the install short; the registry fills in what it lacks.
      npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
    };
    const hookRepo = hookRepository(base, env);

    const project = join(base, 'project');
    mkdirSync(project);
    const sh = (script: string) => spawnSync('sh', ['-c', script], { cwd: project, env, encoding: 'utf8', timeout: 540_000 });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project, env, stdio: 'pipe' }).toString('utf8');
    git('init', '-q', '-b', 'main');
    git('config', 'commit.gpgsign', 'false');
    // The recipe's config, pointed at the local clone instead of GitHub.
    const recipe = execFileSync('git', ['show', 'HEAD:docs/recipes/pre-commit/.pre-commit-config.yaml'], { cwd: PACKAGE_ROOT }).toString('utf8');
    const config = parseYaml(recipe) as { repos: { repo: string; rev?: string; hooks: { id: string }[] }[] };
    const remote = config.repos.find((r) => r.repo.startsWith('https://github.com/'))!;
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: v0.1.0\n    hooks:\n      - id: ${remote.hooks[0].id}\n`);
    writeFileSync(join(project, 'README.md'), 'x\n');
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', 'init');
    expect(sh('pre-commit install').status).toBe(0);

    writeFileSync(join(project, 'redis.conf'), WEAK);
    git('add', 'redis.conf');
    const blocked = sh('git commit -m weak');
    expect(blocked.stdout + blocked.stderr).toContain('conf-weak-password');
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).not.toContain('foobared');

    writeFileSync(join(project, 'redis.conf'), CLEAN);
    git('add', 'redis.conf');
    const clean = sh('git commit -m clean');
    expect(clean.stdout + clean.stderr).toMatch(/redis-auth \(Redis auth in staged configs\)\.+Passed/);
    expect(clean.status).toBe(0);
  });
});

describe('npm pack (what the registry gets)', () => {
  it('ships dist/ and a package.json without prepare, and leaves the checkout as it was', () => {
    const base = mkdtempSync(join(tmpdir(), 'redis-auth-pack-'));
    const dir = hookRepository(base, cleanGitEnv());
    symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const before = readFileSync(join(dir, 'package.json'), 'utf8');
    const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', base], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    expect(packed.status, packed.stderr).toBe(0);
    const json = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
    const files = (json[0].files as { path: string }[]).map((f) => f.path);
    for (const f of ['dist/src/cli/main.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'LICENSE', 'README.md', '.pre-commit-hooks.yaml']) expect(files, f).toContain(f);
    const tarball = join(base, json[0].filename);
    const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json']).toString('utf8'));
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(before);
  });
});
