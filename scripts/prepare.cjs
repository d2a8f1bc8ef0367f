#!/usr/bin/env node
/**
 * `prepare`: builds dist/ in a git checkout, which is how the pre-commit framework (and
 * `npm install git+https://…`) install this package. Registry tarballs ship dist/ and carry no
 * `prepare` (scripts/pack.cjs strips it), so registry installs never build anything.
 *
 * npm prepares a git dependency with the parent's `npm_config_*` settings; under `npm install -g`
 * (what pre-commit runs) that is a global install, so the devDependencies, typescript among them,
 * never land in this folder. Then the pinned typescript is fetched into a private folder with a
 * clean npm configuration. Type errors from declarations that are absent then do not stop the emit.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const OUTPUTS = ['dist/src/cli/main.js', 'dist/src/index.js'];

function localTsc() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return undefined;
  }
}

/** npm's own settings of the outer install (global, prefix, install-links…) must not leak in. */
function cleanNpmEnv() {
  const keep = /^npm_config_(cache|registry|proxy|https_proxy|noproxy|strict_ssl|cafile|ca|userconfig)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));
}

function fetchTsc() {
  const { devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'redis-auth-tsc-'));
  const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const args = ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `typescript@${devDependencies.typescript ?? '5'}`];
  const r = spawnSync(npmCli[0], [...npmCli.slice(1), ...args], { cwd: dir, env: cleanNpmEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('eslint-plugin-redis-auth: could not fetch typescript to build dist/ (npm install failed)');
    process.exit(1);
  }
  return { tsc: join(dir, 'node_modules/typescript/bin/tsc'), dir };
}

const local = localTsc();
const fetched = local ? undefined : fetchTsc();
const tsc = local ?? fetched.tsc;
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: local ? 'inherit' : ['ignore', 'ignore', 'inherit'] });
if (fetched) rmSync(fetched.dir, { recursive: true, force: true });
const missing = OUTPUTS.filter((f) => !existsSync(join(root, f)));
if (missing.length > 0 || (local && build.status !== 0)) {
  console.error(`eslint-plugin-redis-auth: build failed${missing.length ? ` (${missing.join(', ')} missing)` : ''}`);
  process.exit(1);
}
