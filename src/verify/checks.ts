/**
 * The checks `verify` runs, over one connection, in this order:
 *   PING (no credentials) -> AUTH [user] <password> -> PING -> ACL WHOAMI
 *   -> ACL LIST (or ACL GETUSER default) -> CONFIG GET protected-mode
 * Every command is read-only; docs/verify.md lists them and when each is sent.
 */
import { isLoopbackHost } from '../core/hosts';
import { maskSecret } from '../core/secrets';
import { ConnectionError, RedisConnection, type TlsInfo, type TlsSettings } from './connection';
import { RespError, type RespValue } from './resp';
import type { CheckResult, VerifyReport } from './result';
import type { Target } from './target';

export interface VerifySettings {
  target: Target;
  tls?: TlsSettings;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Names the variables credentials are read from, for the "no credentials" message. */
  credentialHint?: string;
}

export interface CheckRun {
  checks: CheckResult[];
  error?: VerifyReport['error'];
}

/** What the replies told us about the server, shared between checks. */
interface Evidence {
  /** The default user is enabled and has no password (true), has one or is off (false), or unknown. */
  defaultNopass?: boolean;
  /** How we learnt defaultNopass, for messages. */
  defaultNopassFrom?: string;
  /**
   * The passwordless default user was seen refusing PING (NOPERM): clients without credentials get
   * in, but only to a restricted command set, so its failures are not marked critical.
   */
  defaultRestricted?: boolean;
}

type Session = 'authenticated' | 'open' | 'none';

export async function runChecks(settings: VerifySettings): Promise<CheckRun> {
  const { target } = settings;
  const scrub = scrubber(target.password);
  const checks: CheckResult[] = [];
  let conn: RedisConnection;
  try {
    conn = await RedisConnection.connect({
      host: target.host,
      port: target.port,
      path: target.path,
      tls: settings.tls,
      connectTimeoutMs: settings.connectTimeoutMs,
      commandTimeoutMs: settings.commandTimeoutMs,
    });
  } catch (error) {
    if (error instanceof ConnectionError) return { checks, error: { kind: error.kind, message: scrub(error.message) } };
    throw error;
  }
  try {
    const evidence: Evidence = {};
    const unauth = judgeUnauthenticated(await conn.command(['PING']), evidence, scrub);
    checks.push(unauth.result);

    let session: Session = unauth.open ? 'open' : 'none';
    let user = 'default';
    if (unauth.denied) {
      checks.push(
        target.password !== undefined
          ? fail('auth', 'the server closed the connection before AUTH could be sent (protected mode refuses this client whatever its credentials)')
          : skip('auth', noCredentials(settings.credentialHint)),
      );
    } else if (target.password === undefined) {
      checks.push(skip('auth', noCredentials(settings.credentialHint)));
    } else {
      const authed = await authenticate(conn, target, scrub);
      checks.push(authed.result);
      if (authed.ok) {
        session = 'authenticated';
        user = authed.user;
      }
    }

    if (unauth.denied) {
      checks.push(fail('nopass-users', `the default user is enabled and has no password (${evidence.defaultNopassFrom}); users could not be listed`));
      checks.push(pass('protected-mode', 'protected mode is on: the server refused this client because the default user has no password; clients on its own host get in without one'));
    } else {
      checks.push(await nopassUsers(conn, session, user, evidence, scrub));
      checks.push(await protectedMode(conn, session, user, evidence, scrub));
    }
    checks.push(tlsCheck(target, conn.tlsInfo, settings.tls));
    return { checks };
  } catch (error) {
    if (error instanceof ConnectionError) return { checks, error: { kind: error.kind, message: scrub(error.message) } };
    throw error;
  } finally {
    conn.close();
  }
}

