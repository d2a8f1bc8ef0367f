/**
 * Which Redis-family image a service runs, and how that image takes its auth settings
 * (DOMAIN.md §2.1). Any registry prefix and tag/digest is accepted.
 */
import type { ServerFact } from '../../src/core/facts';

export type ImageFamily =
  /** docker-library `redis`: no password variable; `command` args (entrypoint prepends redis-server). */
  | 'official'
  /** `valkey/valkey`: like official, plus `VALKEY_EXTRA_FLAGS` appended to the command. */
  | 'valkey'
  /** `eqalpha/keydb`: CMD `keydb-server /etc/keydb/keydb.conf`, a conf patched open. */
  | 'keydb'
  /** `redis/redis-stack*`: `REDIS_ARGS`. */
  | 'stack'
  /** `bitnami/redis`, `bitnamilegacy/redis`: REDIS_PASSWORD, ALLOW_EMPTY_PASSWORD, mounted-etc conf. */
  | 'bitnami-redis'
  /** `bitnami/valkey`: VALKEY_PASSWORD, ALLOW_EMPTY_PASSWORD. */
  | 'bitnami-valkey'
  /** `bitnami/redis-sentinel`, `bitnami/valkey-sentinel`: REDIS_SENTINEL_PASSWORD. */
  | 'bitnami-sentinel'
  /** Another Redis image (a user's `extraImages`, `<org>/redis`): semantics not known in detail. */
  | 'generic';

export interface ImageInfo {
  family: ImageFamily;
  product: ServerFact['product'];
  /** Repository path without registry, tag or digest, e.g. `bitnami/redis`. */
  repository: string;
}

const BITNAMI = new Set(['bitnami', 'bitnamilegacy', 'bitnamisecure']);

/** `registry:5000/library/redis:7-alpine@sha256:…` -> `library/redis` split into parts. */
export function repositoryOf(image: string): string[] {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const parts = ref.split('/').filter(Boolean);
  const last = parts.length - 1;
  if (last >= 0) {
    const colon = parts[last].indexOf(':');
    if (colon >= 0) parts[last] = parts[last].slice(0, colon);
  }
  // A first component with a dot or port, or `localhost`, is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts;
}

export function classifyImage(image: string | undefined, extraImages: readonly string[] = []): ImageInfo | undefined {
  if (!image) return undefined;
  const parts = repositoryOf(image);
  if (parts.length === 0) return undefined;
  const repository = parts.join('/');
  const name = parts[parts.length - 1];
  const namespace = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const official = namespace === undefined || namespace === 'library' || /^(arm64v8|arm32v[567]|amd64|i386|ppc64le|s390x)$/.test(namespace);

  if (namespace && BITNAMI.has(namespace)) {
    if (name === 'redis' || name === 'redis-cluster') return { family: 'bitnami-redis', product: name === 'redis' ? 'redis' : 'redis-cluster', repository };
    if (name === 'valkey' || name === 'valkey-cluster') return { family: 'bitnami-valkey', product: 'valkey', repository };
    if (name === 'redis-sentinel' || name === 'valkey-sentinel') return { family: 'bitnami-sentinel', product: 'sentinel', repository };
  }
  if (name === 'redis' && official) return { family: 'official', product: 'redis', repository };
  if (namespace === 'redis' && name.startsWith('redis-stack')) return { family: 'stack', product: 'redis-stack', repository };
  if (namespace === 'valkey' && name === 'valkey') return { family: 'valkey', product: 'valkey', repository };
  if (namespace === 'eqalpha' && name === 'keydb') return { family: 'keydb', product: 'keydb', repository };
  for (const extra of extraImages) {
    const want = repositoryOf(extra).join('/');
    if (want && (want === repository || repository.endsWith(`/${want}`))) return { family: 'generic', product: 'redis', repository };
  }
  if (name === 'redis' || name === 'valkey' || name === 'keydb') {
    return { family: 'generic', product: name === 'redis' ? 'redis' : name, repository };
  }
  if (name === 'redis-sentinel') return { family: 'generic', product: 'sentinel', repository };
  return undefined;
}
