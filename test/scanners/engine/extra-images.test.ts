import { describe, expect, it } from 'vitest';
import { runScan } from '../../../src/engine/run';
import { makeRepo } from './helpers';

// A custom image whose name says nothing about Redis is only found through the config's extraImages.
const compose = 'services:\n  cache:\n    image: registry.example.com/platform/kvstore:7\n    ports:\n      - "6379:6379"\n';
const manifest = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: kv',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: kv',
  '          image: registry.example.com/platform/kvstore:7',
  '',
].join('\n');

describe('extraImages from the config', () => {
  it('makes compose files and manifests that run only that image count as Redis', () => {
    const files = { 'docker-compose.yml': compose, 'k8s/kv.yaml': manifest };
    const withConfig = makeRepo({ ...files, 'redis-auth.config.json': JSON.stringify({ extraImages: ['registry.example.com/platform/kvstore'] }) });
    const rules = runScan({ root: withConfig }).findings.map((f) => `${f.file} ${f.ruleId}`);
    expect(rules).toContain('docker-compose.yml compose-no-auth');
    expect(rules).toContain('k8s/kv.yaml k8s-no-auth');
  });
  it('leaves the same files alone without it', () => {
    const without = makeRepo({ 'docker-compose.yml': compose, 'k8s/kv.yaml': manifest });
    expect(runScan({ root: without }).findings).toEqual([]);
  });
});