function pass(id: CheckResult['id'], message: string): CheckResult {
  return { id, status: 'pass', message };
}
function fail(id: CheckResult['id'], message: string, critical = false): CheckResult {
  return critical ? { id, status: 'fail', message, critical: true } : { id, status: 'fail', message };
}
function skip(id: CheckResult['id'], message: string): CheckResult {
  return { id, status: 'skip', message };
}

/**
 * Server text is printed as is, except that the configured password is masked should a server or
 * proxy ever echo it. Very short passwords are not searched for (they would mangle every word).
 */
export function scrubber(password: string | undefined): (text: string) => string {
  if (!password || password.length < 4) return (text) => text;
  return (text) => text.split(password).join(maskSecret(password));
}

function errorText(reply: RespValue, scrub: (t: string) => string): string {
  if (reply instanceof RespError) return clip(scrub(reply.message));
  if (Array.isArray(reply)) return 'an array';
  return clip(scrub(String(reply)));
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 200 ? `${one.slice(0, 197)}...` : one;
}

function noCredentials(hint: string | undefined): string {
  return `no credentials configured, so AUTH was not tried${hint ? `: ${hint}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// unauthenticated-ping

interface UnauthVerdict {
  result: CheckResult;
  /** The connection is usable without credentials. */
  open: boolean;
  /** Protected mode refused us and closed the connection. */
  denied: boolean;
}

/**
 * Redis >= 6 answers NOAUTH only while the default user has a password or is off
 * (`authRequired()` in server.c); once the default user is on + nopass, an unauthenticated client
 * *is* the default user, so PONG or NOPERM both mean "no password". Before 6.0, the refusal read
 * "-ERR operation not permitted".
 */
function judgeUnauthenticated(reply: RespValue, evidence: Evidence, scrub: (t: string) => string): UnauthVerdict {
  if (reply === 'PONG') {
    evidence.defaultNopass = true;
    evidence.defaultNopassFrom = 'PING without credentials answered PONG';
    return {
      result: fail('unauthenticated-ping', 'PING without credentials answered PONG: anyone who can reach this port can read and change the data', true),
      open: true,
      denied: false,
    };
  }
  if (reply instanceof RespError) {
    const text = errorText(reply, scrub);
    if (reply.code === 'NOAUTH' || /authentication required|operation not permitted/i.test(reply.message)) {
      evidence.defaultNopass = false;
      evidence.defaultNopassFrom = 'PING without credentials was refused with NOAUTH';
      return { result: pass('unauthenticated-ping', `PING without credentials was refused: ${text}`), open: false, denied: false };
    }
    if (reply.code === 'NOPERM') {
      evidence.defaultNopass = true;
      evidence.defaultRestricted = true;
      evidence.defaultNopassFrom = 'PING without credentials got NOPERM, which Redis answers only when the default user has no password';
      return {
        result: pass(
          'unauthenticated-ping',
          `PING without credentials was refused (${text}); but clients without credentials act as the default user, which has no password: see nopass-users`,
        ),
        open: true,
        denied: false,
      };
    }
    if (reply.code === 'DENIED') {
      evidence.defaultNopass = true;
      evidence.defaultNopassFrom = 'protected mode refused this client, which it does only when the default user has no password';
      return {
        result: fail(
          'unauthenticated-ping',
          'refused by protected mode, not by a password (DENIED): the default user has no password, so clients on the server\'s own host, or anywhere once protected mode is off, get in without one',
        ),
        open: false,
        denied: true,
      };
    }
    return {
      result: fail('unauthenticated-ping', `could not confirm that clients without credentials are refused: PING answered ${text}`),
      open: false,
      denied: false,
    };
  }
  return {
    result: fail('unauthenticated-ping', `could not confirm that clients without credentials are refused: PING answered ${errorText(reply, scrub)}`),
    open: false,
    denied: false,
  };
}

// ---------------------------------------------------------------------------------------------
// auth

async function authenticate(
  conn: RedisConnection,
  target: Target,
  scrub: (t: string) => string,
): Promise<{ ok: boolean; user: string; result: CheckResult }> {
  const password = target.password as string;
  const named = target.username !== undefined && target.username !== 'default';
  // One-argument AUTH for the default user keeps Redis < 6 (no ACLs) working.
  const reply = await conn.command(named ? ['AUTH', target.username as string, password] : ['AUTH', password]);
  const as = named ? `user '${target.username}'` : 'the default user';
  const from = target.credentialSource ? ` (password from ${target.credentialSource})` : '';
  if (reply !== 'OK') {
    return { ok: false, user: 'default', result: fail('auth', `AUTH as ${as}${from} was rejected: ${errorText(reply, scrub)}`) };
  }
  const ping = await conn.command(['PING']);
  const who = await conn.command(['ACL', 'WHOAMI']);
  const user = typeof who === 'string' ? who : named ? (target.username as string) : 'default';
  const asWho = typeof who === 'string' ? `user '${who}'` : as;
  if (ping === 'PONG') return { ok: true, user, result: pass('auth', `AUTH as ${asWho}${from} succeeded and PING answered PONG`) };
  if (ping instanceof RespError && ping.code === 'NOPERM') {
    return { ok: true, user, result: pass('auth', `AUTH as ${asWho}${from} succeeded; this user may not run PING (${errorText(ping, scrub)})`) };
  }
  return { ok: true, user, result: fail('auth', `AUTH as ${asWho}${from} succeeded but PING answered ${errorText(ping, scrub)}`) };
}

// ---------------------------------------------------------------------------------------------
// nopass-users

/** `user <name> on|off [nopass] [#hash...] ...` lines from ACL LIST. Hashes are read and dropped. */
export function enabledNopassUsers(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const tokens = line.split(' ');
    if (tokens[0] !== 'user' || !tokens[1]) continue;
    if (tokens.includes('on') && tokens.includes('nopass')) out.push(tokens[1]);
  }
  return out;
}

