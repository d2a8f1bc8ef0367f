import { describe, expect, it } from 'vitest';
import { kubernetesScanner } from '../../../scanners/kubernetes';
import { brief, casesOf, checkFolders, expectedOf, runCase, sortExpected } from '../helm/fixture-cases';

describe('kubernetes check fixtures', () => {
  const folders = checkFolders('k8s-');
  it('has a folder for every kubernetes check', () => {
    expect(folders).toEqual(kubernetesScanner.checks.map((c) => c.id).sort());
  });
  for (const id of folders) {
    describe(id, () => {
      const cases = casesOf(id, kubernetesScanner);
      it('reports exactly expected.json on the positive cases', () => {
        const actual = cases.filter((c) => c.positive).flatMap((c) => brief(c.prefix, runCase(c, kubernetesScanner).findings, id));
        expect(sortExpected(actual)).toEqual(sortExpected(expectedOf(id)));
      });
      for (const c of cases.filter((x) => x.positive)) {
        it(`${c.name} is flagged`, () => {
          expect(c.files.length).toBeGreaterThan(0);
          expect(brief(c.prefix, runCase(c, kubernetesScanner).findings, id).length).toBeGreaterThan(0);
        });
      }
      for (const c of cases.filter((x) => !x.positive)) {
        it(`${c.name} is not flagged`, () => {
          expect(brief(c.prefix, runCase(c, kubernetesScanner).findings, id)).toEqual([]);
        });
      }
    });
  }
});
