/**
 * Which Redis-family server an image runs, whatever the registry, tag or digest: the official
 * `redis`, Bitnami's (env-driven auth), valkey, KeyDB, redis-stack, or an image the user named.
 */
import type { ServerFact } from '../../src/core/facts';

export type ImageFamily =
  /** docker-library redis: no password env var; auth only via args or a conf. */
  | 'redis'
  /** valkey/valkey: like the official image, plus VALKEY_EXTRA_FLAGS. */
  | 'valkey'
  /** eqalpha/keydb: bundled keydb.conf without auth. */
  | 'keydb'
  /** redis/redis-stack(-server): REDIS_ARGS. */
  | 'redis-stack'
  /** bitnami(legacy)/redis(-cluster): REDIS_PASSWORD, ALLOW_EMPTY_PASSWORD. */
  | 'bitnami-redis'
  /** bitnami(legacy)/valkey(-cluster): VALKEY_PASSWORD, ALLOW_EMPTY_PASSWORD. */
  | 'bitnami-valkey'
  /** A name from the user's extraImages: treated like the official image. */
  | 'extra';

const BY_PATH: Record<string, ImageFamily> = {
  redis: 'redis',
  'library/redis': 'redis',
  'valkey/valkey': 'valkey',
  'library/valkey': 'valkey',
  'eqalpha/keydb': 'keydb',
  'redis/redis-stack': 'redis-stack',
  'redis/redis-stack-server': 'redis-stack',
  'bitnami/redis': 'bitnami-redis',
  'bitnamilegacy/redis': 'bitnami-redis',
  'bitnami/redis-cluster': 'bitnami-redis',
  'bitnamilegacy/redis-cluster': 'bitnami-redis',
  'bitnami/valkey': 'bitnami-valkey',
  'bitnamilegacy/valkey': 'bitnami-valkey',
  'bitnami/valkey-cluster': 'bitnami-valkey',
  'bitnamilegacy/valkey-cluster': 'bitnami-valkey',
};

/** The repository path of an image reference without registry, tag and digest. */
export function imagePath(image: string): string {
  let ref = image.trim().toLowerCase().split('@')[0];
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  // A first component with a dot or port, or `localhost`, is a registry host.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  return parts.join('/');
}

export function imageFamily(image: string | undefined, extraImages: readonly string[] = []): ImageFamily | undefined {
  if (!image || image.includes('{{')) return undefined;
  const path = imagePath(image);
  const parts = path.split('/');
  const known = BY_PATH[parts.slice(-2).join('/')] ?? (parts.length === 1 || parts[0] === 'library' || parts[parts.length - 2] === 'library' ? BY_PATH[parts[parts.length - 1]] : undefined);
  if (known) return known;
  for (const extra of extraImages) {
    const e = imagePath(extra);
    if (e === path || path.endsWith(`/${e}`)) return 'extra';
  }
  return undefined;
}

export function productOf(family: ImageFamily): ServerFact['product'] {
  switch (family) {
    case 'valkey':
    case 'bitnami-valkey':
      return 'valkey';
    case 'keydb':
      return 'keydb';
    case 'redis-stack':
      return 'redis-stack';
    default:
      return 'redis';
  }
}

export function isBitnami(family: ImageFamily): family is 'bitnami-redis' | 'bitnami-valkey' {
  return family === 'bitnami-redis' || family === 'bitnami-valkey';
}
