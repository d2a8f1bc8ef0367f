/**
 * Services that publish Redis outside the cluster: type LoadBalancer or NodePort, selecting a
 * Redis workload in the scan or forwarding the Redis port.
 */
import type { ServerFact } from '../../src/core/facts';
import type { Finding } from '../../src/core/finding';
import { makeFinding } from '../../src/engine/kit/literal';
import { entryAt, textOf, valueAt } from '../../src/engine/kit/yaml-tree';
import { K8S_REDIS_EXPOSED } from './checks';
import { seqMaps, stringMap, type Resource } from './manifests';

export interface RedisWorkload {
  resource: Resource;
  labels: Map<string, string>;
  ports: (number | string)[];
  facts: ServerFact[];
}

const REDIS_PORTS = new Set<number | string>([6379, '6379', 'redis', 'tcp-redis']);

export function serviceFindings(services: Resource[], workloads: RedisWorkload[]): Finding[] {
  const findings: Finding[] = [];
  for (const svc of services) {
    const typeEntry = entryAt(svc.node, ['spec', 'type']);
    const type = textOf(typeEntry?.value)?.trim();
    if (!typeEntry || !type || !/^(LoadBalancer|NodePort)$/i.test(type)) continue;
    const selector = stringMap(valueAt(svc.node, ['spec', 'selector']));
    const matched =
      selector.size === 0 ? [] : workloads.filter((w) => (!svc.namespace || !w.resource.namespace || svc.namespace === w.resource.namespace) && [...selector].every(([k, v]) => w.labels.get(k) === v));
    const redisPorts = new Set<number | string>(REDIS_PORTS);
    for (const w of matched) for (const p of w.ports) redisPorts.add(p);
    const ports = seqMaps(valueAt(svc.node, ['spec', 'ports']));
    const forwardsRedis = ports.some((p) => {
      const port = textOf(valueAt(p, ['port']));
      const target = textOf(valueAt(p, ['targetPort'])) ?? port;
      return [port, target].some((x) => x !== undefined && (redisPorts.has(x) || redisPorts.has(Number(x))));
    });
    if (!forwardsRedis) continue;
    const open = matched.some((w) => w.facts.some((f) => f.auth === 'none'));
    const anchor = `Service/${svc.name}.spec.type`;
    const at = { ...typeEntry.keyAt, anchor };
    for (const w of matched) for (const f of w.facts) if (f.exposure !== 'public') Object.assign(f, { exposure: 'public', exposureAt: at });
    findings.push(
      makeFinding(
        K8S_REDIS_EXPOSED,
        at,
        `Service \`${svc.name}\` of type \`${type}\` publishes Redis outside the cluster${open ? ', and the Redis behind it has no password' : ''}. Use \`type: ClusterIP\` (reach it from inside the cluster or through a tunnel), or restrict \`loadBalancerSourceRanges\` and keep auth on.`,
        anchor,
        open ? 'error' : K8S_REDIS_EXPOSED.defaultSeverity,
      ),
    );
  }
  return findings;
}
