import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { helmScanner } from '../../../scanners/helm';

const { ctx } = createContext(mkdtempSync(join(tmpdir(), 'helm-conf-')));
const scan = (text: string) => helmScanner.scan([{ path: 'values.yaml', absPath: '/virtual/values.yaml', text }], ctx);
const brief = (text: string) => scan(text).findings.map((f) => ({ line: f.line, column: f.column, category: f.category, ruleId: f.ruleId }));

describe('redis.conf embedded in Helm values', () => {
  it('places findings of a block scalar on the YAML lines and columns', () => {
    const text = ['redis:', '  enabled: true', '  commonConfiguration: |-', '    appendonly yes', '    requirepass foobared', ''].join('\n');
    expect(brief(text)).toEqual([{ line: 5, column: 17, category: 'weak-password', ruleId: expect.stringMatching(/^conf-/) }]);
  });

  it('reports a literal in master.configuration once, and auth from the conf silences auth.enabled: false', () => {
    const text = ['redis:', '  auth:', '    enabled: false', '  master:', '    configuration: |', '      requirepass Xq8vpL2rT9wZk4Hs', ''].join('\n');
    const result = scan(text);
    expect(result.findings.map((f) => [f.line, f.column, f.category])).toEqual([[6, 19, 'hardcoded-secret']]);
    expect(result.facts[0]).toMatchObject({ auth: 'password', authAt: { line: 6 } });
    expect(result.findings[0].message).not.toContain('Xq8vpL2rT9wZk4Hs');
  });

  it('keeps missing-auth from a fragment that opens the default user even though the chart sets a password', () => {
    const text = ['redis:', '  auth:', '    enabled: true', '  commonConfiguration: |', '    user default on nopass ~* +@all', ''].join('\n');
    expect(brief(text)).toEqual([{ line: 5, column: 5, category: 'missing-auth', ruleId: expect.stringMatching(/^conf-/) }]);
    expect(scan(text).facts[0].auth).toBe('none');
  });

  it('does not call a fragment without requirepass unauthenticated: the chart passes --requirepass', () => {
    const text = ['redis:', '  auth:', '    enabled: true', '  commonConfiguration: |', '    maxmemory 100mb', '    appendonly yes', ''].join('\n');
    expect(brief(text)).toEqual([]);
    expect(scan(text).facts[0].auth).toBe('password');
  });

  it('maps redis-ha redis.config entries to their keys and reports the literal only once', () => {
    const text = ['redis-ha:', '  auth: true', '  existingSecret: ha-auth', '  redis:', '    config:', '      min-replicas-to-write: 1', '      requirepass: foobared', '  sentinel:', '    auth: true', '    existingSecret: ha-sentinel', ''].join('\n');
    expect(brief(text)).toEqual([{ line: 7, column: 19, category: 'weak-password', ruleId: expect.stringMatching(/^conf-/) }]);
  });

  it('points findings inside a quoted string at the value', () => {
    const text = 'redis:\n  commonConfiguration: "appendonly yes\\nrequirepass foobared"\n';
    expect(brief(text)).toEqual([{ line: 2, column: 24, category: 'weak-password', ruleId: expect.stringMatching(/^conf-/) }]);
  });

  it('reports --requirepass literals in extraFlags and counts them as auth', () => {
    const text = ['redis:', '  auth:', '    enabled: false', '  master:', '    extraFlags:', '      - "--requirepass Zt6vQ9rKx2LpM5nB"', ''].join('\n');
    const result = scan(text);
    expect(result.findings.map((f) => [f.line, f.ruleId])).toEqual([[6, 'helm-hardcoded-password']]);
    expect(result.facts[0].auth).toBe('password');
  });
});

describe('redis-ha conf specifics', () => {
  it('knows redis.customConfig replaces the generated requirepass', () => {
    const text = ['redis-ha:', '  auth: true', '  existingSecret: ha-auth', '  redis:', '    customConfig: |', '      dir "/data"', '      maxmemory 0', ''].join('\n');
    const r = scan(text);
    expect(r.findings.map((f) => [f.line, f.column, f.category])).toEqual([[6, 7, 'missing-auth']]);
    expect(r.facts[0].auth).toBe('none');
  });

  it('treats requirepass replace-default-auth as the placeholder the init script fills in', () => {
    const text = ['redis-ha:', '  auth: true', '  existingSecret: ha-auth', '  sentinel:', '    auth: true', '    existingSecret: ha-sentinel', '  redis:', '    customConfig: |', '      dir "/data"', '      requirepass replace-default-auth', '      masterauth replace-default-auth', ''].join('\n');
    const r = scan(text);
    expect(r.findings).toEqual([]);
    expect(r.facts[0].auth).toBe('password');
  });
});
