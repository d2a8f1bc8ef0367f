/**
 * Reads a (possibly partly dynamic) string as a Redis URL: which parts are known literals, which
 * are holes. `redis://:${pw}@host` has a dynamic password (provided), `redis://cache:6379` none.
 */
import { isRedisUrl, parseRedisUrl } from '../../src/core/redis-url';
import { HOLE, render, type StringValue } from './value';

/** The first hole of the string is named like a host (`process.env.REDIS_HOST`, `redisHost`). */
function namesAHost(value: StringValue): boolean {
  const hole = value.pieces.find((p) => p.kind === 'hole');
  if (!hole || hole.kind !== 'hole') return false;
  const v = hole.value;
  const name =
    v.kind === 'external' ? v.name ?? '' : v.node.type === 'Identifier' ? v.node.name : v.node.type === 'MemberExpression' && !v.node.computed && v.node.property.type === 'Identifier' ? v.node.property.name : '';
  return /host|addr|server|endpoint/i.test(name) && !/url|uri|auth|cred|conn|dsn/i.test(name);
}

export interface UrlFacts {
  /** The text does not start with a known scheme (`${base}/0`): nothing is known. */
  opaque: boolean;
  /** Is a redis/valkey/unix URL. */
  redis: boolean;
  password: 'none' | 'literal' | 'dynamic';
  /** For literal passwords: the decoded text and where its raw text sits in the rendered string. */
  passwordText?: string;
  passwordSpan?: [number, number];
  /** Userinfo or query built from holes: a password may hide there. */
  maybeHidden: boolean;
  /** undefined: no host (library default); null: dynamic. */
  host?: string | null;
  socket: boolean;
  socketPath?: string;
  port?: number;
  tls: boolean;
}

export function readUrl(value: StringValue): UrlFacts {
  const { text } = render(value);
  const base: UrlFacts = { opaque: true, redis: false, password: 'none', maybeHidden: false, socket: false, tls: false };
  if (!isRedisUrl(text)) {
    return { ...base, opaque: text.trimStart().startsWith(HOLE) };
  }
  const url = parseRedisUrl(text);
  if (!url) return base;
  const facts: UrlFacts = { ...base, opaque: false, redis: true, tls: url.tls, socket: url.socketPath !== undefined };
  if (url.socketPath !== undefined && !url.socketPath.includes(HOLE)) facts.socketPath = url.socketPath;
  if (url.port !== undefined && !Number.isNaN(url.port)) facts.port = url.port;
  if (url.password !== undefined) {
    if (url.password.includes(HOLE)) facts.password = 'dynamic';
    else {
      facts.password = 'literal';
      facts.passwordText = url.password;
      if (url.passwordOffset !== undefined && url.passwordRawLength !== undefined) {
        facts.passwordSpan = [url.passwordOffset, url.passwordOffset + url.passwordRawLength];
      }
    }
  }
  if (url.username?.includes(HOLE)) facts.maybeHidden = true;
  const queryAt = text.indexOf('?');
  if (queryAt >= 0 && text.slice(queryAt).includes(HOLE)) facts.maybeHidden = true;
  // `redis://${auth}host` – a hole directly before the host may carry userinfo.
  if (!text.includes('@') && url.host?.startsWith(HOLE) && !namesAHost(value)) facts.maybeHidden = true;
  if (!facts.socket) facts.host = url.host === undefined ? undefined : url.host.includes(HOLE) ? null : url.host;
  return facts;
}
