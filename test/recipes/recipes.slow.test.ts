/**
 * Every recipe in docs/recipes (and docs/recipes.md, built from them) is run here against a
 * real temporary git repository with the built CLI, so none of them rots: the pre-commit hook
 * manifest, the husky hooks, the lint-staged routing, the GitHub Actions and GitLab CI steps, the
 * baseline and --changed-since commands and the editor's ESLint config.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseScanArgs } from '../../src/cli/commands/scan';
import { PACKAGE_ROOT, recipeRepo, type RecipeRepo } from '../helpers/recipe-repo';

// lint-staged matches with micromatch; use the same library (installed with fast-glob).
const micromatch = createRequire(__filename)('micromatch') as (list: string[], glob: string, options: object) => string[];

const read = (path: string) => readFileSync(join(PACKAGE_ROOT, path), 'utf8');

// A weak password (an error for the conf scanner) and a conf that is clean: default user off, a
// named user with a SHA-256 hash.
const WEAK = 'requirepass foobared\n';
/** Another weak password: the same literal in two files would be one grouped finding. */
const OTHER_WEAK = 'requirepass changeme\n';
const CLEAN = `user default off\nuser app on #${createHash('sha256').update('x').digest('hex')} ~* +@all\n`;

/** Every `redis-auth ...` command line in a text (docs, YAML `run:` / `script:` blocks). */
function redisAuthCommands(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s'"`(])(?:npx (?:--no -- )?)?redis-auth (scan[^\n`'|;]*)/gm)) out.push(m[1].trim());
  return out;
}

