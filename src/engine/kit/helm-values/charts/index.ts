/**
 * The known Redis-family charts (subchart keys are looked for in this order), and
 * lookups by chart name, repository and values shape. Adding a chart is adding a data file here.
 */
import type { ChartData, Signature } from './format';
import { bitnamiRedis } from './bitnami-redis';
import { bitnamiRedisCluster, bitnamiValkeyCluster } from './bitnami-cluster';
import { bitnamiValkey } from './bitnami-valkey';
import { bitnamiKeydb } from './bitnami-keydb';
import { redisHa } from './redis-ha';
import { otRedis, otRedisCluster, otRedisReplication } from './ot-container-kit';
import { valkeyIo } from './valkey-io';
import { groundhog2kRedis, groundhog2kValkey } from './groundhog2k';
import { textOf, valueAt, type PMap } from '../../yaml-tree';

export type { ChartData } from './format';

export const CHARTS: readonly ChartData[] = [
  bitnamiRedis,
  bitnamiValkey,
  bitnamiKeydb,
  redisHa,
  bitnamiRedisCluster,
  bitnamiValkeyCluster,
  valkeyIo,
  otRedis,
  otRedisReplication,
  otRedisCluster,
  groundhog2kRedis,
  groundhog2kValkey,
];

/** The order signatures are tried in: the most particular shapes first, then any other chart. */
const SIGNATURES_FIRST: readonly ChartData[] = [valkeyIo, redisHa, bitnamiRedis, bitnamiRedisCluster, bitnamiValkey];
const BY_SIGNATURE: readonly ChartData[] = [...SIGNATURES_FIRST, ...CHARTS.filter((c) => !SIGNATURES_FIRST.includes(c))];

const BY_ID = new Map(CHARTS.map((c) => [c.id, c]));

export function chartById(id: string): ChartData | undefined {
  return BY_ID.get(id);
}

/** `bitnami/redis`, `oci://registry-1.docker.io/bitnamicharts/redis`, `redis-ha` -> the chart. */
export function chartByName(name: string | undefined, repository?: string): ChartData | undefined {
  if (!name) return undefined;
  const last = name.trim().toLowerCase().split('/').pop() ?? '';
  const repo = repository?.toLowerCase();
  // A publisher's repository: only its charts (the OT-Container-Kit `redis` chart is not Bitnami's).
  const publisher = repo ? CHARTS.flatMap((c) => c.repositories ?? []).find((r) => repo.includes(r)) : undefined;
  return CHARTS.find((c) => c.names.includes(last) && (publisher ? c.repositories?.includes(publisher) : !c.repositories));
}

/** The values keys a chart is known under as a subchart (its names), for charts of no particular publisher. */
export const SUBCHART_KEYS: readonly string[] = CHARTS.filter((c) => !c.repositories).flatMap((c) => c.names);

/** Keys only a Redis chart's values carry (any known chart's). */
export const SHAPE_KEYS: readonly string[] = [...new Set(CHARTS.flatMap((c) => c.shapeKeys ?? []))];

/** The chart whose signature a values file's top level matches, in CHARTS order. */
export function chartBySignature(root: PMap): ChartData | undefined {
  return BY_SIGNATURE.find((c) => c.signatures?.some((s) => matches(root, s)));
}

function matches(root: PMap, s: Signature): boolean {
  const has = (k: string) => root.entries.has(k);
  if (s.has && !s.has.every(has)) return false;
  if (s.hasAny && !s.hasAny.some(has)) return false;
  if (s.lacks?.some((k) => (Array.isArray(k) ? k.every(has) : has(k)))) return false;
  if (s.scalar?.some((k) => valueAt(root, [k])?.kind !== 'scalar')) return false;
  const auth = valueAt(root, ['auth']);
  if (s.authIsMap && auth?.kind !== 'map') return false;
  if (s.authLacks && auth?.kind === 'map' && s.authLacks.some((k) => auth.entries.has(k))) return false;
  const inner = s.mapWith ? valueAt(root, [s.mapWith.key]) : undefined;
  if (s.mapWith && !(inner?.kind === 'map' && s.mapWith.anyOf.some((k) => inner.entries.has(k)))) return false;
  const architecture = textOf(valueAt(root, ['architecture']));
  if (s.architecture && architecture !== undefined && !s.architecture.includes(architecture.trim())) return false;
  return true;
}

/** Dotted key path -> segments. */
export function keyPath(path: string): string[] {
  return path.split('.');
}

/** Fills `{p}` (the subchart prefix and its dot) and `{key}` in a data message. */
export function fill(template: string, prefix: readonly string[], key = ''): string {
  return template.replaceAll('{p}', prefix.length ? `${prefix.join('.')}.` : '').replaceAll('{key}', key);
}
