/**
 * Redis sections of an application config tree: a map under a Redis-named key (`redis`,
 * `cache.redis`, `bull.redis`, `valkey`) with host/url/password/tls, or a Redis URL anywhere
 * (`cache.url: redis://…`). Keys are read the way ioredis, node-redis and Nest modules name them.
 */
import { isRedisUrl } from '../../src/core/redis-url';
import { isRedisRelatedName } from '../../src/core/redis-names';
import { entryAt, textOf, type PEntry, type PMap, type PNode } from '../../src/engine/kit/yaml-tree';

export interface Section {
  /** Key path of the section (`redis`, `cache.redis`, `queue.connection`). */
  path: string[];
  host?: PEntry;
  url?: PEntry;
  password?: PEntry;
  username?: PEntry;
  tls?: PEntry;
}

const HOST = ['host', 'hostname'];
const URL = ['url', 'uri', 'connectionString', 'connection_string', 'connectionUrl', 'redisUrl', 'redis_url'];
const PASSWORD = ['password', 'pass', 'auth', 'authPass', 'auth_pass', 'requirepass'];
const USERNAME = ['username', 'user'];
const TLS = ['tls', 'ssl', 'useTls', 'secure'];

function first(map: PMap, keys: readonly string[]): PEntry | undefined {
  for (const k of keys) {
    const e = map.entries.get(k) ?? [...map.entries.values()].find((x) => x.key.toLowerCase() === k.toLowerCase());
    if (e) return e;
  }
  return undefined;
}

function sectionOf(map: PMap, path: string[]): Section | undefined {
  const s: Section = { path, host: first(map, HOST), url: first(map, URL), password: first(map, PASSWORD), username: first(map, USERNAME), tls: first(map, TLS) };
  if (s.url && !isRedisUrl(textOf(s.url.value) ?? '') && textOf(s.url.value)?.includes('://')) s.url = undefined;
  return s.host || s.url || s.password ? s : undefined;
}

/** Every Redis section of a config tree, outermost first. */
export function redisSections(root: PNode | undefined): Section[] {
  const out: Section[] = [];
  const walk = (node: PNode, path: string[], inside: boolean, depth: number) => {
    if (node.kind !== 'map' || depth > 12) return;
    const named = path.length > 0 && isRedisRelatedName(path[path.length - 1]);
    if (named || inside) {
      const s = sectionOf(node, path);
      if (s) {
        out.push(s);
        return;
      }
    }
    for (const [key, e] of node.entries) {
      if (e.value.kind === 'scalar') {
        // `cache: { url: "redis://…" }` or `redisUrl: "redis://…"` outside a named section.
        const text = textOf(e.value);
        if (text && isRedisUrl(text) && !named) out.push({ path: [...path, key], url: e });
        continue;
      }
      walk(e.value, [...path, key], named || inside, depth + 1);
    }
  };
  walk(root ?? { kind: 'map', at: { file: '', line: 1, column: 1 }, entries: new Map() }, [], false, 0);
  // A section whose parent is also a section (`redis.options`) adds nothing.
  return out.filter((s, i) => !out.some((o, j) => j < i && o.path.length < s.path.length && o.path.every((p, k) => s.path[k] === p)));
}

/** The entry at a dotted path of another tree (the env-variable map). */
export function mappedVariable(envMap: PNode | undefined, path: string[]): string | undefined {
  const e = entryAt(envMap, path);
  if (!e) return undefined;
  if (e.value.kind === 'scalar') return textOf(e.value);
  // `{ "__name": "REDIS_PASSWORD", "__format": "json" }`
  return e.value.kind === 'map' ? textOf(e.value.entries.get('__name')?.value) : undefined;
}
