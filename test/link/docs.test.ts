/** The deployed-connections rule page links every code-to-deployment check it reports. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { linkChecks } from '../../src/link';

it('the deployed-connections rule page names every check it reports', () => {
  const text = readFileSync(join(__dirname, '../../docs/rules/deployed-connections.md'), 'utf8');
  for (const c of linkChecks) expect(text).toContain(`(../checks/${c.id}.md)`);
  expect(text).toContain('deployments: false');
});
