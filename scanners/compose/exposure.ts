/** Where a service can be reached from: published ports on all interfaces, or the host network. */
import type { Exposure, SourceRef } from '../../src/core/facts';
import { isLoopbackHost, isWildcardAddress } from '../../src/core/hosts';
import type { ServiceModel } from './model';

export function exposureOf(svc: ServiceModel): { exposure: Exposure; at?: SourceRef; publicPorts: { at: SourceRef; text: string; loopback: string }[]; hostNetwork?: SourceRef } {
  if (svc.networkMode && svc.networkMode.value.trim() === 'host') {
    return { exposure: 'public', at: svc.networkMode.at, publicPorts: [], hostNetwork: svc.networkMode.at };
  }
  const publicPorts = svc.ports
    .filter((p) => p.hostIp === undefined || isWildcardAddress(p.hostIp))
    .map((p) => {
      const target = p.target.replace(/\/tcp$/, '');
      return { at: { ...p.at, anchor: `services.${svc.name}.ports.${p.text}` }, text: p.text, loopback: `127.0.0.1:${p.published ?? target}:${target}` };
    });
  if (publicPorts.length > 0) return { exposure: 'public', at: publicPorts[0].at, publicPorts };
  if (svc.ports.length > 0 && svc.ports.every((p) => isLoopbackHost(p.hostIp))) return { exposure: 'loopback', at: svc.ports[0].at, publicPorts };
  return { exposure: 'internal', publicPorts };
}
