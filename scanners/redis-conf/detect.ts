/**
 * Cheap content tests run on every candidate file. Classify by content, not name: many projects
 * ship a `sentinel.conf` or `*.conf` that has nothing to do with Redis.
 *
 * Everything here is one pass over at most MAX_LINES lines, each cut to MAX_LINE characters, with
 * no backtracking regular expression over the whole text: a 1 MiB one-line file costs the same as
 * a short one.
 */

const MAX_LINES = 5000;
const MAX_LINE = 400;

/** Directives no other common config format uses. One of them makes a file a redis.conf. */
const STRONG = new Set([
  'requirepass', 'masterauth', 'primaryauth', 'masteruser', 'primaryuser', 'protected-mode', 'appendonly',
  'appendfsync', 'appendfilename', 'maxmemory', 'maxmemory-policy', 'maxmemory-samples', 'replicaof', 'slaveof',
  'aclfile', 'tls-port', 'tls-auth-clients', 'dbfilename', 'rename-command', 'cluster-enabled', 'cluster-config-file',
  'cluster-node-timeout', 'notify-keyspace-events', 'stop-writes-on-bgsave-error', 'rdbcompression', 'rdbchecksum',
  'repl-diskless-sync', 'repl-backlog-size', 'client-output-buffer-limit', 'lazyfree-lazy-eviction',
  'activerehashing', 'enable-debug-command', 'enable-protected-configs', 'enable-module-command',
  'replica-read-only', 'slave-read-only', 'replica-serve-stale-data', 'tcp-backlog', 'latency-monitor-threshold',
  'io-threads', 'hash-max-ziplist-entries', 'hash-max-listpack-entries', 'list-max-ziplist-size',
  'set-max-intset-entries', 'zset-max-ziplist-entries', 'slowlog-log-slower-than', 'aof-use-rdb-preamble',
  'unixsocketperm', 'acllog-max-len', 'acl-pubsub-default', 'lua-time-limit', 'busy-reply-threshold',
  'active-replica', 'server-threads', 'multi-master',
]);

/** Directives Redis shares with other formats: two different ones are needed. */
const GENERIC = new Set([
  'bind', 'port', 'daemonize', 'loglevel', 'logfile', 'databases', 'save', 'dir', 'timeout', 'tcp-keepalive',
  'unixsocket', 'pidfile', 'supervised', 'include', 'always-show-logo',
]);

/** ACL rule words and prefixes that make `user <name> …` an ACL user line. */
const RULE_WORDS = new Set(['on', 'off', 'nopass', 'resetpass', 'reset', 'allkeys', 'allcommands', 'allchannels', 'nocommands', 'resetkeys']);
const RULE_PREFIX = /^[~&+\-<>#%!(]/;

/** Files of these kinds may mention directives (docs, scripts) but are never read by Redis. */
const NOT_CONF = /\.(md|markdown|rst|txt|adoc|html?|sh|bash|ps1|py|rb|go|rs|java|kt|[cm]?[jt]sx?|ya?ml|json|toml|ini|xml|lock|dockerfile)$/i;

interface Shape {
  strong: boolean;
  generic: Set<string>;
  /** `user <name> <acl rules>` lines. */
  aclUserLines: number;
  /** Non-comment lines that are not ACL user lines. */
  otherLines: number;
  sentinelMonitor: boolean;
  /** Any active `sentinel <sub> …` directive. */
  sentinelDirective: boolean;
  /** Lines ending in `;` or `{` (nginx, HAProxy, C-like formats). */
  blockLines: number;
}

function shapeOf(text: string): Shape {
  const shape: Shape = { strong: false, generic: new Set(), aclUserLines: 0, otherLines: 0, sentinelMonitor: false, sentinelDirective: false, blockLines: 0 };
  let start = 0;
  for (let n = 0; n < MAX_LINES && start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + MAX_LINE)).trim();
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(/[ \t]+/, 4);
    const name = words[0].toLowerCase();
    const hasValue = words.length > 1 && words[1] !== '';
    if (/[;{]$/.test(line)) shape.blockLines++;
    if (!hasValue) {
      shape.otherLines++;
      continue;
    }
    if (STRONG.has(name)) shape.strong = true;
    else if (GENERIC.has(name)) shape.generic.add(name);
    if (name === 'sentinel') {
      shape.sentinelDirective = true;
      if (words[1].toLowerCase() === 'monitor' && words.length > 2) shape.sentinelMonitor = true;
    }
    if (name === 'user' && words.length > 2 && line.split(/[ \t]+/).slice(2).some((r) => RULE_WORDS.has(r.toLowerCase()) || RULE_PREFIX.test(r))) {
      shape.aclUserLines++;
    } else {
      shape.otherLines++;
    }
  }
  return shape;
}

export function isSentinelConf(text: string): boolean {
  return shapeOf(text).sentinelMonitor;
}

/** Some `user <name> <rules>` lines and nothing else (comment lines are tolerated: they are errors). */
export function looksLikeAclFile(text: string): boolean {
  const shape = shapeOf(text);
  return shape.aclUserLines > 0 && shape.otherLines === 0;
}

/** An ACL file is named like one, or at least not like a redis.conf. */
function isAclNamed(path: string): boolean {
  const base = path.split('/').pop()!.toLowerCase();
  return base.endsWith('.acl') || base.includes('acl') || !base.endsWith('.conf');
}

export function isRedisConf(path: string, text: string): boolean {
  if (NOT_CONF.test(path) || /(^|\/)dockerfile[^/]*$/i.test(path)) return false;
  const shape = shapeOf(text);
  // redis-server refuses `sentinel` directives; a base sentinel.conf without `sentinel monitor`
  // (an operator adds the masters at runtime) is neither a server conf nor, by itself, a Sentinel.
  if (shape.sentinelDirective) return false;
  if (shape.aclUserLines > 0 && shape.otherLines === 0 && isAclNamed(path)) return false;
  if (shape.strong || shape.aclUserLines > 0) return true;
  // Other formats end lines with `;` or open blocks (nginx, HAProxy): not Redis.
  return shape.blockLines === 0 && shape.generic.size >= 2;
}

export function isAclFile(path: string, text: string): boolean {
  if (NOT_CONF.test(path) && !/\.txt$/i.test(path)) return false;
  return isAclNamed(path) && looksLikeAclFile(text);
}

export function isSentinelFile(path: string, text: string): boolean {
  return !/\.(md|txt|ya?ml|json|sh|py|[jt]s)$/i.test(path) && isSentinelConf(text);
}
