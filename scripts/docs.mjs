#!/usr/bin/env node
/**
 * Generated docs: the ESLint rule headers and rules list (eslint-doc-generator, from rule `meta`
 * and the configs), and from the check catalogue the header of every docs/checks/<id>.md page and
 * the checks table in docs/scan.md.
 * `node scripts/docs.mjs` writes them; `--check` fails when a page is out of date. Needs `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const require = createRequire(import.meta.url);

const docGenerator = [
  '--path-rule-list', 'docs/eslint-rules.md',
  '--path-rule-doc', 'docs/rules/{name}.md',
  '--rule-doc-title-format', 'name',
  '--rule-list-columns', 'name,description,configsError,configsWarn,hasSuggestions',
  '--config-emoji', 'recommended,✅',
  '--config-emoji', 'strict,🔒',
  '--config-emoji', 'configFiles,📄',
  '--rule-doc-section-options', 'false',
];
const bin = join(root, 'node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js');
let failed = false;
try {
  execFileSync(process.execPath, [bin, ...docGenerator, ...(check ? ['--check'] : [])], { cwd: root, stdio: 'inherit' });
} catch {
  failed = true;
}

const BEGIN = '<!-- begin generated checks table -->';
const END = '<!-- end generated checks table -->';
const { catalog } = require(join(root, 'dist/src/engine/catalog.js'));
const rows = catalog()
  .map((c) => `| [\`${c.id}\`](checks/${c.id}.md) | ${c.category} | ${c.defaultSeverity} | ${c.description.replace(/\|/g, '\\|')} |`)
  .join('\n');
const table = `${BEGIN}\n\n| Check | Category | Default severity | What it reports |\n| --- | --- | --- | --- |\n${rows}\n\n${END}`;
const HEADER_END = '<!-- end generated check header -->';
for (const c of catalog()) {
  const file = join(root, 'docs/checks', `${c.id}.md`);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`docs/checks/${c.id}.md is missing`);
    failed = true;
    continue;
  }
  const header = `# ${c.id}\n\n${c.description}\n\n- Category: \`${c.category}\`\n- Default severity: \`${c.defaultSeverity}\`\n\n${HEADER_END}\n\n`;
  const at = text.indexOf(HEADER_END);
  let rest;
  if (at >= 0) rest = text.slice(at + HEADER_END.length).replace(/^\n+/, '');
  else {
    // A page written before the header was generated: its header ends with the severity line.
    const severity = /^- Default severity:.*\n/m.exec(text);
    rest = (severity ? text.slice(severity.index + severity[0].length) : text.slice(text.indexOf('\n') + 1)).replace(/^\n+/, '');
  }
  const next = header + rest;
  if (next === text) continue;
  if (check) {
    console.error(`docs/checks/${c.id}.md: the header is out of date; run \`npm run docs\``);
    failed = true;
  } else writeFileSync(file, next);
}

const page = join(root, 'docs/scan.md');
const text = readFileSync(page, 'utf8');
const start = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (start < 0 || end < start) {
  console.error(`docs/scan.md: the markers ${BEGIN} / ${END} are missing`);
  process.exit(1);
}
const next = text.slice(0, start) + table + text.slice(end + END.length);
if (next !== text) {
  if (check) {
    console.error('docs/scan.md: the checks table is out of date; run `npm run docs`');
    failed = true;
  } else writeFileSync(page, next);
}
process.exit(failed ? 1 : 0);
