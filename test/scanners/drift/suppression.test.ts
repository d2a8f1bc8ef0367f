import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../src/engine/run';

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-drift-sup-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

const base = 'redis:\n  auth:\n    enabled: true\n    existingSecret: shop-redis\n';
const prod = 'redis:\n  replica:\n    replicaCount: 3\n';

describe('drift findings through the scan engine', () => {
  it('are suppressed by a comment above the reported line, with the reason kept', () => {
    const root = repo({
      'values.yaml': base,
      'values-dev.yaml': 'redis:\n  auth:\n    # redis-auth-disable-next-line drift-weaker-than-production -- offline dev cluster\n    enabled: false\n',
      'values-prod.yaml': prod,
    });
    const outcome = runScan({ root });
    expect(outcome.findings.filter((f) => f.ruleId.startsWith('drift-'))).toEqual([]);
    expect(outcome.suppressed.map((s) => s.finding.ruleId)).toContain('drift-weaker-than-production');
  });

  it('are reported without the comment', () => {
    const root = repo({ 'values.yaml': base, 'values-dev.yaml': 'redis:\n  auth:\n    enabled: false\n', 'values-prod.yaml': prod });
    const drift = runScan({ root }).findings.filter((f) => f.ruleId.startsWith('drift-'));
    expect(drift.map((f) => [f.ruleId, f.file, f.line])).toEqual([['drift-weaker-than-production', 'values-dev.yaml', 3]]);
  });

  it('follow the config (off, severity)', () => {
    const files = { 'values.yaml': base, 'values-dev.yaml': 'redis:\n  auth:\n    enabled: false\n', 'values-prod.yaml': prod };
    const off = repo({ ...files, 'redis-auth.config.json': JSON.stringify({ rules: { 'drift-weaker-than-production': 'off' } }) });
    expect(runScan({ root: off }).findings.filter((f) => f.ruleId.startsWith('drift-'))).toEqual([]);
    const error = repo({ ...files, 'redis-auth.config.json': JSON.stringify({ rules: { 'drift-weaker-than-production': 'error' } }) });
    expect(runScan({ root: error }).findings.filter((f) => f.ruleId.startsWith('drift-')).map((f) => f.severity)).toEqual(['error']);
  });
});
