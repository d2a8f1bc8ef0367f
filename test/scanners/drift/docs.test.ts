/**
 * The drift check pages keep the catalogue's shape, and their examples cannot rot: every fenced
 * block under "Incorrect:" / "Correct:" names its file in a first comment line; the blocks become a
 * small repository, scanned end to end.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftChecks } from '../../../src/drift';
import { runScan } from '../../../src/engine/run';

const DOCS = join(__dirname, '../../../docs/rules');

function blocks(section: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of section.matchAll(/```\w+\n# (\S+)\n([\s\S]*?)```/g)) files[m[1]] = m[2];
  return files;
}

function exampleRepos(text: string): { incorrect: Record<string, string>; correct: Record<string, string> } {
  const incorrect = text.slice(text.indexOf('Incorrect:\n'), text.indexOf('Correct:\n'));
  const rest = text.slice(text.indexOf('Correct:\n'));
  const correct = rest.slice(0, rest.indexOf('\n## '));
  return { incorrect: blocks(incorrect), correct: blocks(correct) };
}

function scan(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-drift-doc-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return runScan({ root }).findings.map((f) => f.ruleId);
}

describe.each(driftChecks.map((c) => [c.id, c] as const))('docs/rules/%s.md', (id, check) => {
  const path = join(DOCS, `${id}.md`);

  it('matches the catalogue and has the usual sections', () => {
    expect(existsSync(path)).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(`# ${id}\n\n${check.description}\n`)).toBe(true);
    expect(text).toContain('- Category: `drift`');
    expect(text).toContain(`- Default severity: \`${check.defaultSeverity}\``);
    for (const section of ['## Why', '## What is checked', '## Examples', '## Fix', '## Suppress']) expect(text).toContain(section);
    expect(text).toContain(`redis-auth-disable-next-line ${id} -- `);
  });

  it('the incorrect example is reported and the correct one is not', () => {
    const { incorrect, correct } = exampleRepos(readFileSync(path, 'utf8'));
    expect(Object.keys(incorrect).length).toBeGreaterThan(1);
    expect(Object.keys(correct).length).toBeGreaterThan(1);
    expect(scan(incorrect)).toContain(id);
    expect(scan(correct)).not.toContain(id);
  });
});