/** Shell-like split of a command line (quotes, no expansion). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function commit(repo: RecipeRepo, message: string): void {
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', message);
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parseYaml(read('.pre-commit-hooks.yaml')) as Record<string, unknown>[];
  const hook = hooks.find((h) => h.id === 'redis-auth')!;

  it('declares the redis-auth hook the way the pre-commit framework reads it', () => {
    expect(hook).toMatchObject({ id: 'redis-auth', entry: 'redis-auth scan --staged', language: 'node', pass_filenames: false });
    expect(typeof hook.name).toBe('string');
    const files = new RegExp(String(hook.files));
    for (const name of ['redis.conf', 'deploy/values-prod.yaml', 'docker-compose.yml', '.env', 'app/.env.production', 'users.acl', 'x.env']) {
      expect(files.test(name), name).toBe(true);
    }
    for (const name of ['src/index.ts', 'README.md', 'environment.ts']) expect(files.test(name), name).toBe(false);
    // The package ships the manifest.
    expect(JSON.parse(read('package.json')).files).toContain('.pre-commit-hooks.yaml');
  });

  it("entry blocks a commit whose staged content is weak, whatever the working tree says", () => {
    const repo = recipeRepo();
    // pre-commit puts the installed package's bin on PATH for `language: node` hooks.
    const hookEnv = { PATH: `${join(repo.root, 'node_modules/.bin')}:${repo.env.PATH}` };
    repo.write('redis.conf', CLEAN);
    commit(repo, 'init');
    repo.write('redis.conf', WEAK);
    repo.git('add', 'redis.conf');
    repo.write('redis.conf', CLEAN); // fixed on disk, not staged
    const blocked = repo.sh(String(hook.entry), hookEnv);
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('conf-weak-password');
    // The reverse: staged fixed, working tree broken.
    repo.git('add', 'redis.conf');
    repo.write('redis.conf', WEAK);
    expect(repo.sh(String(hook.entry), hookEnv)).toMatchObject({ status: 0 });
  });

  it('recipes in docs/recipes/pre-commit use that hook id, or run the same command locally', () => {
    const remote = parseYaml(read('docs/recipes/pre-commit/.pre-commit-config.yaml'));
    const ids = remote.repos.flatMap((r: { hooks: { id: string }[] }) => r.hooks.map((h) => h.id));
    expect(ids).toContain(hook.id);
    const local = parseYaml(read('docs/recipes/pre-commit/local.pre-commit-config.yaml'));
    const localHook = local.repos[0].hooks[0];
    expect(localHook).toMatchObject({ language: 'system', pass_filenames: false, files: hook.files });
    const repo = recipeRepo();
    repo.write('cache/redis.conf', WEAK);
    repo.git('add', '.');
    expect(repo.sh(localHook.entry).status).toBe(1);
    repo.write('cache/redis.conf', CLEAN);
    repo.git('add', '.');
    expect(repo.sh(localHook.entry).status).toBe(0);
  });
});

describe('husky', () => {
  it('the pre-commit hook stops `git commit` on a staged weak password (real git hook, real npx)', () => {
    const repo = recipeRepo();
    repo.write('README.md', 'x\n');
    commit(repo, 'init');
    // husky v9 runs .husky/<hook> with sh through core.hooksPath; do the same.
    const hooks = join(repo.root, '.hooks');
    mkdirSync(hooks);
    writeFileSync(join(hooks, 'pre-commit'), `#!/bin/sh\n${read('docs/recipes/husky/pre-commit')}`);
    chmodSync(join(hooks, 'pre-commit'), 0o755);
    repo.git('config', 'core.hooksPath', hooks);
    const realNpx = { PATH: process.env.PATH };
    repo.write('redis.conf', WEAK);
    repo.git('add', 'redis.conf');
    const blocked = repo.sh('git commit -q -m weak', realNpx);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('conf-weak-password');
    repo.write('redis.conf', CLEAN);
    repo.git('add', 'redis.conf');
    expect(repo.sh('git commit -q -m clean', realNpx)).toMatchObject({ status: 0 });
  });

  it('lint-staged routes staged JS/TS to ESLint and config files to one staged scan', async () => {
    expect(read('docs/recipes/husky/pre-commit-lint-staged')).toMatch(/^npx --no -- lint-staged$/m);
    const config = (await import(pathToFileURL(join(PACKAGE_ROOT, 'docs/recipes/husky/lint-staged.config.mjs')).href)).default as Record<
      string,
      string | ((files: string[]) => string)
    >;
    const repo = recipeRepo();
    // The ESLint page's config, as printed (the CI tests use docs/recipes/editor's).
    const editorSection = read('docs/eslint-rules.md').split('## Editor: warnings in config files')[1];
    const readmeConfig = /```js\n([\s\S]*?)```/.exec(editorSection)![1];
    expect(readmeConfig).toContain('configs.configFiles');
    repo.write('eslint.config.mjs', readmeConfig);
    repo.write('src/cache.js', "import Redis from 'ioredis';\nexport const redis = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });\n");
    repo.write('deploy/redis.conf', WEAK);
    repo.write('.env.production', 'LOG_LEVEL=info\n');
    repo.git('add', '.');
    const staged = repo.git('diff', '--cached', '--name-only').trim().split('\n');
    // lint-staged's matching: micromatch, dot files included, basename match for patterns without '/'.
    const tasks: string[] = [];
    for (const [glob, task] of Object.entries(config)) {
      const matched = micromatch(staged, glob, { dot: true, matchBase: !glob.includes('/'), posixSlashes: true, strictBrackets: true });
      if (matched.length === 0) continue;
      tasks.push(typeof task === 'function' ? task(matched) : `${task} ${matched.join(' ')}`);
    }
    expect(tasks).toEqual(['eslint --max-warnings=0 eslint.config.mjs src/cache.js', 'redis-auth scan --staged']);
    const eslint = repo.sh(`npx ${tasks[0]}`);
    expect(eslint.stderr).toBe('');
    expect(eslint.status).toBe(0);
    // And the same command on a staged file with a committed password fails the commit.
    repo.write('src/bad.js', "import Redis from 'ioredis';\nexport const r = new Redis({ host: 'cache', password: 'Zq7-Committed-Redis-Pw' });\n");
    const bad = repo.sh(`npx ${tasks[0].replace(/ \S+ \S+$/, ' src/bad.js')}`);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('redis-auth/no-hardcoded-credentials');
    expect(bad.stdout).not.toContain('Zq7-Committed-Redis-Pw');
    const scan = repo.sh(`npx ${tasks[1]}`);
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain('deploy/redis.conf');
  });
});

/** A CI checkout: main has an old problem, the branch adds a new one. */
function ciRepo(): RecipeRepo {
  const repo = recipeRepo({ origin: true });
  repo.write('eslint.config.mjs', read('docs/recipes/editor/eslint.config.mjs'));
  repo.write('legacy/redis.conf', WEAK);
  repo.write('prod/redis.conf', CLEAN);
  commit(repo, 'main');
  repo.git('push', '-q', 'origin', 'main');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('cache/redis.conf', OTHER_WEAK);
  commit(repo, 'feature');
  return repo;
}

