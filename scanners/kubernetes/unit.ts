/**
 * An application container of a workload (any image that is not Redis) as a UnitFact: its image
 * and what `env` and `envFrom` set each variable to, with ConfigMaps and Secrets of the same scan
 * resolved (a Secret's keys are references; its values are the committed-secret check's business).
 */
import type { Environment } from '../../src/core/environment';
import type { EnvSetting, SourceRef, UnitFact } from '../../src/core/facts';
import { envSettings, literalSetting, type ConfigMapLookup } from '../../src/engine/kit/env-settings';
import { entryAt, textOf, valueAt, type PMap } from '../../src/engine/kit/yaml-tree';
import { seqMaps, type Resource } from './manifests';

export interface ResourceIndex {
  configMap: ConfigMapLookup;
  /** Keys of a ConfigMap or Secret the scan sees, with where each is written. */
  keysOf(kind: 'ConfigMap' | 'Secret', name: string): Array<{ key: string; value?: string; at: SourceRef }> | undefined;
}

export function resourceIndex(resources: readonly Resource[]): ResourceIndex {
  const byName = new Map<string, Resource>();
  for (const r of resources) if (r.kind === 'ConfigMap' || r.kind === 'Secret') byName.set(`${r.kind}/${r.name}`, r);
  const keysOf: ResourceIndex['keysOf'] = (kind, name) => {
    const r = byName.get(`${kind}/${name}`);
    if (!r) return undefined;
    const out: Array<{ key: string; value?: string; at: SourceRef }> = [];
    for (const section of kind === 'ConfigMap' ? ['data'] : ['data', 'stringData']) {
      const map = valueAt(r.node, [section]);
      if (map?.kind !== 'map') continue;
      for (const [key, e] of map.entries) out.push({ key, value: kind === 'ConfigMap' ? textOf(e.value) : undefined, at: e.value.at });
    }
    return out;
  };
  return {
    keysOf,
    configMap(name, key) {
      const hit = keysOf('ConfigMap', name)?.find((k) => k.key === key);
      return hit?.value !== undefined ? { value: hit.value, at: hit.at } : undefined;
    },
  };
}

export function workloadUnit(
  resource: Resource,
  container: PMap,
  containerName: string,
  environment: Environment | undefined,
  index: ResourceIndex,
): UnitFact | undefined {
  const imageEntry = entryAt(container, ['image']);
  const image = textOf(imageEntry?.value);
  const settings = new Map<string, EnvSetting>();
  const opaque: SourceRef[] = [];
  const secrets: SourceRef[] = [];
  for (const from of seqMaps(valueAt(container, ['envFrom']))) {
    const prefix = textOf(valueAt(from, ['prefix'])) ?? '';
    const cm = valueAt(from, ['configMapRef']);
    const secret = valueAt(from, ['secretRef']);
    const kind = cm ? 'ConfigMap' : secret ? 'Secret' : undefined;
    const ref = cm ?? secret;
    if (!kind || !ref) continue;
    const name = textOf(valueAt(ref, ['name'])) ?? '';
    const keys = index.keysOf(kind, name);
    if (!keys) {
      (kind === 'Secret' ? secrets : opaque).push(ref.at);
      continue;
    }
    for (const k of keys) {
      const varName = prefix + k.key;
      settings.set(
        varName,
        kind === 'ConfigMap' ? literalSetting(varName, k.value ?? '', k.at) : { name: varName, source: 'secret-ref', reference: `${name}/${k.key}`, at: k.at },
      );
    }
  }
  for (const s of envSettings(valueAt(container, ['env']), index.configMap)) settings.set(s.name, s);
  if (!image && !settings.size && !opaque.length && !secrets.length) return undefined;
  return {
    kind: 'unit',
    subject: `k8s:${resource.kind}/${resource.name}#${containerName}`,
    label: `${resource.kind} ${resource.name} container ${containerName}`,
    file: resource.file.path,
    environment,
    source: 'kubernetes',
    image: image && imageEntry ? { name: image, at: imageEntry.value.at } : undefined,
    at: container.at,
    env: [...settings.values()],
    ...(opaque.length ? { opaque } : {}),
    ...(secrets.length ? { secrets } : {}),
  };
}
