/**
 * Runs the KICS-style check folders (fixtures/checks/<id>/positiveN.yaml, negativeN.yaml, or
 * positiveN/ folders scanned as their own root) through a scanner.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import type { Scanner, ScanResult, SourceFile } from '../../../src/engine/kit/contract';

export const CHECKS_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'checks');

export interface ExpectedFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
}

export interface CheckCase {
  name: string;
  positive: boolean;
  /** Absolute folder scanned as the root. */
  root: string;
  /** Prefix that makes a case's paths relative to the check folder. */
  prefix: string;
  files: SourceFile[];
}

export function checkFolders(prefix: string): string[] {
  return readdirSync(CHECKS_DIR)
    .filter((d) => d.startsWith(prefix) && statSync(join(CHECKS_DIR, d)).isDirectory())
    .sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? walk(abs) : [abs];
  });
}

export function casesOf(checkId: string, scanner: Scanner): CheckCase[] {
  const dir = join(CHECKS_DIR, checkId);
  return readdirSync(dir)
    .filter((n) => /^(positive|negative)\d+/.test(n))
    .sort()
    .map((name) => {
      const abs = join(dir, name);
      const positive = name.startsWith('positive');
      if (statSync(abs).isDirectory()) {
        const files = walk(abs)
          .map((f) => {
            const path = relative(abs, f).split(sep).join('/');
            return { path, absPath: f, text: readFileSync(f, 'utf8') };
          })
          .filter((f) => scanner.detect(f.path, f.text));
        return { name, positive, root: abs, prefix: `${name}/`, files };
      }
      return { name, positive, root: dir, prefix: '', files: [{ path: name, absPath: abs, text: readFileSync(abs, 'utf8') }] };
    });
}

export function runCase(c: CheckCase, scanner: Scanner): ScanResult {
  const { ctx } = createContext(c.root);
  return scanner.scan(c.files, ctx);
}

export function expectedOf(checkId: string): ExpectedFinding[] {
  return JSON.parse(readFileSync(join(CHECKS_DIR, checkId, 'expected.json'), 'utf8')) as ExpectedFinding[];
}

export function brief(prefix: string, findings: ScanResult['findings'], ruleId: string): ExpectedFinding[] {
  return findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({ file: prefix + f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity }));
}

export function sortExpected(list: ExpectedFinding[]): ExpectedFinding[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * The fixture suite of one scanner (helm, kubernetes): a folder for every check, positives report
 * exactly expected.json and each is flagged, negatives are not flagged.
 */
export function describeCheckFixtures(label: string, idPrefix: string, scanner: Scanner): void {
  describe(`${label} check fixtures`, () => {
    const folders = checkFolders(idPrefix);
    it(`has a folder for every ${label} check`, () => {
      expect(folders).toEqual(scanner.checks.map((c) => c.id).sort());
    });
    for (const id of folders) {
      describe(id, () => {
        const cases = casesOf(id, scanner);
        it('reports exactly expected.json on the positive cases', () => {
          const actual = cases.filter((c) => c.positive).flatMap((c) => brief(c.prefix, runCase(c, scanner).findings, id));
          expect(sortExpected(actual)).toEqual(sortExpected(expectedOf(id)));
        });
        for (const c of cases.filter((x) => x.positive)) {
          it(`${c.name} is flagged`, () => {
            expect(c.files.length).toBeGreaterThan(0);
            expect(brief(c.prefix, runCase(c, scanner).findings, id).length).toBeGreaterThan(0);
          });
        }
        for (const c of cases.filter((x) => !x.positive)) {
          it(`${c.name} is not flagged`, () => {
            expect(brief(c.prefix, runCase(c, scanner).findings, id)).toEqual([]);
          });
        }
      });
    }
  });
}
