/**
 * One small repository per layout under fixtures/drift/<name>/, scanned end to end through the
 * scan engine (real scanners, real environment inference and merging), with the drift findings and
 * the matrix's weaker marks it must produce in <name>/expected.json. Adding a case is adding a folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../src/engine/run';
import { buildMatrix } from '../../../src/drift';

const ROOT = join(__dirname, '../../../fixtures/drift');

interface Expected {
  description: string;
  findings: { file: string; line: number; ruleId: string; severity: string }[];
  /** subject -> environment column -> `dimension<stronger environment>` marks. */
  weaker: Record<string, Record<string, string[]>>;
}

const cases = readdirSync(ROOT).filter((n) => statSync(join(ROOT, n)).isDirectory()).sort();

describe('drift fixtures', () => {
  it('cover every layout the issue names', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'compose-override',
        'compose-per-env-folders',
        'compose-prod-drops-auth',
        'dotenv-layering',
        'helm-base-only-auth',
        'helm-clean',
        'helm-custom-environments',
        'helm-environments-dir',
        'helm-shared-secret',
        'helm-values-folder',
        'helm-values-suffix',
        'kustomize-overlays',
        'redis-conf-per-env',
      ]),
    );
  });

  describe.each(cases)('%s', (name) => {
    const dir = join(ROOT, name);
    it('has an expected.json', () => {
      expect(existsSync(join(dir, 'expected.json')), `${name}/expected.json`).toBe(true);
    });
    if (!existsSync(join(dir, 'expected.json'))) return;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const outcome = runScan({ root: dir });
    const drift = outcome.findings.filter((f) => f.category === 'drift');

    it('reports exactly the expected drift findings', () => {
      expect(drift.map((f) => ({ file: f.file, line: f.line, ruleId: f.ruleId, severity: f.severity }))).toEqual(expected.findings);
    });

    it('marks exactly the expected weaker cells in the matrix', () => {
      const matrix = buildMatrix(outcome.facts);
      const marks: Expected['weaker'] = {};
      for (const row of matrix.rows) {
        marks[row.subject] = {};
        for (const [env, cell] of Object.entries(row.cells)) {
          if (cell) marks[row.subject][env] = cell.weaker.map((w) => `${w.dimension}<${w.than}`);
        }
      }
      expect(marks).toEqual(expected.weaker);
    });

    it('names the stronger environment and where it is set, and never prints a literal secret', () => {
      for (const f of drift) {
        if (f.ruleId === 'drift-shared-secret') expect(f.message).toMatch(/`[^`]*\*{4}[^`]*`/);
        else expect(f.message).toMatch(/weaker than [\w ().-]+, which .* \((\S+:\d+|default in .+)\)/);
        expect(f.helpUri).toContain(`docs/rules/${f.ruleId}.md`);
      }
      const literals = outcome.facts.flatMap((fact) => fact.credentials.filter((c) => c.source === 'literal' && c.value && c.value.length > 4).map((c) => c.value!));
      const text = JSON.stringify(drift) + JSON.stringify(buildMatrix(outcome.facts));
      for (const secret of literals) expect(text).not.toContain(secret);
    });
  });
});
