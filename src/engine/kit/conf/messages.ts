/**
 * Every sentence the conf, ACL and sentinel analysis shows a user, in one place so wording stays
 * consistent across checks. Never a secret in full: values go through maskSecret.
 */
import { maskSecret } from '../../../core/secrets';
import type { Directive } from './load';

export function arityMessage(d: Directive): string {
  const extra = d.args.slice(1).find((a) => a.startsWith('#'));
  const comment = extra !== undefined ? ' Redis has no inline comments: everything after the value, `#` included, is more arguments.' : '';
  return `\`${d.name}\` takes exactly one argument but has ${d.args.length}, so Redis refuses to start ("wrong number of arguments").${comment} Put comments on their own line and quote values that contain spaces.`;
}

export function fixFor(kind: 'requirepass' | 'masterauth' | 'user' | 'auth-pass'): string {
  switch (kind) {
    case 'requirepass':
      return 'Keep it out of the repository: pass `--requirepass` from a secret at startup, `include` a secrets file mounted at deploy time, or use an ACL file with a `#<sha256>` hash.';
    case 'masterauth':
      return 'Pass `--masterauth` from a secret at startup or `include` a secrets file mounted at deploy time.';
    case 'user':
      return 'Store a `#<sha256>` hash instead of `>password`, or load the ACL file from a secret.';
    case 'auth-pass':
      return 'Render sentinel.conf at startup from a secret (Sentinel rewrites this file, so mount a writable copy).';
  }
}

/** How a password is named at the start of a finding (`\`requirepass\` \`ab…\` is …`). */
export const what = {
  directive: (name: string) => `\`${name}\``,
  aclUser: (user: string) => `The password of ACL user \`${user}\``,
  aclUserStray: (user: string) => `The password of ACL user \`${user}\` (after a bare \`>\`)`,
  authPass: (master: string) => `\`sentinel auth-pass ${master}\``,
  sentinelPass: '`sentinel sentinel-pass`',
};

/** Message fragments shared by the three kinds of file. */
export function unexpandedMessage(what: string, variable: string, reader: string, kubernetes = false): string {
  if (kubernetes) {
    return (
      `${what} is the literal text \`${variable}\`: Kubernetes expands only \`$(VAR)\` in container args, ` +
      `not \`\${VAR}\` (docker-library/redis#46), so the password is this publicly known string. ` +
      `Write \`$(REDIS_PASSWORD)\` with the variable set from a Secret (\`valueFrom.secretKeyRef\`).`
    );
  }
  return (
    `${what} is the literal text \`${variable}\`: ${reader} does not expand environment variables in its config ` +
    `(redis/redis#11931), so the password is this publicly known string. Render the file at startup ` +
    `(envsubst, an init container) or pass \`--requirepass "$VAR"\` on the command line.`
  );
}

export function weakMessage(what: string, value: string, reason: string): string {
  return `${what} \`${maskSecret(value)}\` ${reason}. Use a long random password (32+ characters) and keep it out of the repository.`;
}

export function hardcodedMessage(what: string, value: string, fix: string): string {
  return `${what} \`${maskSecret(value)}\` is committed in plain text; anyone who can read the repository can log in. ${fix}`;
}

/** Lines Redis (or Sentinel) refuses to start on. */
export const refused = {
  userWithoutName: '`user` needs a user name and rules; Redis refuses to start',
  sentinelOutsideSentinel: '`sentinel` directive outside sentinel mode; redis-server refuses to start',
  userLinesWithAclfile:
    '`user` lines in the config and `aclfile` cannot be used together: Redis refuses to start. Move the user lines into the ACL file.',
  duplicateUser: (name: string) => `duplicate \`user ${name}\` line: Redis refuses to start; merge the rules into one line`,
  badAclRule: (error: string, name: string) => `${error} in \`user ${name}\`; Redis refuses to start`,
};

/** Diagnostics about an `aclfile` the analysis could not follow. */
export const aclfileNotRead = {
  outside: (target: string) => `\`aclfile ${target}\` leaves the repository; not read`,
  missing: (target: string) => `\`aclfile ${target}\` is not in the repository; auth not judged`,
};

