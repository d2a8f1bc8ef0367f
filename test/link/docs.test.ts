/**
 * The code-to-deployment check pages keep the catalogue's shape, and their examples cannot rot:
 * every fenced block under "Incorrect:" / "Correct:" names its file in a first comment line; the
 * blocks become a small repository, scanned end to end with the source reader.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/engine/run';
import { linkChecks } from '../../src/link';
import { sourceReader } from '../../rules/read-source';
import { expectCheckPage } from '../scanners/check-docs-page';

const DOCS = join(__dirname, '../../docs/rules');

function blocks(section: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of section.matchAll(/```\w+\n(?:#|\/\/) (\S+)\n([\s\S]*?)```/g)) files[m[1]] = m[2];
  return files;
}

function scan(files: Record<string, string>): string[] {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-link-doc-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return runScan({ root, code: sourceReader(root) }).findings.map((f) => f.ruleId);
}

describe.each(linkChecks.map((c) => [c.id, c] as const))('docs/rules/%s.md', (id, check) => {
  const text = readFileSync(join(DOCS, `${id}.md`), 'utf8');

  it('keeps the check page contract', () => {
    expectCheckPage(id, check);
  });

  it('shows an Incorrect repository the scan reports and a Correct one it does not', () => {
    const incorrect = blocks(text.slice(text.indexOf('Incorrect:\n'), text.indexOf('Correct:\n')));
    const rest = text.slice(text.indexOf('Correct:\n'));
    const correct = blocks(rest.slice(0, rest.indexOf('\n## ')));
    expect(Object.keys(incorrect).length).toBeGreaterThan(1);
    expect(Object.keys(correct).length).toBeGreaterThan(1);
    expect(scan(incorrect)).toContain(id);
    expect(scan(correct)).not.toContain(id);
  });
});

it('the deployed-connections rule page names every check it reports', () => {
  const text = readFileSync(join(DOCS, 'deployed-connections.md'), 'utf8');
  expect(text.startsWith('# deployed-connections\n')).toBe(true);
  for (const c of linkChecks) expect(text).toContain(`(${c.id}.md)`);
  expect(text).toContain('deployments: false');
});
