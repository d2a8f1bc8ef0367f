/**
 * Cheap content tests run on every candidate file. Classify by content, not name: many projects
 * ship a `sentinel.conf` or `*.conf` that has nothing to do with Redis.
 */
import { looksLikeAclFile } from './acl-file';

/** Directives no other common config format uses. One of them makes a file a redis.conf. */
const STRONG = new RegExp(
  '^[ \\t]*(' +
    [
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
    ].join('|') +
    ')[ \\t]+\\S',
  'im',
);

/** Directives Redis shares with other formats: two different ones are needed. */
const GENERIC = /^[ \t]*(bind|port|daemonize|loglevel|logfile|databases|save|dir|timeout|tcp-keepalive|unixsocket|pidfile|supervised|include|always-show-logo)[ \t]+\S/gim;

/** A `user` line with ACL rules: `user default on nopass ~* +@all`. */
const USER_LINE = /^[ \t]*user[ \t]+\S+[ \t]+.*(?:\bon\b|\boff\b|\bnopass\b|[ \t][>#~+&%]|\ballkeys\b|\ballcommands\b)/im;

const SENTINEL_MONITOR = /^[ \t]*sentinel[ \t]+monitor[ \t]+\S+/im;

export function isSentinelConf(text: string): boolean {
  return SENTINEL_MONITOR.test(text);
}

/** Not a redis.conf: an ACL file by content and not named like a conf. */
function isAclNamed(path: string): boolean {
  const base = path.split('/').pop()!.toLowerCase();
  return base.endsWith('.acl') || base.includes('acl') || !base.endsWith('.conf');
}

/** Files of these kinds may mention directives (docs, scripts) but are never read by Redis. */
const NOT_CONF = /\.(md|markdown|rst|txt|adoc|html?|sh|bash|ps1|py|rb|go|rs|java|kt|[cm]?[jt]sx?|ya?ml|json|toml|ini|xml|lock|dockerfile)$/i;

/** Any active `sentinel …` directive: a Sentinel config (possibly a base file without masters). */
const SENTINEL_DIRECTIVE = /^[ \t]*sentinel[ \t]+[a-z-]+[ \t]+\S/im;

export function isRedisConf(path: string, text: string): boolean {
  if (NOT_CONF.test(path) || /(^|\/)dockerfile[^/]*$/i.test(path)) return false;
  // redis-server refuses `sentinel` directives; a base sentinel.conf without `sentinel monitor`
  // (an operator adds the masters at runtime) is neither a server conf nor, by itself, a Sentinel.
  if (SENTINEL_DIRECTIVE.test(text)) return false;
  if (looksLikeAclFile(text) && isAclNamed(path)) return false;
  // Other formats end lines with `;` or open blocks (nginx, HAProxy): not Redis.
  if (/^[ \t]*[a-z_]+[^\n#]*[;{][ \t]*$/im.test(text) && !STRONG.test(text)) return false;
  if (STRONG.test(text) || USER_LINE.test(text)) return true;
  const seen = new Set<string>();
  for (const m of text.matchAll(GENERIC)) {
    seen.add(m[1].toLowerCase());
    if (seen.size >= 2) return true;
  }
  return false;
}

export function isAclFile(path: string, text: string): boolean {
  if (NOT_CONF.test(path) && !/\.txt$/i.test(path)) return false;
  return isAclNamed(path) && looksLikeAclFile(text);
}
