import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../src/engine/run';

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'helm-engine-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('Helm and Kubernetes through the scan engine', () => {
  it('discovers values files and manifests, skips templates, and honours suppression comments', () => {
    const root = repo({
      'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    condition: redis.enabled\n',
      'chart/values.yaml': 'redis:\n  enabled: true\n  auth:\n    # redis-auth-disable-next-line helm-auth-disabled -- CI-only chart\n    enabled: false\n',
      'chart/values-prod.yaml': 'redis:\n  auth:\n    password: Xq8vpL2rT9wZk4Hs\n',
      'chart/templates/redis.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: r\n      image: redis:7\n',
      'k8s/redis.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: r\nspec:\n  containers:\n    - name: r\n      image: redis:7\n',
    });
    const out = runScan({ root });
    const mine = out.findings.filter((f) => /^(helm|k8s)-/.test(f.ruleId)).map((f) => [f.file, f.line, f.ruleId]);
    expect(mine).toEqual([
      ['chart/values-prod.yaml', 3, 'helm-hardcoded-password'],
      ['k8s/redis.yaml', 8, 'k8s-no-auth'],
    ]);
    expect(out.suppressed.map((s) => [s.finding.file, s.finding.line, s.finding.ruleId])).toEqual([['chart/values.yaml', 5, 'helm-auth-disabled']]);
    expect(JSON.stringify(out.findings)).not.toContain('Xq8vpL2rT9wZk4Hs');
  });
});
