/**
 * A chart's effective values as Helm computes them: the chart's defaults (charts/*.ts) under the
 * values given (the chart's values.yaml and the environment's files, already merged), maps merged,
 * lists and scalars replaced, `null` deleting a default. Defaults have no line of their own: they
 * are placed at the chart (its subchart key, or the file) and known as defaults.
 */
import type { ChartData, ValuesData } from './charts/format';
import { keyPath } from './charts';
import { entryAt, isNull, mergeValues, type Origin, type PEntry, type PMap, type PNode } from '../yaml-tree';

export interface Effective {
  /** The merged values. */
  node: PNode | undefined;
  /** The values given, before the defaults (nulls still there). */
  given: PNode | undefined;
  /** True for an entry that only the chart's defaults set. */
  isDefault(entry: PEntry | undefined): boolean;
  /** The given `null` that deleted the chart's default at `path` (or at a key above it). */
  deletedBy(path: string): PEntry | undefined;
  /** The chart's default at `path`. */
  defaultAt(path: string): PEntry | undefined;
}

export function effectiveValues(chart: ChartData, given: PNode | undefined, chartAt: Origin): Effective {
  const at: Origin = { ...chartAt };
  const defaults = toTree(chart.defaults, at);
  const node = given === undefined ? defaults : isNull(given) ? undefined : mergeValues(defaults, given, true);
  return {
    node,
    given,
    isDefault: (entry) => entry !== undefined && entry.keyAt === at,
    deletedBy(path) {
      const keys = keyPath(path);
      if (!entryAt(defaults, keys)) return undefined;
      let current = given;
      for (const key of keys) {
        if (current?.kind !== 'map') return undefined;
        const entry = current.entries.get(key);
        if (!entry) return undefined;
        if (isNull(entry.value)) return entry;
        current = entry.value;
      }
      return undefined;
    },
    defaultAt: (path) => entryAt(defaults, keyPath(path)),
  };
}

function toTree(data: ValuesData, at: Origin): PMap {
  const entries = new Map<string, PEntry>();
  for (const [key, value] of Object.entries(data)) entries.set(key, { key, keyAt: at, value: toNode(value, at) });
  return { kind: 'map', at, entries };
}

function toNode(value: ValuesData[string], at: Origin): PNode {
  if (Array.isArray(value)) return { kind: 'seq', at, items: value.map((v) => (typeof v === 'string' ? { kind: 'scalar' as const, at, value: v } : toTree(v, at))) };
  if (value !== null && typeof value === 'object') return toTree(value, at);
  return { kind: 'scalar', at, value };
}
