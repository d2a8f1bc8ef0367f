import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aclScanner, redisConfScanner, sentinelScanner } from '../../../scanners/redis-conf';
import { CATEGORIES } from '../../../src/core/finding';

const checks = [redisConfScanner, aclScanner, sentinelScanner].flatMap((s) => s.checks.map((c) => ({ ...c, kind: s.kind })));

describe('check catalogue', () => {
  it('uses stable prefixed ids, known categories and one-sentence descriptions', () => {
    for (const c of checks) {
      const prefix = { 'redis-conf': 'conf-', acl: 'acl-', sentinel: 'sentinel-' }[c.kind as 'redis-conf' | 'acl' | 'sentinel'];
      expect(c.id.startsWith(prefix)).toBe(true);
      expect(CATEGORIES).toContain(c.category);
      expect(c.description).toMatch(/^[A-Z`$].*\.$/);
    }
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s has a docs page matching its metadata', (id, c) => {
    const path = join(__dirname, '../../../docs/rules', `${id}.md`);
    expect(existsSync(path)).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    expect(text).toContain(`- Category: \`${c.category}\``);
    expect(text).toContain(`- Default severity: \`${c.defaultSeverity}\``);
    for (const section of ['## Why', '## What is checked', '## Examples', '## Fix', '## Suppress']) expect(text).toContain(section);
    // Redis has no inline comments: an example with one would itself be broken.
    const blocks = [...text.matchAll(/Correct:\n\n```conf\n([\s\S]*?)```/g)].map((m) => m[1]);
    for (const line of blocks.join('\n').split('\n')) expect(line).not.toMatch(/^\s*[^#\s].*\s#\s/);
  });
});
