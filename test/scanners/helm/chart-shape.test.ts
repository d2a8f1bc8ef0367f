/**
 * An unknown chart's `redis:` key is Bitnami's only when it is shaped like Bitnami's values (or a
 * Chart.yaml depends on a Redis chart); a values file with no Chart.yaml is a Redis chart's own
 * values only when it has what only a Redis chart has.
 */
import { describe, expect, it } from 'vitest';
import { findInstances, isChartShaped, type ChartLike } from '../../../src/engine/kit/helm-values/instances';
import { buildTree, parseYaml } from '../../../src/engine/kit/yaml-tree';

function tree(text: string) {
  const { file } = parseYaml('values.yaml', text);
  return buildTree(file, text, file.docs[0].contents).tree;
}
const unknown: ChartLike = { dependencies: [], known: false };
const families = (text: string, chart = unknown) => findInstances(tree(text), chart).instances.map((i) => `${i.prefix.join('.') || '.'}=${i.family}`);

describe('which values are a Redis chart', () => {
  it('reads Bitnami-shaped subchart keys of an unknown chart', () => {
    expect(families('redis:\n  enabled: true\n  architecture: standalone\n')).toEqual(['redis=redis']);
    expect(families('redis:\n  auth:\n    enabled: false\n')).toEqual(['redis=redis']);
    expect(families('redis-ha:\n  enabled: true\n  haproxy:\n    enabled: true\n')).toEqual(['redis-ha=redis-ha']);
    expect(families('valkey:\n  primary:\n    persistence:\n      size: 1Gi\n')).toEqual(['valkey=valkey']);
  });

  it("does not read another chart's own redis section as Bitnami's", () => {
    // podinfo's chart: `redis: {enabled, repository, tag}` runs its own Redis container.
    expect(families('redis:\n  enabled: true\n  repository: public.ecr.aws/docker/library/redis\n  tag: 8.6.2\n')).toEqual([]);
    // An application's connection settings.
    expect(families('redis:\n  host: redis-master\n  auth:\n    password: x\n')).toEqual([]);
    expect(isChartShaped(tree('enabled: true\n'))).toBe(false);
    // ...unless its Chart.yaml depends on a Redis chart under that key.
    const umbrella = { dependencies: [{ name: 'redis', key: 'redis', conditions: ['redis.enabled'], family: 'redis' as const }], known: true };
    expect(families('redis:\n  enabled: true\n  repository: x\n', umbrella)).toEqual(['redis=redis']);
  });

  it("recognises a Redis chart's own values by what only a Redis chart has", () => {
    expect(families('architecture: standalone\nauth:\n  enabled: false\nmaster:\n  kind: Deployment\n')).toEqual(['.=redis']);
    expect(families('architecture: replication\nauth:\n  enabled: true\nsentinel:\n  enabled: true\n')).toEqual(['.=redis']);
    expect(families('primary:\n  persistence:\n    size: 1Gi\nreplica:\n  replicaCount: 2\n')).toEqual(['.=valkey']);
    expect(families('redisPassword: ""\nauth: true\nhaproxy:\n  enabled: true\nsentinel:\n  auth: false\n')).toEqual(['.=redis-ha']);
  });

  it("does not take Bitnami's database charts for Redis", () => {
    // bitnami/postgresql, mysql, mongodb and spark share `architecture`, `auth` and `primary`/`master`.
    expect(families('architecture: standalone\nauth:\n  postgresPassword: x\n  database: app\nprimary:\n  persistence:\n    size: 8Gi\nreadReplicas:\n  replicaCount: 1\n')).toEqual([]);
    expect(families('architecture: replication\nauth:\n  rootPassword: x\nprimary:\n  persistence: {}\nsecondary:\n  replicaCount: 1\n')).toEqual([]);
    expect(families('architecture: replicaset\nauth:\n  enabled: true\n')).toEqual([]);
    expect(families('master:\n  replicaCount: 1\nworker:\n  replicaCount: 2\n')).toEqual([]);
  });
});
