/**
 * The one fixture runner, KICS style: every folder fixtures/checks/<check-id>/ holds positiveN /
 * negativeN cases and expected.json, the exact findings of that check in the positive cases
 * (paths relative to the check folder, with the anchor baselines rely on). A case is a file named
 * as its tool names it, scanned the way `redis-auth scan <file>` does, or a folder scanned as its
 * own root. Each goes through the whole engine (discovery, routing by name and content, every
 * scanner, drift, config, suppression), and nothing is forced: the scanner that owns the check
 * must claim the case itself, unless unclaimed.json names the case and says why no scanner should.
 * A case reads without diagnostics, except those diagnostics.json lists for it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, SEVERITIES } from '../../src/core/finding';
import { isKnownWeak, judgeSecret } from '../../src/core/secrets';
import { checkDocsUrl } from '../../src/core/docs-url';
import { catalog } from '../../src/engine/catalog';
import { runScan, type ScanOutcome } from '../../src/engine/run';
import { SCANNERS } from '../../src/engine/registry';

const CHECKS_DIR = join(__dirname, '../../fixtures/checks');

interface Expected {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  anchor: string;
}

const byPosition = (a: Expected, b: Expected) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);

function scanCase(checkDir: string, entry: string): { outcome: ScanOutcome; prefix: string } {
  const abs = join(checkDir, entry);
  if (statSync(abs).isDirectory()) return { outcome: runScan({ root: abs }), prefix: `${entry}/` };
  // Named on the command line: scanned whatever its name (a `.conf.template` too), siblings readable.
  return { outcome: runScan({ root: checkDir, paths: [entry] }), prefix: '' };
}

/**
 * The check's findings, and the places where it was folded into another finding of the same
 * problem (src/engine/signal.ts), listed with severity `related`.
 */
function brief(outcome: ScanOutcome, prefix: string, ruleId: string): Expected[] {
  const own = outcome.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({ file: prefix + f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity, anchor: f.anchor ?? '' }));
  const folded = outcome.findings.flatMap((f) =>
    (f.related ?? [])
      .filter((r) => r.ruleId === ruleId)
      .map((r) => ({ file: prefix + r.file, line: r.line, column: r.column, ruleId, severity: 'related', anchor: r.anchor ?? '' })),
  );
  return [...own, ...folded];
}

const readJson = <T,>(file: string, fallback: T): T => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback);

const checkIds = readdirSync(CHECKS_DIR)
  .filter((d) => statSync(join(CHECKS_DIR, d)).isDirectory())
  .sort();

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
    // A check of the scanner kit (redis-unmodeled) belongs to every scanner that reports it.
    const owners: string[] = SCANNERS.filter((s) => s.checks.some((c) => c.id === checkId)).map((s) => s.kind);
    const entries = readdirSync(checkDir)
      .filter((e) => /^(positive|negative)\d+/.test(e))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const positives = entries.filter((e) => e.startsWith('positive'));
    const negatives = entries.filter((e) => e.startsWith('negative'));
    const expected = readJson<Expected[]>(join(checkDir, 'expected.json'), []);
    const unclaimed = readJson<Record<string, string>>(join(checkDir, 'unclaimed.json'), {});
    const diagnostics = readJson<Record<string, string[]>>(join(checkDir, 'diagnostics.json'), {});
    const results = new Map<string, ReturnType<typeof scanCase>>();
    const resultOf = (entry: string) => {
      if (!results.has(entry)) results.set(entry, scanCase(checkDir, entry));
      return results.get(entry)!;
    };

    it('has positive and negative cases, a well-formed expected.json and unclaimed.json', () => {
      expect(owners.length, 'a scanner owns the check').toBeGreaterThan(0);
      expect(positives.length).toBeGreaterThan(0);
      expect(negatives.length).toBeGreaterThan(0);
      for (const e of expected) {
        expect(Object.keys(e).sort()).toEqual(['anchor', 'column', 'file', 'line', 'ruleId', 'severity']);
        expect(e.ruleId).toBe(checkId);
        expect([...SEVERITIES, 'related']).toContain(e.severity);
        expect(e.anchor).toMatch(/\S/);
        expect(positives.some((p) => e.file === p || e.file.startsWith(`${p}/`))).toBe(true);
      }
      for (const entry of Object.keys(diagnostics)) expect(entries).toContain(entry);
      for (const [entry, why] of Object.entries(unclaimed)) {
        expect(negatives, 'only negatives can be unclaimed').toContain(entry);
        expect(why).toMatch(/\S{3}/);
      }
    });

    it.each(entries)('%s: claimed by its scanner (or unclaimed on purpose), no diagnostics, helpUri, anchor, masked', (entry) => {
      const { outcome } = resultOf(entry);
      const kinds = (outcome.files ?? []).flatMap((f) => (f.scanner ? [f.scanner] : []));
      if (unclaimed[entry]) expect(kinds.filter((k) => owners.includes(k)), unclaimed[entry]).toEqual([]);
      else expect(kinds.some((k) => owners.includes(k)), `claimed by ${owners.join(' or ')}`).toBe(true);
      expect(outcome.diagnostics.map(formatDiagnostic)).toEqual(diagnostics[entry] ?? []);
      // Passwords a reader could use (a `${VAR}` taken literally is public text, a dictionary word is prose).
      const secret = (v: string) => v.length >= 8 && !isKnownWeak(v) && ['literal', 'weak', 'placeholder'].includes(judgeSecret(v, 'none').kind);
      const literals = outcome.facts.flatMap((x) => x.credentials).flatMap((c) => (c.source === 'literal' && c.value && secret(c.value) ? [c.value] : []));
      for (const f of outcome.findings) {
        expect(f.helpUri).toBe(checkDocsUrl(f.ruleId));
        // A stable, secret-free anchor for baselines.
        expect(f.anchor, `${f.file}:${f.line}`).toMatch(/\S/);
        for (const secret of literals) {
          expect(f.message).not.toContain(secret);
          expect(f.anchor).not.toContain(secret);
        }
      }
    });

    it.each(positives)('%s: exactly the expected findings', (entry) => {
      const { outcome, prefix } = resultOf(entry);
      const mine = expected.filter((e) => e.file === entry || e.file.startsWith(`${entry}/`));
      expect(mine.length).toBeGreaterThan(0);
      expect(brief(outcome, prefix, checkId).sort(byPosition)).toEqual([...mine].sort(byPosition));
    });

    it.each(negatives)('%s: no finding of this check', (entry) => {
      const { outcome, prefix } = resultOf(entry);
      expect(brief(outcome, prefix, checkId)).toEqual([]);
    });
  });
});