/** `ACL GETUSER` answers a flat [key, value, ...] list; `flags` holds on/off/nopass. */
function flagsOf(reply: RespValue): string[] | undefined {
  if (!Array.isArray(reply)) return undefined;
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const value = reply[i + 1];
    if (reply[i] === 'flags' && Array.isArray(value)) return value.filter((f): f is string => typeof f === 'string');
  }
  return undefined;
}

function refusal(reply: RespValue, command: string, user: string, scrub: (t: string) => string): string {
  if (reply instanceof RespError) {
    if (reply.code === 'NOPERM') return `user '${user}' may not run ${command} (NOPERM)`;
    if (/unknown (sub)?command|unknown subcommand|wrong number/i.test(reply.message)) return `${command} is not available (Redis before 6.0, or the command was renamed): ${errorText(reply, scrub)}`;
    return `${command} answered ${errorText(reply, scrub)}`;
  }
  return `${command} answered an unexpected reply`;
}

async function nopassUsers(conn: RedisConnection, session: Session, user: string, evidence: Evidence, scrub: (t: string) => string): Promise<CheckResult> {
  if (session === 'none') return fromEvidence(evidence, 'not checked: needs an authenticated connection (configure credentials)');
  const list = await conn.command(['ACL', 'LIST']);
  if (Array.isArray(list) && list.every((l) => typeof l === 'string')) {
    const lines = list;
    const open = enabledNopassUsers(lines);
    evidence.defaultNopass = open.includes('default');
    evidence.defaultNopassFrom = 'ACL LIST';
    if (open.length === 0) return pass('nopass-users', `ACL LIST: none of the ${lines.length} user(s) is enabled without a password`);
    const names = open.map((n) => (n === 'default' ? 'default (every client without credentials is this user)' : n)).join(', ');
    return fail('nopass-users', `ACL LIST: enabled user(s) without a password: ${names}`, open.includes('default') && !evidence.defaultRestricted);
  }
  const whyNoList = refusal(list, 'ACL LIST', user, scrub);
  const getuser = await conn.command(['ACL', 'GETUSER', 'default']);
  const flags = flagsOf(getuser);
  if (flags) {
    const open = flags.includes('on') && flags.includes('nopass');
    evidence.defaultNopass = open;
    evidence.defaultNopassFrom = 'ACL GETUSER default';
    return open
      ? fail('nopass-users', `ACL GETUSER default: the default user is enabled without a password; other users not listed (${whyNoList})`, !evidence.defaultRestricted)
      : pass('nopass-users', `ACL GETUSER default: the default user has a password or is disabled; other users not listed (${whyNoList})`);
  }
  return fromEvidence(evidence, `not checked: ${whyNoList}; ${refusal(getuser, 'ACL GETUSER default', user, scrub)}`);
}

