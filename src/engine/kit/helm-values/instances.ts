/**
 * Where Redis lives in a values tree: the chart's own top level (a Redis-family chart), or a
 * subchart key (a Chart.yaml dependency name or alias, or a well-known key such as `redis-ha`),
 * and whether that subchart is switched off (`condition:` / `<key>.enabled: false`).
 */
import type { ChartFamily, Dependency } from './chart';
import { familyOfChartName } from './chart';
import { boolOf, entryAt, valueAt, type Origin, type PMap, type PNode } from '../yaml-tree';
import { chartBySignature, SHAPE_KEYS, SUBCHART_KEYS } from './charts';

export interface ChartLike {
  name?: string;
  family?: ChartFamily;
  dependencies: Dependency[];
  /** True when a Chart.yaml (or an Application/HelmRelease chart name) says what the values are for. */
  known: boolean;
  /** A family named by the file (`redis-ha-values.yaml`), used when the values have no subchart keys. */
  nameHint?: ChartFamily;
}

export interface Instance {
  /** Values path of the subchart ([] for the chart's own values). */
  prefix: string[];
  family: ChartFamily;
  /** The subchart key, when there is one. */
  keyAt?: Origin;
}

export interface InstanceScan {
  instances: Instance[];
  /** Subchart keys that are switched off: nothing under them is deployed. */
  disabled: string[];
}

/**
 * Keys only a Redis chart's values carry (charts/*.ts `shapeKeys`), telling Bitnami's
 * `redis: {auth: {enabled: false}}` from another chart's own `redis:` section (podinfo's
 * `redis: {enabled, repository, tag}`, an app's `redis: {host, password}`). `enabled` alone says
 * nothing: every optional section has it.
 */
/** Where a client connects: an application's Redis section, not a chart's. */
const CLIENT_KEYS = ['host', 'hostname', 'url', 'uri', 'address', 'addr', 'endpoint', 'endpoints'];

/** True when a map under a `redis:`-like key is a Redis chart's values. */
export function isChartShaped(node: PNode | undefined): boolean {
  if (node?.kind !== 'map') return false;
  if (CLIENT_KEYS.some((k) => node.entries.has(k))) return false;
  if (SHAPE_KEYS.some((k) => node.entries.has(k))) return true;
  const auth = node.entries.get('auth')?.value;
  if (auth?.kind === 'scalar') return typeof auth.value === 'boolean';
  // Bitnami's `auth: {enabled, password, existingSecret}` (redis-ha: `auth: true`).
  return auth?.kind === 'map';
}

export function findInstances(root: PNode | undefined, chart: ChartLike): InstanceScan {
  const result: InstanceScan = { instances: [], disabled: [] };
  if (root?.kind !== 'map') return result;
  // A chart that pulls a Redis chart in as a dependency wraps it (argo-cd's `redis-ha` chart over
  // DandyDeveloper's `redis-ha`): Redis lives under the dependency's key, whatever the wrapper's name.
  const wrapper = chart.dependencies.some((d) => d.family !== undefined);
  const own = (wrapper ? undefined : chart.family) ?? (chart.known ? undefined : (familyBySignature(root) ?? (hasSubchartKeys(root) ? undefined : chart.nameHint)));
  if (own) {
    // A Redis chart's own values: its `redis:`/`sentinel:` keys are settings, not subcharts.
    result.instances.push({ prefix: [], family: own });
    return result;
  }
  const seen = new Set<string>();
  for (const dep of chart.dependencies) {
    if (!dep.family || seen.has(dep.key)) continue;
    seen.add(dep.key);
    const entry = root.entries.get(dep.key);
    if (isSwitchedOff(root, dep.key, dep.conditions)) {
      result.disabled.push(dep.key);
      continue;
    }
    result.instances.push({ prefix: [dep.key], family: dep.family, keyAt: entry?.keyAt });
  }
  if (chart.known) return result;
  for (const key of SUBCHART_KEYS) {
    if (seen.has(key)) continue;
    const entry = root.entries.get(key);
    if (!entry || !isChartShaped(entry.value)) continue;
    if (isSwitchedOff(root, key, [])) {
      result.disabled.push(key);
      continue;
    }
    result.instances.push({ prefix: [key], family: familyOfChartName(key)!, keyAt: entry.keyAt });
  }
  return result;
}

function hasSubchartKeys(root: PMap): boolean {
  return SUBCHART_KEYS.some((key) => isChartShaped(root.entries.get(key)?.value));
}

/** Helm: the first condition path that resolves to a boolean decides; by convention also `<key>.enabled`. */
function isSwitchedOff(root: PMap, key: string, conditions: string[]): boolean {
  for (const condition of conditions) {
    const value = boolOf(valueAt(root, condition.split('.')));
    if (value !== undefined) return !value;
  }
  return boolOf(entryAt(root, [key, 'enabled'])?.value) === false;
}

/** A values file with no Chart.yaml that is a Redis chart's own values (a copied/overridden values.yaml). */
function familyBySignature(root: PMap): ChartFamily | undefined {
  return chartBySignature(root)?.id;
}
