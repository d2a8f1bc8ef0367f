/**
 * ESLint `--cache` with configs.configFiles: a finding that depends on another file (here an
 * `include`) must not stay stale when only that other file changes (see rules/config-files/cache-key.ts).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, PACKAGE_ROOT } from '../scanners/cli/built-cli';
import { materialize } from './hostile-inputs';

beforeAll(() => buildOnce());

async function lint(root: string, file = 'redis.conf'): Promise<string[]> {
  const require = createRequire(join(PACKAGE_ROOT, 'package.json'));
  // Fresh modules per run, as each `eslint --cache` invocation is a fresh process.
  for (const key of Object.keys(require.cache)) if (key.includes(`${PACKAGE_ROOT}/dist/`)) delete require.cache[key];
  const { ESLint } = require('eslint') as typeof import('eslint');
  const plugin = require(join(PACKAGE_ROOT, 'dist', 'src', 'index.js'));
  const eslint = new ESLint({ cwd: root, cache: true, cacheLocation: join(root, '.eslintcache'), overrideConfigFile: true, overrideConfig: [...plugin.configs.configFiles] });
  // `eslint` runs in the project folder; the key covers the files under the working directory.
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const [result] = await eslint.lintFiles([file]);
    return result.messages.map((m) => /\((conf-[a-z-]+)\)/.exec(m.message)?.[1] ?? m.message);
  } finally {
    process.chdir(cwd);
  }
}

describe('ESLint --cache and findings that depend on another file', () => {
  it('lints a config file again when a file it includes changes', async () => {
    const root = materialize({ 'redis.conf': 'port 6379\nappendonly yes\ninclude other.conf\n', 'other.conf': 'maxmemory 1gb\n' });
    expect(await lint(root)).toEqual(['conf-no-auth']);
    writeFileSync(join(root, 'other.conf'), 'maxmemory 1gb\nrequirepass Xk9vT4mZ2pL7wK3s\n');
    expect(await lint(root)).toEqual([]);
  });

  it('run from a parent folder, keys on the project below it: its includes and its own config', async () => {
    const parent = materialize({
      'proj/redis.conf': 'port 6379\nappendonly yes\ninclude other.conf\n',
      'proj/other.conf': 'maxmemory 1gb\n',
      'proj/redis-auth.config.json': '{}\n',
    });
    expect(await lint(parent, 'proj/redis.conf')).toEqual(['conf-no-auth']);
    writeFileSync(join(parent, 'proj/redis-auth.config.json'), JSON.stringify({ rules: { 'conf-no-auth': 'off' } }));
    expect(await lint(parent, 'proj/redis.conf')).toEqual([]);
    writeFileSync(join(parent, 'proj/redis-auth.config.json'), '{}\n');
    expect(await lint(parent, 'proj/redis.conf')).toEqual(['conf-no-auth']);
    writeFileSync(join(parent, 'proj/other.conf'), 'maxmemory 1gb\nrequirepass Xk9vT4mZ2pL7wK3s\n');
    expect(await lint(parent, 'proj/redis.conf')).toEqual([]);
  });

  it('run from a folder inside a configured project, keys on the whole project', async () => {
    const root = materialize({
      'redis-auth.config.json': '{}\n',
      'deploy/redis.conf': 'port 6379\nappendonly yes\n',
      'shared/other.conf': 'maxmemory 1gb\n',
    });
    expect(await lint(join(root, 'deploy'))).toEqual(['conf-no-auth']);
    writeFileSync(join(root, 'redis-auth.config.json'), JSON.stringify({ rules: { 'conf-no-auth': 'off' } }));
    expect(await lint(join(root, 'deploy'))).toEqual([]);
  });
});
