/** The contract a scanner check's docs page keeps with its CheckMeta (compose, dotenv, helm, kubernetes). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CheckMeta } from '../../src/engine/kit/contract';

const DOCS = join(__dirname, '../../docs/rules');

/** Asserts docs/rules/<id>.md exists, opens with the id and description, states category and severity, has every section and a suppression example. */
export function expectCheckPage(id: string, c: CheckMeta): void {
  const path = join(DOCS, `${id}.md`);
  expect(existsSync(path)).toBe(true);
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith(`# ${id}\n\n${c.description}\n`)).toBe(true);
  expect(text).toContain(`- Category: \`${c.category}\``);
  expect(text).toContain(`- Default severity: \`${c.defaultSeverity}\``);
  for (const section of ['## Why', '## What is checked', '## Examples', '## Fix', '## Suppress']) expect(text).toContain(section);
  expect(text).toContain(`redis-auth-disable-next-line ${id} -- `);
}
