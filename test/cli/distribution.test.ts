/** What users meet before running anything: links that resolve, package metadata, the license. */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absoluteDocLinks, checkDocsUrl, REPOSITORY_URL, ruleDocsUrl } from '../../src/core/docs-url';
import { formatOutcome } from '../../src/cli/format';
import { catalog } from '../../src/engine/catalog';
import plugin from '../../src/index';

const ROOT = join(__dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return filesUnder(rel, ext);
    return ext.test(name) ? [rel] : [];
  });
}

const PAGES = ['README.md', '.pre-commit-hooks.yaml', ...filesUnder('docs', /\.(md|ya?ml|mjs)$|^pre-commit/)];

describe('one home for the public addresses', () => {
  it('package.json points at the repository in src/core/docs-url.ts', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY_URL}.git` });
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
  });

  it('every link to the project in the README, docs and hook manifest starts with it', () => {
    const owner = new URL(REPOSITORY_URL).pathname.split('/')[1];
    for (const page of PAGES) {
      for (const [url] of read(page).matchAll(new RegExp(`https://github\\.com/${owner}/[^\\s)'"\`>]*`, 'g'))) {
        expect(url.startsWith(REPOSITORY_URL), `${page}: ${url}`).toBe(true);
      }
    }
  });

  it('every ESLint rule links its page there', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) expect(rule.meta?.docs?.url, name).toBe(ruleDocsUrl(name));
  });

  it('SARIF: informationUri, helpUri and help.markdown with absolute links only', () => {
    const outcome = { findings: [], suppressed: [], diagnostics: [], facts: [], filesScanned: 0, filesConsidered: 0 };
    const log = JSON.parse(formatOutcome('sarif', outcome, { checks: catalog() }));
    const driver = log.runs[0].tool.driver;
    expect(driver.informationUri).toBe(REPOSITORY_URL);
    let withHelp = 0;
    for (const rule of driver.rules) {
      expect(rule.helpUri).toBe(checkDocsUrl(rule.id));
      if (!rule.help.markdown) continue;
      withHelp++;
      for (const [, target] of rule.help.markdown.matchAll(/\]\(([^)\s]+)\)/g)) expect(target, `${rule.id}: ${target}`).toMatch(/^https:\/\//);
    }
    expect(withHelp).toBe(catalog().length);
  });

  it('absoluteDocLinks resolves page-relative links against the page', () => {
    const page = checkDocsUrl('conf-no-auth');
    expect(absoluteDocLinks('[a](acl-load-error.md) [b](../scan.md#reference) [c](#why) [d](https://x.org/y)', page)).toBe(
      `[a](${checkDocsUrl('acl-load-error')}) [b](${REPOSITORY_URL}/blob/main/docs/scan.md#reference) [c](${page}#why) [d](https://x.org/y)`,
    );
  });
});

describe('package', () => {
  it('ships an MIT LICENSE file, as package.json declares', () => {
    expect(JSON.parse(read('package.json')).license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n[\s\S]*Permission is hereby granted, free of charge/);
  });

  it('registry installs build nothing: only a git checkout prepares, and packing strips it', () => {
    const { scripts } = JSON.parse(read('package.json'));
    expect(scripts.prepare).toBe('node scripts/prepare.cjs');
    expect(scripts.prepack).toBe('node scripts/pack.cjs strip');
    expect(scripts.postpack).toBe('node scripts/pack.cjs restore');
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(scripts[hook], hook).toBeUndefined();
  });

  it('the docs run the installed command, never whatever npx would fetch under that name', () => {
    for (const page of PAGES) {
      expect(read(page), page).not.toMatch(/npx redis-auth/);
    }
    expect(read('README.md')).toContain('npx --no -- redis-auth scan');
    expect(existsSync(join(ROOT, 'docs/developing.md'))).toBe(true);
  });
});
