/**
 * The GitHub Action (action.yml): valid against the action metadata schema (SchemaStore's
 * github-action.json, copied to test/data), and its steps, run as a runner would run them in a
 * project with a weak redis.conf, write the SARIF, annotate, and fail on the finding.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, recipeRepo } from '../helpers/recipe-repo';
import { sarifErrors } from '../scanners/format/sarif-validator';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(readFileSync(join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as Action;

describe('action.yml', () => {
  it('is valid against the GitHub Action metadata schema', () => {
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test/data/github-action-schema.json'), 'utf8'));
    expect(schema.$id).toBe('https://json.schemastore.org/github-action.json');
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(action) ? [] : validate.errors).toEqual([]);
    // The schema can fail: a composite step without a shell is refused.
    const broken = structuredClone(action);
    delete broken.runs.steps[1].shell;
    expect(validate(broken)).toBe(false);
  });

  it('installs, scans and uploads in one `uses:`, with current action majors', () => {
    expect(action.runs.using).toBe('composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v4');
    expect(upload.if).toContain('!cancelled()');
    // No input is spliced into a script's text (script injection); they arrive as env.
    for (const step of action.runs.steps) expect(step.run ?? '', step.name).not.toMatch(/\$\{\{\s*inputs\./);
  });

  /** Runs the `run:` steps as the runner does: inputs substituted, GITHUB_ENV/GITHUB_OUTPUT files. */
  function runAction(inputs: Record<string, string>) {
    const repo = recipeRepo();
    repo.write('deploy/redis.conf', 'requirepass foobared\n');
    repo.write('README.md', 'x\n');
    const runner = mkdtempSync(join(tmpdir(), 'redis-auth-runner-'));
    const files = { GITHUB_ENV: join(runner, 'env'), GITHUB_OUTPUT: join(runner, 'output') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
    const expand = (text: string) => text.replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_, name: string) => values[name]);
    const readKv = (file: string) => Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    const results: { name: string; status: number; stdout: string; stderr: string }[] = [];
    for (const step of action.runs.steps) {
      if (!step.run) continue;
      const env = { ...files, ...readKv(files.GITHUB_ENV), GITHUB_ACTION_PATH: PACKAGE_ROOT, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])) };
      const cwd = expand(step['working-directory'] ?? '.');
      // GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`.
      const script = join(runner, `step-${results.length}.sh`);
      writeFileSync(script, step.run);
      const r = repo.sh(`cd '${cwd}' && bash --noprofile --norc -eo pipefail '${script}'`, env);
      results.push({ name: step.name ?? '', ...r });
      if (r.status !== 0) break;
    }
    return { repo, results, outputs: readKv(files.GITHUB_OUTPUT) };
  }

  it('writes the SARIF for the upload, annotates the finding and fails the step', () => {
    const { repo, results, outputs } = runAction({});
    expect(results.map((r) => r.name)).toEqual(['Install redis-auth', 'Scan']);
    const scan = results[1];
    expect(scan.status).toBe(1);
    expect(scan.stdout).toMatch(/^::error file=deploy\/redis\.conf,line=1,.*conf-weak-password/m);
    expect(scan.stderr).toMatch(/redis-auth scan: ✖ 1 problem .*; wrote redis-auth\.sarif/);
    const sarifFile = join(repo.root, outputs['sarif-file']);
    expect(existsSync(sarifFile)).toBe(true);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['conf-weak-password']);
  });

  it('passes with fail-on none, and takes paths and args', () => {
    const { results } = runAction({ 'fail-on': 'none', paths: 'deploy', args: '--quiet' });
    expect(results.map((r) => r.status)).toEqual([0, 0]);
  });
});
