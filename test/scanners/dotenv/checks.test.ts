import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dotenvScanner } from '../../../scanners/dotenv';
import { brief, casesOf, runCase } from '../compose/check-fixtures';

const ROOT = join(__dirname, '../../../fixtures/checks');
const ids = readdirSync(ROOT).filter((d) => d.startsWith('dotenv-'));

describe('dotenv check fixtures', () => {
  it('has a fixture folder for every dotenv check, and no folder without a check', () => {
    expect(ids.sort()).toEqual(dotenvScanner.checks.map((c) => c.id).sort());
  });

  for (const id of ids) {
    describe(id, () => {
      const dir = join(ROOT, id);
      const cases = casesOf(dir).map((c) => runCase(dir, c, dotenvScanner));

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
