import { describe, it } from 'vitest';
import { appConfigChecks } from '../../../scanners/app-config/checks';
import { expectCheckPage } from '../check-docs-page';

describe('app-config check pages', () => {
  it.each(appConfigChecks.map((c) => [c.id, c] as const))('docs/rules/%s.md keeps the contract', (id, c) => {
    expectCheckPage(id, c);
  });
});