/** Why the default user ends up as it does (the middle of the no-auth message; no secret). */
export const reasons = {
  nothingSet: (sentinel: boolean) =>
    sentinel ? 'Sentinel has no `requirepass`, `user` or `aclfile`' : 'the config sets no `requirepass`, `user default` or `aclfile`',
  emptyRequirepass: '`requirepass ""` is empty, which means nopass',
  userDefaultDecides: 'the `user default` line decides',
  userDefaultOpen: '`user default` is `on` and `nopass`',
  aclDefaultMissing: (path: string) =>
    `the ACL file ${path} defines no \`default\` user, so Redis recreates it as \`on nopass\` (and \`requirepass\` is ignored with an aclfile)`,
  aclDefaultOpen: (path: string) => `the ACL file ${path} sets \`user default on nopass\``,
  aclDecides: (path: string) => `the ACL file ${path} decides`,
};

/** Why the default user's verdict is unknown (first one wins as the reason). */
export const unknownBecause = {
  includeOnCommandLine: '`--include` on the command line is not followed',
  aclDefaultRefused: (path: string) => `the \`user default\` line of ${path} is refused by the ACL loader`,
  aclfileNotHere: (target: string, where: string) => `\`aclfile ${target}\` at ${where} cannot be read here`,
  aclfileOutside: (target: string, where: string) => `\`aclfile ${target}\` at ${where} leaves the repository`,
  aclfileMissing: (target: string, where: string) => `\`aclfile ${target}\` at ${where} is not in the repository`,
  aclfileUnreadable: (target: string, where: string) => `\`aclfile ${target}\` at ${where} could not be read`,
};

/** The no-auth finding: what is open, why, how far it reaches, and the fix. */
export function noAuthMessage(o: { sentinel: boolean; reason: string; tcp: boolean; loopbackOnly: boolean; limited: boolean; aclfile: boolean }): string {
  const scope = !o.tcp
    ? ' It only listens on a unix socket, so local processes get full access.'
    : o.loopbackOnly
      ? ' It only listens on loopback, so any local process or container sharing the network namespace gets full access.'
      : o.limited
        ? ' protected-mode refuses remote clients today (Redis 7+), but one `CONFIG SET protected-mode no` or bind change opens it.'
        : '';
  const what = o.sentinel
    ? 'Sentinel accepts commands (SENTINEL SET, FAILOVER, CONFIG) from any client without a password'
    : 'Redis accepts commands from any client without a password';
  const fix = o.aclfile
    ? ' `requirepass` does not count with an aclfile: add `user default off` (and named users), or `user default on #<sha256> ~* +@all`, to the ACL file.'
    : o.sentinel
      ? ' Set `requirepass` in sentinel.conf (the same on every Sentinel) from a secret.'
      : ' Set a password for the default user (`requirepass`, or `user default on #<sha256> ~* +@all` in an ACL file) kept out of the repository, or turn `default` off and use named ACL users.';
  return `${what}: ${o.reason}.${scope}${fix}`;
}

export function protectedModeOffMessage(bind: string[] | undefined, port: string): string {
  return `\`protected-mode no\` with ${bind ? `\`bind ${bind.join(' ')}\`` : 'no `bind` (all interfaces)'} and no password lets any host that reaches port ${port} run commands. Set a password first; keep \`protected-mode yes\` or bind to loopback until then.`;
}

export const replicaNeedsMasterAuthBecause =
  'this server itself requires a password, and replicas in one deployment normally share it with their master (any replica may be promoted)';

export function replicaNoMasterAuthMessage(host: string, port: string, why: string): string {
  return `This replica of ${host}:${port} has no \`masterauth\` (\`primaryauth\` in Valkey 8), but ${why}. Replication will fail with NOAUTH; add \`masterauth\` with the master's password (and \`masteruser\` for an ACL user).`;
}

export const clusterNoMasterAuthMessage =
  'This password-protected cluster node has no `masterauth` (`primaryauth` in Valkey 8): after a failover it becomes a replica and cannot sync from the new master (NOAUTH). Set `masterauth` to the cluster password on every node.';

export function plaintextPortWithTlsMessage(tlsPort: string, port: string): string {
  return `TLS listens on ${tlsPort} but the plaintext port ${port} is still open, so clients can skip TLS and send the password in clear. Set \`port 0\` to serve TLS only.`;
}

export function monitorNoAuthPassMessage(name: string): string {
  return `Master \`${name}\` is monitored without \`sentinel auth-pass ${name} …\`: either that master (and its replicas) run without a password, or Sentinel cannot connect to fail it over. Give the master a password and add \`sentinel auth-pass ${name} <password>\`.`;
}
