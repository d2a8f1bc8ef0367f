/**
 * KICS-style fixture folders: fixtures/checks/<check-id>/positiveN… and negativeN… (a file, or a
 * folder scanned as its own root), with expected.json listing exactly the findings of that id.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { aclScanner, redisConfScanner, sentinelScanner } from '../../../scanners/redis-conf';
import type { Finding } from '../../../src/core/finding';
import type { Scanner, SourceFile } from '../../../src/engine/kit/contract';

const CHECKS_DIR = join(__dirname, '../../../fixtures/checks');
const SCANNERS: Scanner[] = [sentinelScanner, redisConfScanner, aclScanner];
const OUR_IDS = new Set(SCANNERS.flatMap((s) => s.checks.map((c) => c.id)));

interface Expected {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
}

/** Scans one case root the way discovery would: each file goes to the first scanner that claims it. */
function scanCase(root: string, paths: string[]): { findings: Finding[]; claimed: number; secrets: string[] } {
  const { ctx } = createContext(root);
  const byScanner = new Map<Scanner, SourceFile[]>();
  let claimed = 0;
  for (const p of paths) {
    const file = ctx.readFile(p);
    if (!file) continue;
    const scanner = SCANNERS.find((s) => s.detect(file.path, file.text));
    if (!scanner) continue;
    claimed++;
    byScanner.set(scanner, [...(byScanner.get(scanner) ?? []), file]);
  }
  const results = [...byScanner].map(([scanner, files]) => scanner.scan(files, ctx));
  const findings = results.flatMap((r) => r.findings);
  // Every literal credential the scan saw, to check that no message prints one whole.
  const secrets = results.flatMap((r) => r.facts.flatMap((f) => f.credentials.map((c) => c.value ?? ''))).filter((v) => v.length > 4 && !v.startsWith('$'));
  return { findings, claimed, secrets };
}

function runCase(checkDir: string, entry: string): { findings: Finding[]; claimed: number; secrets: string[] } {
  const abs = join(checkDir, entry);
  if (statSync(abs).isDirectory()) {
    const paths = fg.sync('**/*', { cwd: abs, dot: true, onlyFiles: true }).sort();
    const result = scanCase(abs, paths);
    return { ...result, findings: result.findings.map((f) => ({ ...f, file: `${entry}/${f.file}` })) };
  }
  return scanCase(checkDir, [entry]);
}

const checkIds = readdirSync(CHECKS_DIR).filter((id) => OUR_IDS.has(id));

describe('fixture folders', () => {
  it('cover every check id of the conf, ACL and sentinel scanners', () => {
    expect(new Set(checkIds)).toEqual(OUR_IDS);
  });

  describe.each(checkIds)('%s', (checkId) => {
    const checkDir = join(CHECKS_DIR, checkId);
    const entries = readdirSync(checkDir).filter((e) => /^(positive|negative)\d+/.test(e));
    const expected: Expected[] = JSON.parse(readFileSync(join(checkDir, 'expected.json'), 'utf8'));

    it('has positive and negative cases', () => {
      expect(entries.some((e) => e.startsWith('positive'))).toBe(true);
      expect(entries.some((e) => e.startsWith('negative'))).toBe(true);
    });

    it.each(entries.filter((e) => e.startsWith('positive')))('%s reports exactly the expected findings', (entry) => {
      const { findings, claimed } = runCase(checkDir, entry);
      expect(claimed).toBeGreaterThan(0);
      const actual = findings
        .filter((f) => f.ruleId === checkId)
        .map((f) => ({ file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity }));
      const mine = expected.filter((e) => e.file === entry || e.file.startsWith(`${entry}/`));
      expect(mine.length).toBeGreaterThan(0);
      const order = (a: Expected, b: Expected) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
      expect(actual.sort(order)).toEqual(mine.sort(order));
    });

    it.each(entries)('%s never prints a password in full', (entry) => {
      const { findings, secrets } = runCase(checkDir, entry);
      for (const f of findings) for (const secret of secrets) expect(f.message).not.toContain(secret);
    });

    it.each(entries.filter((e) => e.startsWith('negative')))('%s reports nothing for this check', (entry) => {
      const { findings } = runCase(checkDir, entry);
      expect(findings.filter((f) => f.ruleId === checkId)).toEqual([]);
    });
  });
});
