/**
 * redis:// URL parsing that survives templates (`redis://:${PW}@host`), which WHATWG URL does not.
 * Forms: redis://[[user][:password]@]host[:port][/db][?query], rediss:// (TLS), valkey(s)://,
 * redis+sentinel://, unix:///path?password=…, redis+unix:// and redis-socket://.
 */

export interface RedisUrl {
  /** Lower-cased scheme without `://`. */
  scheme: string;
  /** rediss://, valkeys:// or ?tls=true / ?ssl=true. */
  tls: boolean;
  username?: string;
  /** From the userinfo or a `password=` query parameter; percent-decoded. */
  password?: string;
  /** Where the password came from, so a rule can point at it. */
  passwordSource?: 'userinfo' | 'query';
  /** Offset of the raw password text inside the URL string (for precise report positions). */
  passwordOffset?: number;
  /** Length of the raw (still encoded) password text. */
  passwordRawLength?: number;
  /**
   * The userinfo's password even when a `password=` query parameter takes precedence
   * (`redis://:pw@host?password=`): it is still written in the URL.
   */
  userinfoPassword?: string;
  host?: string;
  port?: number;
  socketPath?: string;
  db?: number;
  query: Record<string, string>;
}

const SCHEMES = /^(rediss?|valkeys?|redis\+sentinel|rediss\+sentinel|unix|redis\+unix|redis-socket|keydb|keydbs):\/\//i;

const TLS_SCHEMES = new Set(['rediss', 'valkeys', 'keydbs', 'rediss+sentinel']);

export function isRedisUrl(text: string): boolean {
  return SCHEMES.test(text.trim());
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseRedisUrl(input: string): RedisUrl | undefined {
  const text = input.trim();
  const lead = input.length - input.trimStart().length;
  const m = SCHEMES.exec(text);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  let rest = text.slice(m[0].length);
  let restOffset = lead + m[0].length;

  const queryAt = rest.indexOf('?');
  const queryText = queryAt >= 0 ? rest.slice(queryAt + 1) : '';
  const queryOffset = restOffset + queryAt + 1;
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) rest = rest.slice(0, hashAt);

  const url: RedisUrl = { scheme, tls: TLS_SCHEMES.has(scheme), query: {} };

  // Query parameters: ioredis/node-redis accept password=, username=, db=, tls=.
  let cursor = 0;
  for (const pair of queryText ? queryText.split('&') : []) {
    const eq = pair.indexOf('=');
    const key = decode(eq >= 0 ? pair.slice(0, eq) : pair);
    const value = decode(eq >= 0 ? pair.slice(eq + 1) : '');
    url.query[key] = value;
    if (key === 'password' && eq >= 0) {
      url.password = value;
      url.passwordSource = 'query';
      url.passwordOffset = queryOffset + cursor + eq + 1;
      url.passwordRawLength = pair.length - eq - 1;
    }
    if (key === 'username' || key === 'user') url.username = value;
    cursor += pair.length + 1;
  }
  if (/^(true|1|yes)$/i.test(url.query.tls ?? url.query.ssl ?? '')) url.tls = true;

  if (scheme === 'unix' || scheme === 'redis+unix' || scheme === 'redis-socket') {
    // unix:///run/redis.sock or unix://:pw@/run/redis.sock
    const at = rest.lastIndexOf('@');
    if (at >= 0) {
      parseUserinfo(url, rest.slice(0, at), restOffset);
      rest = rest.slice(at + 1);
      restOffset += at + 1;
    }
    url.socketPath = decode(rest) || undefined;
    if (url.query.db !== undefined && /^\d+$/.test(url.query.db)) url.db = Number(url.query.db);
    return url;
  }

  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash + 1) : '';
  const at = authority.lastIndexOf('@');
  let hostPort = authority;
  if (at >= 0) {
    parseUserinfo(url, authority.slice(0, at), restOffset);
    hostPort = authority.slice(at + 1);
  }
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(hostPort);
  if (v6) {
    url.host = v6[1];
    if (v6[2]) url.port = Number(v6[2]);
  } else {
    const colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && /^\d+$/.test(hostPort.slice(colon + 1))) {
      url.host = decode(hostPort.slice(0, colon));
      url.port = Number(hostPort.slice(colon + 1));
    } else {
      url.host = decode(hostPort);
    }
  }
  if (url.host === '') url.host = undefined;
  if (/^\d+$/.test(path)) url.db = Number(path);
  else if (url.query.db !== undefined && /^\d+$/.test(url.query.db)) url.db = Number(url.query.db);
  return url;
}

function parseUserinfo(url: RedisUrl, userinfo: string, offset: number): void {
  const colon = userinfo.indexOf(':');
  if (colon < 0) {
    // redis://secret@host: ioredis and node-redis treat a lone userinfo as the *username*,
    // but many users mean it as the password. Record it as a username; rules decide.
    if (userinfo) url.username = decode(userinfo);
    return;
  }
  const user = userinfo.slice(0, colon);
  const pass = userinfo.slice(colon + 1);
  if (user) url.username = decode(user);
  url.userinfoPassword = decode(pass);
  if (url.passwordSource !== 'query') {
    url.password = decode(pass);
    url.passwordSource = 'userinfo';
    url.passwordOffset = offset + colon + 1;
    url.passwordRawLength = pass.length;
  }
}

/** The URL with its password masked (the userinfo's and the query's), for messages. */
export function redactRedisUrl(input: string, mask: (s: string) => string): string {
  return redactUserinfo(redactQueryPassword(input, mask), mask);
}

function redactQueryPassword(input: string, mask: (s: string) => string): string {
  const u = parseRedisUrl(input);
  if (!u || u.passwordSource !== 'query' || u.passwordOffset === undefined || u.passwordRawLength === undefined) return input;
  const raw = input.slice(u.passwordOffset, u.passwordOffset + u.passwordRawLength);
  return input.slice(0, u.passwordOffset) + mask(decode(raw)) + input.slice(u.passwordOffset + u.passwordRawLength);
}

/**
 * Every `scheme://user:password@` in `text` with the password masked, whatever the scheme and
 * whatever the password holds (`/`, `@`, `:`): the userinfo runs to the last `@` of the word. One
 * pass, for text that is echoed back (arguments, error messages); it may mask a little too much,
 * never too little.
 */
export function redactUserinfo(text: string, mask: (s: string) => string): string {
  let out = '';
  let from = 0;
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', from)) {
    const start = sep + 3;
    let end = start;
    while (end < text.length && !/[\s'"`<>]/.test(text[end])) end++;
    const at = text.lastIndexOf('@', end - 1);
    const colon = at >= start ? text.indexOf(':', start) : -1;
    if (colon >= 0 && colon < at) {
      out += text.slice(from, colon + 1) + mask(decode(text.slice(colon + 1, at)));
      from = at;
    } else {
      out += text.slice(from, end);
      from = end;
    }
    if (end >= text.length) break;
  }
  return out + text.slice(from);
}

/** Each `${...}` replaced by as many `x`, so URL offsets still apply to the original text. */
export function maskExpressions(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      out += 'x'.repeat(Math.min(j, text.length - 1) - i + 1);
      i = j;
      continue;
    }
    out += text[i];
  }
  return out;
}