/** Without ACL access, the unauthenticated reply still says whether the default user has a password. */
function fromEvidence(evidence: Evidence, why: string): CheckResult {
  if (evidence.defaultNopass) {
    return fail('nopass-users', `the default user is enabled and has no password (${evidence.defaultNopassFrom}); other users ${why}`, !evidence.defaultRestricted);
  }
  return skip('nopass-users', `users ${why}`);
}

// ---------------------------------------------------------------------------------------------
// protected-mode

async function protectedMode(conn: RedisConnection, session: Session, user: string, evidence: Evidence, scrub: (t: string) => string): Promise<CheckResult> {
  if (session === 'none') return skip('protected-mode', 'not checked: CONFIG GET needs an authenticated connection (configure credentials)');
  const reply = await conn.command(['CONFIG', 'GET', 'protected-mode']);
  if (!Array.isArray(reply)) return skip('protected-mode', `not checked: ${refusal(reply, 'CONFIG GET protected-mode', user, scrub)}`);
  if (reply.length < 2 || typeof reply[1] !== 'string') return skip('protected-mode', 'not checked: this server has no protected-mode setting (Redis before 3.2)');
  const on = reply[1].toLowerCase() === 'yes';
  if (on) {
    return pass(
      'protected-mode',
      evidence.defaultNopass
        ? 'protected mode is on: as the default user has no password, only clients on the server\'s own host (loopback, Unix socket) are let in'
        : 'protected mode is on (it acts only while the default user has no password)',
    );
  }
  if (evidence.defaultNopass) {
    return fail('protected-mode', 'protected mode is off and the default user has no password: any client that can reach the port gets in', !evidence.defaultRestricted);
  }
  if (evidence.defaultNopass === false) {
    return pass('protected-mode', 'protected mode is off, which is harmless while the default user has a password or is disabled');
  }
  return skip('protected-mode', 'protected mode is off; whether that matters depends on the default user having a password, which could not be determined');
}

// ---------------------------------------------------------------------------------------------
// tls

function tlsCheck(target: Target, info: TlsInfo | undefined, settings: TlsSettings | undefined): CheckResult {
  if (!target.tls || !info) {
    const local = target.path !== undefined || isLoopbackHost(target.host);
    return skip(
      'tls',
      local
        ? 'plaintext connection to a local server (rediss:// not requested)'
        : 'plaintext connection (rediss:// not requested): the password and the data cross the network unencrypted',
    );
  }
  const suite = `${info.protocol ?? 'TLS'}, ${info.cipher}`;
  const clientCert = settings?.cert ? '; client certificate presented' : '';
  if (info.verified) {
    const ca = settings?.ca ? 'the CA given with --ca' : "the system's CAs";
    return pass('tls', `TLS (${suite}); server certificate verified against ${ca}${clientCert}`);
  }
  return skip(
    'tls',
    `encrypted (${suite}) but the server certificate was NOT verified (--insecure${info.verifyError ? `: ${info.verifyError}` : ''}): anyone on the path could pose as the server and receive the password${clientCert}`,
  );
}
