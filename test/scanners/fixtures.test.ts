/**
 * The generic KICS-style runner: every folder fixtures/checks/<check-id>/ holds positiveN / negativeN
 * cases (a file, or a folder scanned as its own root) and expected.json, the exact findings of that
 * check id in the positive cases (paths relative to the check folder). Each case goes through the
 * whole engine (discovery, detection, every scanner, drift, config, suppression), so a case also
 * proves that its file is claimed by the right scanner. New folders are picked up as they appear.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/engine/catalog';
import { runScan, type ScanOutcome } from '../../src/engine/run';
import { SCANNERS } from '../../src/engine/registry';
import type { Scanner } from '../../src/engine/kit/contract';
import { SEVERITIES } from '../../src/core/finding';

const CHECKS_DIR = join(__dirname, '../../fixtures/checks');

interface Expected {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
}

const byPosition = (a: Expected, b: Expected) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);

/**
 * A folder case is its own root. A file case is scanned alone with the check folder as root
 * (siblings stay readable, as in the scanners' own runners); when its name (`positive1.yaml`)
 * lets no scanner claim it, it is offered to the scanner that owns the check first.
 */
function scanCase(checkDir: string, checkId: string, entry: string): { outcome: ScanOutcome; prefix: string } {
  const abs = join(checkDir, entry);
  if (statSync(abs).isDirectory()) return { outcome: runScan({ root: abs }), prefix: `${entry}/` };
  const outcome = runScan({ root: checkDir, only: [entry] });
  const owner = SCANNERS.find((s) => s.checks.some((c) => c.id === checkId));
  if (outcome.filesScanned > 0 || !owner) return { outcome, prefix: '' };
  const claimCase: Scanner = { ...owner, detect: (path, text) => path === entry || owner.detect(path, text) };
  return { outcome: runScan({ root: checkDir, only: [entry], scanners: [claimCase, ...SCANNERS.filter((s) => s !== owner)] }), prefix: '' };
}

function brief(outcome: ScanOutcome, prefix: string, ruleId: string): Expected[] {
  return outcome.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({ file: prefix + f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity }));
}

const checkIds = existsSync(CHECKS_DIR)
  ? readdirSync(CHECKS_DIR)
      .filter((d) => statSync(join(CHECKS_DIR, d)).isDirectory())
      .sort()
  : [];

describe('fixtures/checks', () => {
  it('has a folder for every file-kind scanner check (drift has its own fixtures/drift)', () => {
    const fileKindChecks = SCANNERS.flatMap((s) => s.checks.map((c) => c.id));
    expect(fileKindChecks.filter((id) => !checkIds.includes(id))).toEqual([]);
  });

  it('names only known check ids, each folder with expected.json', () => {
    const known = new Set(catalog().map((c) => c.id));
    expect(checkIds.filter((id) => !known.has(id))).toEqual([]);
    expect(checkIds.filter((id) => !existsSync(join(CHECKS_DIR, id, 'expected.json')))).toEqual([]);
  });

  describe.each(checkIds)('%s', (checkId) => {
    const checkDir = join(CHECKS_DIR, checkId);
    const entries = readdirSync(checkDir)
      .filter((e) => /^(positive|negative)\d+/.test(e))
      .sort();
    const positives = entries.filter((e) => e.startsWith('positive'));
    const negatives = entries.filter((e) => e.startsWith('negative'));
    const expectedFile = join(checkDir, 'expected.json');
    const expected: Expected[] = existsSync(expectedFile) ? JSON.parse(readFileSync(expectedFile, 'utf8')) : [];

    it('has positive and negative cases and a well-formed expected.json', () => {
      expect(positives.length).toBeGreaterThan(0);
      expect(negatives.length).toBeGreaterThan(0);
      for (const e of expected) {
        expect(e.ruleId).toBe(checkId);
        expect(SEVERITIES).toContain(e.severity);
        expect(positives.some((p) => e.file === p || e.file.startsWith(`${p}/`))).toBe(true);
      }
    });

    it.each(positives)('%s: exactly the expected findings, through the whole engine', (entry) => {
      const { outcome, prefix } = scanCase(checkDir, checkId, entry);
      expect(outcome.filesScanned).toBeGreaterThan(0);
      const mine = expected.filter((e) => e.file === entry || e.file.startsWith(`${entry}/`));
      expect(mine.length).toBeGreaterThan(0);
      expect(brief(outcome, prefix, checkId).sort(byPosition)).toEqual([...mine].sort(byPosition));
    });

    it.each(negatives)('%s: no finding of this check', (entry) => {
      const { outcome, prefix } = scanCase(checkDir, checkId, entry);
      expect(brief(outcome, prefix, checkId)).toEqual([]);
    });
  });
});