/** The steps of a GitHub Actions job as shell text, with expressions replaced for one event. */
function githubSteps(event: 'push' | 'pull_request'): { name: string; run?: string; uses?: string; with?: Record<string, unknown> }[] {
  const workflow = parseYaml(read('docs/recipes/github-actions/redis-auth.yml'));
  const steps = workflow.jobs['redis-auth'].steps as { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown> }[];
  return steps
    .filter((s) => !s.if || s.if === '${{ !cancelled() }}' || s.if.includes(`'${event}'`))
    .map((s) => ({ ...s, name: s.name ?? s.uses ?? s.run ?? '', run: s.run?.replace(/\$\{\{ github\.base_ref \}\}/g, 'main') }));
}

describe('GitHub Actions recipe', () => {
  const workflow = parseYaml(read('docs/recipes/github-actions/redis-auth.yml'));

  it('is a workflow with the permissions and history the steps need', () => {
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = workflow.jobs['redis-auth'].steps;
    expect(steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/checkout@v\d+$/), with: { 'fetch-depth': 0 } });
    const upload = steps.find((s: { uses?: string }) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    const sarifStep = steps.find((s: { run?: string }) => s.run?.includes('--format sarif'));
    expect(parseScanArgs(words(redisAuthCommands(sarifStep.run)[0]).slice(1)).output).toBe(upload.with.sarif_file);
    // Once the SARIF is written, no failing step may skip the others.
    for (const step of steps.slice(steps.indexOf(sarifStep) + 1)) expect(step.if, step.name).toContain('!cancelled()');
  });

  it('pull request: the SARIF covers everything, the gate only what the branch changed', () => {
    const repo = ciRepo();
    const ran: string[] = [];
    for (const step of githubSteps('pull_request')) {
      if (!step.run || step.run.startsWith('npm ci')) continue;
      const result = repo.sh(step.run);
      ran.push(step.name);
      if (step.run.includes('eslint')) {
        // configs.configFiles warns in the config files too; warnings do not fail the step.
        expect(result.stdout).toContain('conf-weak-password');
        expect(result.status).toBe(0);
      } else if (step.run.includes('--changed-since')) {
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/^::error file=cache\/redis\.conf,line=1,/m);
        expect(result.stdout).not.toContain('legacy/redis.conf');
      } else {
        expect(result.status).toBe(0);
      }
    }
    // The SARIF is written before anything can fail, and every check step survives a failure.
    expect(ran).toHaveLength(3);
    expect(ran[0]).toMatch(/SARIF|sarif|Scan/);
    const sarif = JSON.parse(readFileSync(join(repo.root, 'redis-auth.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const files = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(files.sort()).toEqual(['cache/redis.conf', 'legacy/redis.conf']);
  });

  it('push: the gate passes once today\'s findings are in the baseline, and fails on a new one', () => {
    const repo = ciRepo();
    const gate = githubSteps('push').find((s) => s.run?.includes('.redis-auth-baseline.json'))!.run!;
    expect(repo.sh(gate).status).toBe(1);
    expect(repo.sh('npx redis-auth scan --write-baseline .redis-auth-baseline.json').status).toBe(0);
    expect(repo.sh(gate)).toMatchObject({ status: 0, stdout: '' });
    repo.write('more/redis.conf', WEAK);
    const fresh = repo.sh(gate);
    expect(fresh.status).toBe(1);
    expect(fresh.stdout).toMatch(/^::error file=more\/redis\.conf/m);
    expect(fresh.stdout).not.toContain('cache/redis.conf');
  });
});

describe('GitLab CI recipe', () => {
  const pipeline = parseYaml(read('docs/recipes/gitlab-ci/gitlab-ci.yml'));
  const job = pipeline['redis-auth'];

  it('uploads the Code Quality report it writes, even when the gate fails', () => {
    expect(job.artifacts.when).toBe('always');
    const report = job.artifacts.reports.codequality;
    const command = (job.script as string[]).flatMap(redisAuthCommands).find((c) => c.includes('--format gitlab'))!;
    expect(parseScanArgs(words(command).slice(1))).toMatchObject({ format: 'gitlab', output: report, failOn: 'none' });
    expect(job.variables.GIT_DEPTH).toBe(0);
  });

  for (const mergeRequest of [true, false]) {
    it(`runs its script ${mergeRequest ? 'in a merge request' : 'on the default branch'}`, () => {
      const repo = ciRepo();
      const script = (job.script as string[]).filter((line) => !line.startsWith('npm ci'));
      // The report comes before any line that can fail the job.
      expect(script.findIndex((l) => l.includes('--format gitlab'))).toBe(0);
      const env = mergeRequest ? { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' } : { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: '' };
      const result = repo.sh(['set -e', ...script].join('\n'), env);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('cache/redis.conf');
      // The gate's own summary (ESLint's has no notes): the branch's file only in a merge request.
      const gate = /✖ (\d+) problems? \(\d+ errors?, \d+ warnings?, \d+ notes?\)/.exec(result.stdout);
      expect(Number(gate?.[1])).toBe(mergeRequest ? 1 : 2);
      const issues = JSON.parse(readFileSync(join(repo.root, job.artifacts.reports.codequality), 'utf8'));
      expect(issues.map((i: { location: { path: string } }) => i.location.path).sort()).toEqual(['cache/redis.conf', 'legacy/redis.conf']);
      for (const issue of issues) expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
    });
  }
});

describe('README and recipe pages', () => {
  const pages = [
    'README.md',
    ...['eslint-rules', 'scan', 'drift', 'verify', 'recipes', 'configuration', 'developing'].map((p) => `docs/${p}.md`),
    ...['pre-commit', 'husky', 'github-actions', 'gitlab-ci', 'baseline', 'editor'].map((p) => `docs/recipes/${p}.md`),
  ];

  it('exist, and every redis-auth command in them has valid options', () => {
    let count = 0;
    for (const page of pages) {
      expect(existsSync(join(PACKAGE_ROOT, page)), page).toBe(true);
      for (const command of redisAuthCommands(read(page))) {
        const argv = words(command.replace(/\$\{?[A-Za-z_]+\}?|\$\{\{[^}]*\}\}/g, 'main')).slice(1);
        expect(() => parseScanArgs(argv), `${page}: redis-auth ${command}`).not.toThrow();
        count++;
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it('link only to files that exist', () => {
    for (const page of pages) {
      // README.md sits at the root: its links are root-relative.
      const dir = page.includes('/') ? page.slice(0, page.lastIndexOf('/')) : '.';
      for (const m of read(page).matchAll(/\]\((?!https?:|#)([^)#]+)(#[^)]*)?\)/g)) {
        expect(existsSync(join(PACKAGE_ROOT, dir, m[1])), `${page} -> ${m[1]}`).toBe(true);
      }
    }
  });

  it('the baseline recipe works as written: adopt, then only new findings fail', () => {
    const repo = recipeRepo();
    repo.write('a/redis.conf', WEAK);
    repo.write('b/redis.conf', WEAK);
    commit(repo, 'init');
    const commands = redisAuthCommands(read('docs/recipes/baseline.md'));
    const write = commands.find((c) => c.includes('--write-baseline'))!;
    const check = commands.find((c) => c.includes('--baseline ') && !c.includes('--format'))!;
    expect(repo.sh(`npx redis-auth ${write}`).status).toBe(0);
    const baseline = readFileSync(join(repo.root, '.redis-auth-baseline.json'), 'utf8');
    expect(baseline).not.toContain('foobared');
    expect(repo.sh(`npx redis-auth ${check}`).status).toBe(0);
    // Lines move: still known. A new copy elsewhere: new. One fixed: resolved.
    repo.write('a/redis.conf', `# moved\nport 6379\n${WEAK}`);
    repo.write('b/redis.conf', CLEAN);
    repo.write('c/redis.conf', WEAK);
    const after = repo.sh(`npx redis-auth ${check} --format json`);
    expect(after.status).toBe(1);
    const body = JSON.parse(after.stdout);
    expect(body.findings.map((f: { file: string }) => f.file)).toEqual(['c/redis.conf']);
    expect(body.baseline.baselined.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['a/redis.conf:3']);
    expect(body.baseline.resolved.map((e: { file: string }) => e.file)).toEqual(['b/redis.conf']);
    const text = repo.sh(`npx redis-auth ${check}`);
    expect(text.stdout).toMatch(/1 known finding in baseline \.redis-auth-baseline\.json; 1 resolved/);
  });
});
