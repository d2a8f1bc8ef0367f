/**
 * Keeps each rule page in shape and its examples honest: every `Incorrect` code block must be
 * reported by its rule, every `Correct` block must not be.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules';
import { docsUrl } from '../../src/core/docs-url';

const root = resolve(__dirname, '../..');

interface Block {
  section: 'Incorrect' | 'Correct';
  lang: string;
  code: string;
}

function examples(markdown: string): Block[] {
  const blocks: Block[] = [];
  let section: Block['section'] | undefined;
  const fence = /^(#{2,3}) (.+)$|^```(\w+)\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(fence)) {
    if (m[1]) section = m[2] === 'Incorrect' || m[2] === 'Correct' ? m[2] : m[1] === '##' ? undefined : section;
    else if (section && /^(js|ts)$/.test(m[3])) blocks.push({ section, lang: m[3], code: m[4] });
  }
  return blocks;
}

const linter = new Linter({ configType: 'flat' });

describe.each(Object.entries(rules))('docs/rules/%s.md', (name, rule) => {
  const page = readFileSync(join(root, 'docs/rules', `${name}.md`), 'utf8');

  it('has the sections every rule page has, and the rule points at it', () => {
    expect(page.startsWith(`# ${name}\n`)).toBe(true);
    for (const heading of ['## Why', '## What is checked', '## Examples', '### Incorrect', '### Correct', '## Options']) {
      expect(page).toContain(`\n${heading}\n`);
    }
    expect(page).toContain(`- Category: \`${rule.meta.docs?.category}\``);
    expect(rule.meta.docs?.url).toBe(docsUrl(name));
  });

  it('shows examples that the rule really reports, and correct ones it does not', () => {
    const blocks = examples(page);
    expect(blocks.some((b) => b.section === 'Incorrect')).toBe(true);
    expect(blocks.some((b) => b.section === 'Correct')).toBe(true);
    for (const block of blocks) {
      const config: Linter.Config[] = [
        {
          files: ['**/*.js', '**/*.ts'],
          plugins: { 'redis-auth': { rules } as never },
          rules: { [`redis-auth/${name}`]: 'error' },
          languageOptions: block.lang === 'ts' ? { parser: tsParser as never } : { ecmaVersion: 'latest', sourceType: 'module' },
        },
      ];
      const messages = linter.verify(block.code, config, { filename: `src/example.${block.lang}` });
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      const count = messages.filter((m) => m.ruleId === `redis-auth/${name}`).length;
      if (block.section === 'Incorrect') expect(count, block.code).toBeGreaterThan(0);
      else expect(count, block.code).toBe(0);
    }
  });
});
