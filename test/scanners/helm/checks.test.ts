import { describe, expect, it } from 'vitest';
import { helmScanner } from '../../../scanners/helm';
import { brief, casesOf, checkFolders, expectedOf, runCase, sortExpected } from './fixture-cases';

describe('helm check fixtures', () => {
  const folders = checkFolders('helm-');
  it('has a folder for every helm check', () => {
    expect(folders).toEqual(helmScanner.checks.map((c) => c.id).sort());
  });
  for (const id of folders) {
    describe(id, () => {
      const cases = casesOf(id, helmScanner);
      it('reports exactly expected.json on the positive cases', () => {
        const actual = cases.filter((c) => c.positive).flatMap((c) => brief(c.prefix, runCase(c, helmScanner).findings, id));
        expect(sortExpected(actual)).toEqual(sortExpected(expectedOf(id)));
      });
      for (const c of cases.filter((x) => x.positive)) {
        it(`${c.name} is flagged`, () => {
          expect(c.files.length).toBeGreaterThan(0);
          expect(brief(c.prefix, runCase(c, helmScanner).findings, id).length).toBeGreaterThan(0);
        });
      }
      for (const c of cases.filter((x) => !x.positive)) {
        it(`${c.name} is not flagged`, () => {
          expect(brief(c.prefix, runCase(c, helmScanner).findings, id)).toEqual([]);
        });
      }
    });
  }
});
