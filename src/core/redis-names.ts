/**
 * Does a name or text belong to the Redis family? One answer for every file kind and rule.
 */

/** `redis`, `valkey`, `keydb`, `dragonflydb` anywhere: an image, a file's text, a chart name. */
const REDIS_FAMILY = /redis|valkey|keydb|dragonflydb/i;

/** A name that points at Redis, its Sentinel included (`SENTINEL_PASSWORD`, `sentinel.auth`). */
const REDIS_RELATED = /redis|valkey|keydb|sentinel/i;

export function mentionsRedis(text: string): boolean {
  return REDIS_FAMILY.test(text);
}

export function isRedisRelatedName(name: string): boolean {
  return REDIS_RELATED.test(name);
}

/** `redis-cli`, `valkey-cli`, `keydb-cli` (a path's last segment). */
export function isRedisCli(command: string): boolean {
  return /^(redis|valkey|keydb)-cli$/.test(command.split('/').pop() ?? '');
}

/** `redis-server`, `valkey-sentinel`, `dragonfly`... (a path's last segment). */
export function isRedisServerBinary(command: string): boolean {
  return /^((redis|valkey|keydb)-(server|sentinel)|dragonfly)$/.test(command.split('/').pop() ?? '');
}
