#!/usr/bin/env node
/**
 * `prepack` / `postpack`: the published package.json carries no `prepare` (a registry install must
 * not build anything, and npm warns about packages with install-time scripts); git checkouts keep
 * it (scripts/prepare.cjs). `node scripts/pack.cjs strip` before packing, `restore` after: the
 * same approach as pinst for husky's postinstall.
 */
'use strict';
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'package.json');
const backup = `${file}.pack-backup`;

if (process.argv[2] === 'strip') {
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
