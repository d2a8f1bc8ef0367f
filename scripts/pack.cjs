#!/usr/bin/env node
/**
 * `prepack` / `postpack`: the published package.json carries no `prepare` (a registry install must
 * not build anything, and npm warns about packages with install-time scripts); git checkouts keep
 * it (scripts/prepare.cjs). `node scripts/pack.cjs strip` builds and strips before packing, `restore` puts it back after: the
 * same approach as pinst for husky's postinstall.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'package.json');
const backup = `${file}.pack-backup`;

if (process.argv[2] === 'strip') {
  // Build first; its output goes to stderr so that `npm pack` prints only the tarball's name on
  // stdout (the pre-commit framework up to 3.x reads that name from it).
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: join(__dirname, '..'), stdio: ['ignore', 2, 2] });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const text = readFileSync(file, 'utf8');
  writeFileSync(backup, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (process.argv[2] === 'restore') {
  if (existsSync(backup)) renameSync(backup, file);
} else {
  console.error('usage: node scripts/pack.cjs strip|restore');
  process.exit(2);
}
