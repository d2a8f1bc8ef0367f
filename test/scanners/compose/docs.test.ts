import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeScanner } from '../../../scanners/compose';
import { dotenvScanner } from '../../../scanners/dotenv';
import { CATEGORIES } from '../../../src/core/finding';
import { expectCheckPage } from '../check-docs-page';
import { scanTree } from './tree';

const checks = [composeScanner, dotenvScanner].flatMap((s) => s.checks.map((c) => ({ ...c, kind: s.kind })));

describe('compose and dotenv check catalogue', () => {
  it('uses stable prefixed ids, known categories and one-sentence descriptions', () => {
    for (const c of checks) {
      expect(c.id.startsWith(c.kind === 'compose' ? 'compose-' : 'dotenv-')).toBe(true);
      expect(CATEGORIES).toContain(c.category);
      expect(c.description).toMatch(/^[A-Z`$].*\.$/);
    }
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s has a docs page matching its metadata', (id, c) => {
    expectCheckPage(id, c);
  });
});

/** The first fenced block after `label:` in a page. */
function firstBlock(text: string, label: 'Incorrect' | 'Correct'): { lang: string; body: string } | undefined {
  const m = new RegExp(`${label}:\\n\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\`\`\``).exec(text);
  return m ? { lang: m[1], body: m[2] } : undefined;
}

describe('docs examples', () => {
  it.each(checks.map((c) => [c.id, c] as const))('%s: the incorrect example is reported and the correct one is not', (id, c) => {
    const text = readFileSync(join(__dirname, '../../../docs/rules', `${id}.md`), 'utf8');
    for (const label of ['Incorrect', 'Correct'] as const) {
      const block = firstBlock(text, label)!;
      expect(block, label).toBeDefined();
      // A dotenv example may name its file in a first comment line (`# .env.production`).
      const named = /^# (\.env[\w.-]*)/.exec(block.body)?.[1];
      const file = c.kind === 'compose' ? 'docker-compose.yml' : named ?? '.env';
      const scanner = c.kind === 'compose' ? composeScanner : dotenvScanner;
      const ids = scanTree(scanner, { [file]: block.body }).findings.map((f) => f.ruleId);
      if (label === 'Incorrect') expect(ids, label).toContain(id);
      else expect(ids, label).not.toContain(id);
    }
  });
});
