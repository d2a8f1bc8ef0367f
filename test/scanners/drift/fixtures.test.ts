/**
 * One small repository per layout under fixtures/drift/<name>/, scanned end to end through the
 * scan engine (real scanners, real environment inference and merging), with the drift findings and
 * the matrix's weaker marks it must produce in <name>/expected.json. Adding a case is adding a folder.
 *
 * Each case runs three ways and must give the same answer: from its own root; copied under a
 * folder whose name holds an environment word (`acme-prod-tools/`) and scanned from above; and
 * copied under a folder that IS an environment name (`staging/`) and scanned from above, where the
 * scan root's own name must not count.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runScan, type ScanOutcome } from '../../../src/engine/run';
import { loadConfig } from '../../../src/engine/config';
import { buildMatrix } from '../../../src/drift';
import type { Finding } from '../../../src/core/finding';

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
        // Issue 10: overlays, secret files, external chart values with Sentinel, app config.
        'kustomize-patches',
        'dotenv-secret-files',
        'compose-secret-mounts',
        'helm-sentinel-auth',
        'app-config-environments',
        // Values for charts outside the repository, subcharts as one Redis, throwaway tiers.
        'argo-value-files',
        'flux-values-from',
        'terraform-helm-release',
        'helm-subchart-one-row',
        'helm-relaxed-tiers',
        'helm-unknown-chart-redis-key',
        // Issue 10 value sources: Flux valuesFrom Secret data (SOPS), ApplicationSet generators, chart defaults.
        'flux-values-from-secret-data',
        'argo-appset-generators',
        'argo-app-chart-defaults',
        'argo-app-kustomize-paths',
        // Chart defaults are data: another publisher's chart of the same name has its own.
        'helm-publisher-chart-defaults',
      ]),
    );
  });

  const scratch = mkdtempSync(join(tmpdir(), 'redis-auth-drift-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The case's own root, or a copy under `holder/` scanned from the copy's parent. */
  const layouts: { how: string; holder?: string }[] = [
    { how: 'from its own root' },
    { how: 'from above, under acme-prod-tools/', holder: 'acme-prod-tools' },
    { how: 'from above, under staging/', holder: 'staging' },
  ];

  describe.each(cases)('%s', (name) => {
    const dir = join(ROOT, name);
    it('has an expected.json', () => {
      expect(existsSync(join(dir, 'expected.json')), `${name}/expected.json`).toBe(true);
    });
    if (!existsSync(join(dir, 'expected.json'))) return;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;

    describe.each(layouts)('$how', ({ holder }) => {
      let outcome: ScanOutcome;
      let prefix = '';
      if (!holder) outcome = runScan({ root: dir });
      else {
        const parent = join(scratch, `${name}-${holder}`);
        cpSync(dir, join(parent, holder), { recursive: true });
        prefix = holder;
        // A user scanning from above names the config file; the case's own config still applies.
        outcome = runScan({ root: parent, paths: [holder], config: loadConfig({ root: dir }) });
      }
      const unprefix = (file: string) => (prefix && file.startsWith(`${prefix}/`) ? file.slice(prefix.length + 1) : file);
      const subjectOf = (subject: string) => (prefix ? subject.split(`:${prefix}/`).join(':').split(`:${prefix}#`).join(':.#') : subject);
      const drift: Finding[] = outcome.findings.filter((f) => f.category === 'drift').map((f) => ({ ...f, file: unprefix(f.file) }));

      it('reports exactly the expected drift findings', () => {
        expect(drift.map((f) => ({ file: f.file, line: f.line, ruleId: f.ruleId, severity: f.severity }))).toEqual(expected.findings);
      });

      it('marks exactly the expected weaker cells in the matrix', () => {
        const matrix = buildMatrix(outcome.facts, { environment: outcome.environment });
        const marks: Expected['weaker'] = {};
        for (const row of matrix.rows) {
          expect(row.subject).not.toContain('<env>');
          const subject = subjectOf(row.subject);
          marks[subject] = {};
          for (const [env, cell] of Object.entries(row.cells)) {
            if (cell) marks[subject][env] = cell.weaker.map((w) => `${w.dimension}<${w.than}`);
          }
        }
        expect(marks).toEqual(expected.weaker);
      });

      it('names the stronger environment and where it is set, and never prints a literal secret', () => {
        for (const f of drift) {
          if (f.ruleId === 'drift-shared-secret') expect(f.message).toMatch(/`[^`]*\*{4}[^`]*`/);
          else expect(f.message).toMatch(/weaker than [\w ().-]+, which .* \((\S+:\d+|default in .+)\)/);
          expect(f.helpUri).toContain(`docs/checks/${f.ruleId}.md`);
        }
        const literals = outcome.facts.flatMap((fact) => fact.credentials.filter((c) => c.source === 'literal' && c.value && c.value.length > 4).map((c) => c.value!));
        const text = JSON.stringify(drift) + JSON.stringify(buildMatrix(outcome.facts));
        for (const secret of literals) expect(text).not.toContain(secret);
      });
    });
  });
});
