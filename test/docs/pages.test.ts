/**
 * The one docs contract. ESLint rule pages (docs/rules/<name>.md) and scanner/drift check pages
 * (docs/checks/<id>.md) keep their metadata and sections, and their examples cannot rot: every
 * `Incorrect` example is reported by its rule or check and every `Correct` one is not (rule
 * examples through ESLint, check examples through the whole scan engine). Relative links resolve,
 * and the generated parts (rule headers, rules list, checks table) are up to date.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules';
import { buildConfigs } from '../../rules/configs';
import { CATEGORIES } from '../../src/core/finding';
import { ruleDocsUrl } from '../../src/core/docs-url';
import { driftChecks } from '../../src/drift';
import { linkChecks } from '../../src/link';
import { codeReader } from '../../rules/support/read-source';
import plugin from '../../src/index';
import { catalog } from '../../src/engine/catalog';
import type { FileKind } from '../../src/engine/kit/contract';
import { SCANNERS } from '../../src/engine/registry';
import { runScan } from '../../src/engine/run';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const SECTIONS = ['## Why', '## What is checked', '## Examples', '## Fix', '## Suppress'];

/** The id prefix of each file kind's checks. */
const PREFIX: Record<FileKind | 'drift' | 'link', string> = {
  'redis-conf': 'conf-',
  acl: 'acl-',
  sentinel: 'sentinel-',
  compose: 'compose-',
  dotenv: 'dotenv-',
  helm: 'helm-',
  kubernetes: 'k8s-',
  'app-config': 'app-config-',
  drift: 'drift-',
  link: 'app-',
};

/** The file an unnamed example block stands for, by the kind of its check. */
const DEFAULT_FILE: Record<FileKind | 'drift' | 'link', string | undefined> = {
  'redis-conf': 'redis.conf',
  acl: 'users.acl',
  sentinel: 'sentinel.conf',
  compose: 'docker-compose.yml',
  dotenv: '.env',
  helm: 'values.yaml',
  kubernetes: 'manifest.yaml',
  'app-config': undefined,
  drift: undefined,
  link: undefined,
};

const kindOf = new Map<string, FileKind | 'drift' | 'link'>([
  ...SCANNERS.flatMap((s) => s.checks.map((c) => [c.id, s.kind] as const)),
  ...driftChecks.map((c) => [c.id, 'drift'] as const),
  ...linkChecks.map((c) => [c.id, 'link'] as const),
]);

/**
 * The fenced blocks of one example section (`Incorrect:` up to `Correct:`, `Correct:` up to the
 * next heading) as a repository: a block names its file in a first comment line (`# .env.production`,
 * `# deploy/values-prod.yaml`, `// src/cache.js`), otherwise it is the kind's usual file.
 */
function exampleRepo(section: string, fallback: string | undefined): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of section.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
    const named = /^(?:#|\/\/) ([\w./-]+\.[\w-]+|\.env[\w.-]*)(?::|,|\s|$)/.exec(m[2])?.[1];
    const file = named ?? fallback;
    expect(file, `a block in ${section.slice(0, 40)} names no file`).toBeDefined();
    // The naming line is the page's, not the file's (a `//` line would break package.json).
    files[file!] = named ? m[2].slice(m[2].indexOf('\n') + 1) : m[2];
  }
  return files;
}

function scan(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'redis-auth-doc-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  // With the source reader, as `redis-auth scan` reads JS/TS for the code-to-deployment checks.
  // A check folded into another finding of the same problem (src/engine/signal.ts) is still reported, as a related place.
  return runScan({ root: dir, code: codeReader(dir) }).findings.flatMap((f) => [f.ruleId, ...(f.related ?? []).flatMap((r) => (r.ruleId ? [r.ruleId] : []))]);
}

