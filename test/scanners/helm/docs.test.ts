import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { helmScanner } from '../../../scanners/helm';
import { kubernetesScanner } from '../../../scanners/kubernetes';
import { CATEGORIES } from '../../../src/core/finding';
import { expectCheckPage } from '../check-docs-page';

const checks = [helmScanner, kubernetesScanner].flatMap((s) => s.checks.map((c) => ({ ...c, scanner: s })));
const DOCS = join(__dirname, '../../../docs/rules');

describe('helm and kubernetes check catalogue', () => {
  it('uses stable prefixed ids, known categories and one-sentence descriptions', () => {
    for (const c of checks) {
      expect(c.id.startsWith(c.scanner.kind === 'helm' ? 'helm-' : 'k8s-')).toBe(true);
      expect(CATEGORIES).toContain(c.category);
      expect(c.description).toMatch(/^[A-Z`].*\.$/);
    }
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s has a docs page matching its metadata', (id, c) => {
    expectCheckPage(id, c);
  });
});

/** The first fenced block after `label:` in a page. */
function firstBlock(text: string, label: 'Incorrect' | 'Correct'): string | undefined {
  return new RegExp(`${label}:\\n\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1];
}

describe('docs examples', () => {
  const { ctx } = createContext(mkdtempSync(join(tmpdir(), 'docs-')));
  it.each(checks.map((c) => [c.id, c] as const))('%s: the incorrect example is reported and the correct one is not', (id, c) => {
    const text = readFileSync(join(DOCS, `${id}.md`), 'utf8');
    const path = c.scanner.kind === 'helm' ? 'values.yaml' : 'manifest.yaml';
    const incorrect = firstBlock(text, 'Incorrect');
    expect(incorrect).toBeDefined();
    expect(c.scanner.detect(path, incorrect!)).toBe(true);
    expect(c.scanner.scan([{ path, absPath: join(ctx.root, path), text: incorrect! }], ctx).findings.map((f) => f.ruleId)).toContain(id);
    const correct = firstBlock(text, 'Correct');
    if (correct !== undefined) {
      expect(c.scanner.scan([{ path, absPath: join(ctx.root, path), text: correct }], ctx).findings.map((f) => f.ruleId)).not.toContain(id);
    }
  });
});
