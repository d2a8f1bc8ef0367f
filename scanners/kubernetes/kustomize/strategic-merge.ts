/**
 * Kubernetes strategic merge patch on positioned trees, as `kubectl kustomize` applies one: maps
 * merge key by key, `null` deletes a key, lists with a merge key (`containers` and `env` by `name`,
 * `volumeMounts` by `mountPath`, `ports` by `containerPort`) merge item by item, every other list
 * (`args`, `command`, `envFrom`) is replaced whole, and `$patch: delete|replace` directives apply.
 * Every value keeps the file and line that wrote it, so a weakened setting points at the patch.
 */
import { isNull, textOf, type PMap, type PNode, type PSeq } from '../../../src/engine/kit/yaml-tree';

/** patchMergeKey of the core/v1 and apps/v1 types Redis workloads use. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};

function directive(node: PNode): string | undefined {
  return node.kind === 'map' ? textOf(node.entries.get('$patch')?.value) : undefined;
}

/** The patch without its `$` directives. */
function clean(node: PNode): PNode {
  if (node.kind === 'map') {
    const entries = new Map([...node.entries].filter(([k]) => !k.startsWith('$')).map(([k, e]) => [k, { ...e, value: clean(e.value) }]));
    return { kind: 'map', at: node.at, entries };
  }
  if (node.kind === 'seq') return { kind: 'seq', at: node.at, items: node.items.filter((i) => directive(i) !== 'delete').map(clean) };
  return node;
}

function mergeList(base: PSeq, patch: PSeq, key: string): PSeq {
  const keyOf = (n: PNode) => (n.kind === 'map' ? textOf(n.entries.get(key)?.value) : undefined);
  const items = [...base.items];
  for (const p of patch.items) {
    const k = keyOf(p);
    const i = k === undefined ? -1 : items.findIndex((b) => keyOf(b) === k);
    if (directive(p) === 'delete') {
      if (i >= 0) items.splice(i, 1);
      continue;
    }
    if (i >= 0) {
      const merged = strategicMerge(items[i], p);
      if (merged) items[i] = merged;
      else items.splice(i, 1);
    } else items.push(clean(p));
  }
  return { kind: 'seq', at: patch.at, items };
}

/** `patch` merged onto `base`; undefined when the patch deletes it. `field` is the key `base` sits under. */
export function strategicMerge(base: PNode | undefined, patch: PNode, field?: string): PNode | undefined {
  if (isNull(patch)) return undefined;
  const how = directive(patch);
  if (how === 'delete') return undefined;
  if (how === 'replace' || base === undefined) return clean(patch);
  if (patch.kind === 'seq') {
    const key = field ? MERGE_KEYS[field] : undefined;
    return key && base.kind === 'seq' ? mergeList(base, patch, key) : clean(patch);
  }
  if (patch.kind !== 'map' || base.kind !== 'map') return clean(patch);
  const out: PMap = { kind: 'map', at: base.at, entries: new Map(base.entries) };
  for (const [key, entry] of patch.entries) {
    if (key.startsWith('$')) continue;
    if (isNull(entry.value)) {
      out.entries.delete(key);
      continue;
    }
    const before = base.entries.get(key);
    const merged = strategicMerge(before?.value, entry.value, key);
    if (merged === undefined) out.entries.delete(key);
    // A value the patch wrote (or replaced) points at the patch's key; a merged map keeps the base key.
    else out.entries.set(key, { key, keyAt: before && merged.kind === 'map' && before.value.kind === 'map' ? before.keyAt : entry.keyAt, value: merged });
  }
  return out;
}