describe('scanner and drift check pages (docs/checks/)', () => {
  const checks = catalog();

  it('has a page for every check and no page without one', () => {
    const pages = readdirSync(join(root, 'docs/checks')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(checks.map((c) => c.id).sort());
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s: id, metadata, sections, suppression, examples', (id, c) => {
    const kind = kindOf.get(id)!;
    // A check several scanners share (src/engine/kit) is named for Redis, not for one file kind.
    const shared = SCANNERS.filter((s) => s.checks.some((x) => x.id === id)).length > 1;
    expect(shared ? id.startsWith('redis-') : id.startsWith(PREFIX[kind])).toBe(true);
    expect(CATEGORIES).toContain(c.category);
    expect(c.description).toMatch(/^[A-Z`$].*\.$/);

    const text = read(`docs/checks/${id}.md`);
    expect(text.startsWith(`# ${id}\n\n${c.description}\n`)).toBe(true);
    expect(text).toContain(`- Category: \`${c.category}\``);
    expect(text).toContain(`- Default severity: \`${c.defaultSeverity}\``);
    for (const section of SECTIONS) expect(text).toContain(`\n${section}\n`);
    // An ACL file has no comment lines: its checks are switched off in the config instead.
    if (kind === 'acl') expect(text).toContain(`"${id}": "off"`);
    else expect(text).toContain(`redis-auth-disable-next-line ${id} -- `);

    const examples = text.slice(text.indexOf('\n## Examples\n'), text.indexOf('\n## ', text.indexOf('\n## Examples\n') + 1));
    const incorrectAt = examples.indexOf('\nIncorrect:');
    const correctAt = examples.indexOf('\nCorrect:');
    expect(incorrectAt).toBeGreaterThanOrEqual(0);
    expect(correctAt).toBeGreaterThan(incorrectAt);
    const incorrect = exampleRepo(examples.slice(incorrectAt, correctAt), DEFAULT_FILE[kind]);
    const correct = exampleRepo(examples.slice(correctAt), DEFAULT_FILE[kind]);
    expect(Object.keys(incorrect).length).toBeGreaterThan(0);
    expect(Object.keys(correct).length).toBeGreaterThan(0);
    expect(scan(incorrect)).toContain(id);
    expect(scan(correct)).not.toContain(id);
    // Redis has no inline comments: a conf example with one would itself be broken.
    for (const [file, body] of Object.entries(correct)) {
      if (/\.(conf|acl)$/.test(file)) for (const line of body.split('\n')) expect(line).not.toMatch(/^\s*[^#\s].*\s#\s/);
    }
  });
});

/** Fenced js/ts blocks under `### Incorrect` / `### Correct` headings. */
function codeExamples(markdown: string): { section: 'Incorrect' | 'Correct'; lang: string; code: string }[] {
  const blocks: { section: 'Incorrect' | 'Correct'; lang: string; code: string }[] = [];
  let section: 'Incorrect' | 'Correct' | undefined;
  for (const m of markdown.matchAll(/^(#{2,3}) (.+)$|^```(\w+)\n([\s\S]*?)^```$/gm)) {
    if (m[1]) section = m[2] === 'Incorrect' || m[2] === 'Correct' ? m[2] : m[1] === '##' ? undefined : section;
    else if (section && /^(js|ts)$/.test(m[3])) blocks.push({ section, lang: m[3], code: m[4] });
  }
  return blocks;
}

describe('ESLint rule pages (docs/rules/)', () => {
  const all = plugin.rules as unknown as Record<string, { meta: { docs?: { description?: string; url?: string; recommended?: boolean } } }>;
  const linter = new Linter({ configType: 'flat' });

  it('has a page for every rule and no page without one', () => {
    const pages = readdirSync(join(root, 'docs/rules')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(Object.keys(all).sort());
  });

  it.each(Object.entries(all))('%s: generated header, sections, and the rule points at it', (name, rule) => {
    const page = read(`docs/rules/${name}.md`);
    expect(page.startsWith(`# ${name}\n\n📝 ${rule.meta.docs?.description}`)).toBe(true);
    expect(page).toContain('<!-- end auto-generated rule header -->');
    expect(rule.meta.docs?.url).toBe(ruleDocsUrl(name));
  });

  it.each(Object.entries(rules))('%s: sections, and examples the rule really reports (correct ones it does not)', (name, rule) => {
    const page = read(`docs/rules/${name}.md`);
    for (const heading of ['## Why', '## What is checked', '## Examples', '### Incorrect', '### Correct', '## Options']) {
      expect(page).toContain(`\n${heading}\n`);
    }
    expect(page).toContain(`- Category: \`${rule.meta.docs?.category}\``);
    const blocks = codeExamples(page);
    expect(blocks.some((b) => b.section === 'Incorrect')).toBe(true);
    expect(blocks.some((b) => b.section === 'Correct')).toBe(true);
    for (const block of blocks) {
      const messages = linter.verify(
        block.code,
        [
          {
            files: ['**/*.js', '**/*.ts'],
            plugins: { 'redis-auth': { rules } as never },
            rules: { [`redis-auth/${name}`]: 'error' },
            languageOptions: block.lang === 'ts' ? { parser: tsParser } : { ecmaVersion: 'latest', sourceType: 'module' },
          },
        ],
        { filename: `src/app.${block.lang}` }, // production tier: the docs show deployed code
      );
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      const count = messages.filter((m) => m.ruleId === `redis-auth/${name}`).length;
      if (block.section === 'Incorrect') expect(count, block.code).toBeGreaterThan(0);
      else expect(count, block.code).toBe(0);
    }
  });

  it('configs.recommended and configs.strict follow meta.docs.recommended', () => {
    const configs = buildConfigs({});
    const enabled = (config: (typeof configs)['recommended']) => Object.keys(config[0].rules ?? {}).sort();
    const names = Object.keys(all).filter((n) => n !== 'config-files').map((n) => `redis-auth/${n}`);
    expect(enabled(configs.recommended)).toEqual(names.filter((n) => all[n.slice('redis-auth/'.length)].meta.docs?.recommended).sort());
    expect(enabled(configs.strict)).toEqual(names.sort());
  });
});

describe('the docs as a whole', () => {
  it('every relative link to a page resolves', () => {
    const pages = ['README.md', ...['docs', 'docs/rules', 'docs/checks', 'docs/recipes'].flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.md')).map((f) => `${d}/${f}`))];
    const broken: string[] = [];
    for (const page of pages) {
      for (const m of read(page).matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)) {
        if (/^https?:/.test(m[1])) continue;
        if (!existsSync(join(root, dirname(page), m[1]))) broken.push(`${page}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the generated rule headers, rules list and checks table are up to date (npm run docs)', () => {
    // npm test builds first; eslint-doc-generator reads the built plugin.
    expect(() => execFileSync(process.execPath, [join(root, 'scripts/docs.mjs'), '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
});
