/**
 * Runs a KICS-style check folder (fixtures/checks/<id>/): single-file cases `positiveN.*` /
 * `negativeN.*` are scanned alone with the check folder as root; folder cases `positiveN/` are
 * scanned as their own root (every file the scanner detects). Paths in results are relative to the
 * check folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import type { Scanner, SourceFile } from '../../../src/engine/kit/contract';
import type { Diagnostic, Finding } from '../../../src/core/finding';
import type { RedisFact } from '../../../src/core/facts';

export interface CaseResult {
  name: string;
  positive: boolean;
  findings: Finding[];
  facts: RedisFact[];
  diagnostics: Diagnostic[];
}

const CASE = /^(positive|negative)\d+/;

export function runCase(checkDir: string, name: string, scanner: Scanner): CaseResult {
  const full = join(checkDir, name);
  const folder = statSync(full).isDirectory();
  const { ctx, diagnostics: readDiagnostics } = createContext(folder ? full : checkDir);
  let files: SourceFile[];
  if (folder) {
    files = ctx
      .glob('**/*')
      .map((p) => ctx.readFile(p))
      .filter((f): f is SourceFile => f !== undefined && scanner.detect(f.path, f.text));
  } else {
    files = [ctx.readFile(name)!];
  }
  const result = scanner.scan(files, ctx);
  const prefix = (p: string) => (folder ? `${name}/${p}` : p);
  return {
    name,
    positive: name.startsWith('positive'),
    findings: result.findings.map((f) => ({ ...f, file: prefix(f.file) })),
    facts: result.facts,
    diagnostics: [...readDiagnostics, ...result.diagnostics],
  };
}

export function casesOf(checkDir: string): string[] {
  return readdirSync(checkDir)
    .filter((n) => CASE.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The fields expected.json lists. */
export function brief(f: Finding): { file: string; line: number; column: number; ruleId: string; severity: string } {
  return { file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity };
}

const ROOT = join(__dirname, '../../../fixtures/checks');

/**
 * The fixture suite of one scanner (compose, dotenv): every check has a folder `<idPrefix>…`,
 * positives report exactly expected.json, negatives stay quiet, and no case has diagnostics,
 * a missing docs link or anchor, or prints a secret whole.
 */
export function describeCheckFixtures(label: string, idPrefix: string, scanner: Scanner): void {
  const ids = readdirSync(ROOT).filter((d) => d.startsWith(idPrefix));

  describe(`${label} check fixtures`, () => {
    it(`has a fixture folder for every ${label} check, and no folder without a check`, () => {
      expect(ids.sort()).toEqual(scanner.checks.map((c) => c.id).sort());
    });

    for (const id of ids) {
      describe(id, () => {
        const dir = join(ROOT, id);
        const cases = casesOf(dir).map((c) => runCase(dir, c, scanner));

        it('reports exactly the expected findings for the positive cases', () => {
          const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
          const actual = cases.filter((c) => c.positive).flatMap((c) => c.findings.filter((f) => f.ruleId === id).map(brief));
          expect(actual).toEqual(expected);
          expect(expected.length).toBeGreaterThan(0);
        });

        for (const c of cases.filter((x) => !x.positive)) {
          it(`stays quiet on ${c.name}`, () => {
            expect(c.findings.filter((f) => f.ruleId === id).map(brief)).toEqual([]);
          });
        }

        it('reads every case without diagnostics, and never prints a secret whole', () => {
          for (const c of cases) {
            expect(c.diagnostics).toEqual([]);
            for (const f of c.findings) {
              expect(f.helpUri).toMatch(new RegExp(`/docs/rules/${f.ruleId}\\.md$`));
              // A stable, secret-free anchor for baselines.
              expect(f.anchor, `${f.file}:${f.line}`).toMatch(/\S/);
              for (const cred of c.facts.flatMap((x) => x.credentials)) {
                if (cred.source === 'literal' && cred.value && cred.value.length >= 12) {
                  expect(f.message).not.toContain(cred.value);
                  expect(f.anchor).not.toContain(cred.value);
                }
              }
            }
          }
        });
      });
    }
  });
}
