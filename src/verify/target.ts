/**
 * Where to connect and with which credentials. The target comes from --url or an environment
 * variable; credentials only from the environment (the password variable, or the userinfo of the
 * URL variable). A password written into --url is refused, like a --password flag.
 */
import { parseRedisUrl, redactRedisUrl, redactUserinfo } from '../core/redis-url';
import { escapeControls } from '../core/terminal';
import { maskSecret } from '../core/secrets';
import type { VerifyOptions } from './options';

export interface Target {
  /** The URL as given, password masked: safe to print. */
  display: string;
  tls: boolean;
  host?: string;
  port?: number;
  /** Unix socket path. */
  path?: string;
  username?: string;
  password?: string;
  /** Where the credentials came from, for messages: `$REDIS_PASSWORD`, `the userinfo of $REDIS_URL`. */
  credentialSource?: string;
}

export type ResolvedTarget = { ok: true; target: Target } | { ok: false; error: string };

const SUPPORTED = new Set(['redis', 'rediss', 'valkey', 'valkeys', 'keydb', 'keydbs', 'unix', 'redis+unix', 'redis-socket']);

export function resolveTarget(options: VerifyOptions, env: Record<string, string | undefined>): ResolvedTarget {
  const fromFlag = options.url !== undefined;
  const raw = (fromFlag ? options.url : env[options.urlEnv])?.trim();
  if (!raw) {
    return { ok: false, error: `no target: pass --url redis://host:port or set $${options.urlEnv}` };
  }
  const url = parseRedisUrl(raw);
  if (!url) {
    const shown = escapeControls(redactUserinfo(raw, maskSecret)).slice(0, 60);
    return { ok: false, error: `${fromFlag ? '--url' : `$${options.urlEnv}`} is not a redis://, rediss:// or unix:// URL: '${shown}'` };
  }
  // The userinfo counts even when a `password=` parameter overrides it: it is still on the command line.
  if (fromFlag && ((url.password !== undefined && url.password !== '') || (url.userinfoPassword !== undefined && url.userinfoPassword !== ''))) {
    return {
      ok: false,
      error:
        'refusing a password written in --url: it ends up in shell history and process lists. ' +
        `Drop it from the URL and put it in $${options.passwordEnv}, or pass the whole URL in $${options.urlEnv}.`,
    };
  }
  if (url.scheme.includes('sentinel')) {
    return { ok: false, error: `${url.scheme}:// is not supported: point verify at the master (or each server) with redis:// or rediss://` };
  }
  if (!SUPPORTED.has(url.scheme)) return { ok: false, error: `${url.scheme}:// is not supported` };
  const isSocket = url.scheme === 'unix' || url.scheme === 'redis+unix' || url.scheme === 'redis-socket';
  if (isSocket && !url.socketPath) return { ok: false, error: `${url.scheme}:// needs a socket path, e.g. unix:///run/redis/redis.sock` };
  if (url.port !== undefined && (url.port < 1 || url.port > 65535)) return { ok: false, error: `port ${url.port} is out of range` };

  const envPassword = nonEmpty(env[options.passwordEnv]);
  const envUsername = nonEmpty(env[options.usernameEnv]);
  const urlPassword = nonEmpty(url.password);
  const password = envPassword ?? urlPassword;
  const username = envUsername ?? nonEmpty(url.username);
  let credentialSource: string | undefined;
  if (envPassword !== undefined) credentialSource = `$${options.passwordEnv}`;
  else if (urlPassword !== undefined) credentialSource = `the userinfo of $${options.urlEnv}`;

  return {
    ok: true,
    target: {
      display: redactRedisUrl(raw, maskSecret),
      tls: url.tls,
      ...(isSocket ? { path: url.socketPath } : { host: url.host ?? 'localhost', port: url.port ?? 6379 }),
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(credentialSource ? { credentialSource } : {}),
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
