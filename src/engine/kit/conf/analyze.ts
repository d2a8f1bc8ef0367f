/**
 * analyzeConf: a redis.conf (or sentinel.conf) text, wherever it lives, to a ServerFact plus
 * findings. Follows Redis's startup order: config (with includes, then command-line options)
 * → `requirepass` applied to the default user → conf `user` lines → `aclfile`.
 */
import { posix } from 'node:path';
import type { Diagnostic, Finding, Severity } from '../../../core/finding';
import { aboutSecret, aboutSubject } from '../finding';
import type { AuthMode, Credential, ServerFact, SourceRef } from '../../../core/facts';
import type { Environment } from '../../../core/environment';
import { isLoopbackHost } from '../../../core/hosts';
import type { ScanContext } from '../contract';
import { applyAclRules, builtInDefaultUser, resetUser, strayPasswordIndexes, verdictOf, type AclUserState, type DefaultUserVerdict } from './acl';
import { parseAclFile } from './acl-file';
import { makeFinding, type CheckId } from './checks';
import { argsToDirectives, loadConfText, resolveRepoPaths, type Directive, type LoadState, type Place } from './load';
import { arityMessage, fixFor } from './messages';
import { renderedFiles } from './rendered';
import { credentialOf, hardcodedMessage, isTemplatePath, judgeLiteral, unexpandedMessage, weakMessage } from './secrets';

/** Options for analysing redis.conf text that lives on disk or inside another file. */
export interface ConfAnalysisOptions {
  /** File the findings point into (the conf itself, or the YAML that embeds it). */
  file: string;
  /** 0-based line of the embedding file where the conf text starts (0 for a file on its own). */
  lineOffset?: number;
  /** Columns to add to every position (the indentation of a YAML block scalar). */
  columnOffset?: number;
  /** Lets `include` and `aclfile` be followed inside the repository; absent for embedded text. */
  ctx?: ScanContext;
  /** Command-line arguments after the conf path (`--requirepass x --port 6380`); they win. */
  args?: string[];
  /**
   * True when there is no conf file at all (`redis-server` with only arguments): compiled-in
   * defaults apply (bind all interfaces).
   */
  noConfFile?: boolean;
  /** protected-mode default: the official/valkey/keydb images patch it to off. */
  protectedModeDefault?: boolean;
  subject?: string;
  label?: string;
  environment?: Environment;
  product?: ServerFact['product'];
  /**
   * Where `args` are written (a compose `command:` line, a Kubernetes `args:` item), when that is
   * not `file`: findings about an argument point here. Defaults to line 1 of `file`.
   */
  argsAt?: SourceRef;
  /** Per-argument places, parallel to `args`; missing entries fall back to `argsAt`. */
  argRefs?: (SourceRef | undefined)[];
  /**
   * Whether `args` went through a shell, Compose or Kubernetes interpolation, so `$VAR`/`${VAR}`
   * in them are references, not literals. Default true.
   */
  argsExpanded?: boolean;
  /**
   * `kubernetes` when `args` come from a container's `args`/`command`: Kubernetes expands
   * `$(VAR)` but passes `${VAR}` literally. Default `shell` (everything already expanded).
   */
  argsExpansion?: 'shell' | 'kubernetes';
  /**
   * Report literal passwords found in `args` (default true). A caller that reports secrets in its
   * own file (the compose `command:`) sets this to false to avoid a second finding.
   */
  reportArgSecrets?: boolean;
  /** Maps a path as Redis sees it (`/usr/local/etc/redis/users.acl`) to a repository path. */
  resolvePath?: (path: string) => string | undefined;
  /** Read the text as sentinel.conf (sentinel checks, `sentinel …` directives). */
  sentinel?: boolean;
}

/** What the analysis learnt about the default user, for callers that combine facts. */
export interface EffectiveAuth {
  verdict: DefaultUserVerdict | 'unknown';
  /** Why (one sentence, no secret). */
  reason: string;
  /** The element to point at: the switch that opened it, or where auth should go. */
  at: Place;
  /** Named ACL users exist besides `default`. */
  aclUsers: boolean;
}

export interface ConfAnalysis {
  fact: ServerFact;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The default user after startup (always set by analyzeConf). */
  auth?: EffectiveAuth;
  /** Repository files this analysis read (the conf, its includes, its ACL file). */
  filesRead?: string[];
  /** The ACL file named by `aclfile`, when it was read (its own findings come from the ACL scanner). */
  aclFile?: { path: string; loadErrors: number; defaultMissing: boolean };
  /** The last `replicaof`/`slaveof`, when it names a master. */
  replicaOf?: { host: string; port: string; at: Place; hasMasterAuth: boolean };
}

const SINGLE_ARG_AUTH = new Set(['requirepass', 'masterauth', 'primaryauth', 'masteruser', 'primaryuser', 'aclfile']);
const SINGLE_ARG_OTHER = new Set(['port', 'tls-port', 'protected-mode', 'unixsocket', 'daemonize', 'dir', 'dbfilename', 'appendonly']);

interface Ids {
  noAuth: CheckId;
  hardcoded: CheckId;
  weak: CheckId;
  unexpanded: CheckId;
  protectedMode: CheckId;
}

const CONF_IDS: Ids = {
  noAuth: 'conf-no-auth',
  hardcoded: 'conf-hardcoded-password',
  weak: 'conf-weak-password',
  unexpanded: 'conf-env-var-not-expanded',
  protectedMode: 'conf-protected-mode-off',
};
const SENTINEL_IDS: Ids = {
  noAuth: 'sentinel-no-auth',
  hardcoded: 'sentinel-hardcoded-password',
  weak: 'sentinel-weak-password',
  unexpanded: 'sentinel-env-var-not-expanded',
  protectedMode: 'sentinel-protected-mode-off',
};

export function analyzeConf(text: string, options: ConfAnalysisOptions): ConfAnalysis {
  const lineOffset = options.lineOffset ?? 0;
  const columnOffset = options.columnOffset ?? 0;
  const sentinel = options.sentinel === true;
  const ids = sentinel ? SENTINEL_IDS : CONF_IDS;
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const state: LoadState = {
    ctx: options.ctx,
    diagnostics,
    unknownReasons: [],
    filesRead: options.noConfFile ? [] : [options.file],
    resolvePath: options.resolvePath,
    stack: [options.file],
  };
  const top: Place = { file: options.file, line: lineOffset + 1, column: columnOffset + 1 };
  const argsAt: Place = options.argsAt ? toPlace(options.argsAt) : top;

  // 1. The config: the file (with includes), then the command-line options, in that order.
  const directives: Directive[] = [];
  if (!options.noConfFile) loadConfText(text, { file: options.file, lineOffset, columnOffset }, state, directives);
  const args = options.args ?? [];
  const fromArgs = argsToDirectives(args, (i) => options.argRefs?.[i] ?? argsAt);
  for (const d of fromArgs) {
    if (d.name === 'include') state.unknownReasons.push('`--include` on the command line is not followed');
    else directives.push(d);
  }

  const rendered = renderedFiles(directives);
  const literalContext = (d: Directive) =>
    d.fromArgs
      ? options.argsExpansion === 'kubernetes'
        ? { expanded: true, template: false, kubernetes: true }
        : { expanded: options.argsExpanded ?? true, template: false }
      : { expanded: false, template: isTemplatePath(options.file) || isTemplatePath(d.at.file) || rendered.has(d.at.file) };
  const reportSecrets = (d: Directive) => !d.fromArgs || options.reportArgSecrets !== false;
  const credentials: Credential[] = [];

  /** Judges one literal password; emits at most one finding. */
  const literal = (value: string, at: Place, d: Directive, what: string, fix: string, username?: string): void => {
    const verdict = judgeLiteral(value, literalContext(d));
    if (username !== undefined && value !== '') credentials.push(credentialOf(value, verdict, toRef(at, d), username));
    if (!reportSecrets(d)) return;
    const place = { ...at, anchor: anchorOf(d) };
    if (verdict.kind === 'unexpanded') findings.push(makeFinding(ids.unexpanded, place, unexpandedMessage(what, verdict.variable, sentinel ? 'Sentinel' : 'Redis', verdict.kubernetes)));
    else if (verdict.kind === 'weak') findings.push(aboutSecret(makeFinding(ids.weak, place, weakMessage(what, value, verdict.reason)), value));
    else if (verdict.kind === 'hardcoded') findings.push(aboutSecret(makeFinding(ids.hardcoded, place, hardcodedMessage(what, value, fix)), value));
  };
  const configError = (at: Place, message: string, d: Directive): void => {
    if (sentinel) diagnostics.push({ file: at.file, line: at.line, column: at.column, message });
    else findings.push(makeFinding('conf-auth-config-error', { ...at, anchor: anchorOf(d) }, message));
  };

  // 2. Standard configs: last occurrence wins. Auth directives with extra arguments are fatal.
  const last = new Map<string, Directive>();
  const userLines: Directive[] = [];
  const monitors: Directive[] = [];
  const authPass = new Map<string, Directive>();
  for (const d of directives) {
    let name = d.name;
    if (name === 'slaveof') name = 'replicaof';
    if (name === 'primaryauth') name = 'masterauth';
    if (name === 'primaryuser') name = 'masteruser';
    if (SINGLE_ARG_AUTH.has(d.name) && d.args.length !== 1) {
      configError(d.at, arityMessage(d), d);
      if (d.args.length === 0) continue;
    } else if (SINGLE_ARG_OTHER.has(d.name) && d.args.length !== 1) {
      diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: arityMessage(d) });
      if (d.args.length === 0) continue;
    }
    if (name === 'user') {
      if (d.args.length === 0) configError(d.at, '`user` needs a user name and rules; Redis refuses to start', d);
      else userLines.push(d);
      continue;
    }
    if (name === 'sentinel') {
      if (!sentinel) {
        diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: '`sentinel` directive outside sentinel mode; redis-server refuses to start' });
        continue;
      }
      sentinelDirective(d, monitors, authPass, literal);
      continue;
    }
    last.set(name, d);
    if (name === 'requirepass') {
      literal(d.args[0], d.argAt[0], d, '`requirepass`', fixFor('requirepass'));
    } else if (name === 'masterauth') {
      literal(d.args[0], d.argAt[0], d, `\`${d.name}\``, fixFor('masterauth'));
    }
  }

  // 3. The default user: requirepass, then conf `user` lines, then the ACL file.
  let defaultUser: AclUserState = builtInDefaultUser();
  let openedAt: Place | undefined;
  let reason = sentinel ? 'Sentinel has no `requirepass`, `user` or `aclfile`' : 'the config sets no `requirepass`, `user default` or `aclfile`';
  let authAt: Place = options.noConfFile ? argsAt : top;
  const requirepass = last.get('requirepass');
  let requirepassCredential: Credential | undefined;
  if (requirepass) {
    const pw = requirepass.args[0];
    defaultUser.passwords = [];
    authAt = requirepass.at;
    if (pw === '') {
      defaultUser.nopass = true;
      openedAt = requirepass.at;
      reason = '`requirepass ""` is empty, which means nopass';
    } else {
      defaultUser.nopass = false;
      defaultUser.passwords = [pw];
      requirepassCredential = credentialOf(pw, judgeLiteral(pw, literalContext(requirepass)), toRef(requirepass.argAt[0], requirepass), 'default');
    }
  }
  const aclfile = last.get('aclfile');
  let aclUsers = false;
  let aclLoaded = false;
  let aclFileInfo: ConfAnalysis['aclFile'];
  if (aclfile && userLines.length > 0) {
    configError(
      aclfile.at,
      '`user` lines in the config and `aclfile` cannot be used together: Redis refuses to start. Move the user lines into the ACL file.',
      aclfile,
    );
  }
  if (!aclfile) {
    const seenUsers = new Set<string>();
    for (const d of userLines) {
      const [name, ...rest] = d.args;
      if (seenUsers.has(name)) {
        configError(d.at, `duplicate \`user ${name}\` line: Redis refuses to start; merge the rules into one line`, d);
        continue;
      }
      seenUsers.add(name);
      const userAt = d.at;
      let user: AclUserState;
      if (name === 'default') {
        // A `user default` line resets the default user first: requirepass no longer counts.
        user = resetUser('default', userAt);
        defaultUser = user;
        authAt = userAt;
        reason = 'the `user default` line decides';
      } else {
        user = resetUser(name, userAt);
        aclUsers = true;
      }
      const rules = rest.map((text, i) => ({ text, at: { ...d.argAt[i + 1], endColumn: d.argAt[i + 1].endColumn ?? d.argAt[i + 1].column } }));
      const error = applyAclRules(user, rules);
      if (error) configError(d.at, `${error} in \`user ${name}\`; Redis refuses to start`, d);
      for (const i of strayPasswordIndexes(rest)) {
        literal(rest[i], d.argAt[i + 1], d, `The password of ACL user \`${name}\` (after a bare \`>\`)`, fixFor('user'), name);
      }
      rest.forEach((rule, i) => {
        if (!rule.startsWith('>')) {
          if (rule.startsWith('#')) credentials.push({ source: 'unknown', reference: 'sha256', username: name, at: toRef(d.argAt[i + 1], d) });
          return;
        }
        const at = d.argAt[i + 1];
        literal(rule.slice(1), { ...at, column: at.column + (d.fromArgs ? 0 : 1) }, d, `The password of ACL user \`${name}\``, fixFor('user'), name);
      });
      if (name === 'default' && user.on && user.nopass) {
        openedAt = userAt;
        reason = '`user default` is `on` and `nopass`';
      } else if (name === 'default') {
        openedAt = undefined;
      }
    }
  } else {
    const loaded = loadAclFile(aclfile, options, state);
    aclLoaded = loaded !== undefined;
    if (loaded) aclFileInfo = { path: loaded.path, loadErrors: loaded.errors.length, defaultMissing: loaded.defaultMissing };
    if (loaded) {
      defaultUser = loaded.defaultUser;
      aclUsers = loaded.users.size > (loaded.defaultMissing ? 0 : 1);
      authAt = aclfile.at;
      if (loaded.defaultMissing && loaded.defaultRefused) {
        state.unknownReasons.push(`the \`user default\` line of ${loaded.path} is refused by the ACL loader`);
      } else if (loaded.defaultMissing) {
        openedAt = aclfile.at;
        reason = `the ACL file ${loaded.path} defines no \`default\` user, so Redis recreates it as \`on nopass\` (and \`requirepass\` is ignored with an aclfile)`;
      } else if (verdictOf(loaded.defaultUser) === 'open') {
        openedAt = aclfile.at;
        reason = `the ACL file ${loaded.path} sets \`user default on nopass\``;
      } else {
        openedAt = undefined;
        reason = `the ACL file ${loaded.path} decides`;
      }
      for (const u of loaded.users.values()) {
        for (const p of u.passwords) if (p.value !== '') credentials.push({ source: 'literal', value: p.value, username: u.state.name, at: { ...p.at } });
        for (const h of u.hashes) credentials.push({ source: 'unknown', reference: 'sha256', username: u.state.name, at: { ...h.at } });
      }
    }
  }

  // requirepass only counts while nothing replaced the default user.
  if (requirepassCredential && defaultUser.passwords.includes(requirepass!.args[0])) credentials.unshift(requirepassCredential);
  let verdict: EffectiveAuth['verdict'] = verdictOf(defaultUser);
  if (aclfile && !aclLoaded) verdict = 'unknown';
  if ((verdict === 'open' || verdict === 'unknown') && state.unknownReasons.length > 0) {
    verdict = 'unknown';
    reason = state.unknownReasons[0];
  }
  if (verdict === 'open' && openedAt) authAt = openedAt;
  if (verdict === 'open' && !openedAt) authAt = options.noConfFile ? argsAt : top;

  // 4. Network: port, tls-port, bind, protected-mode.
  const portD = last.get('port');
  const port = portD ? portD.args[0] : sentinel ? '26379' : '6379';
  const tlsPortD = last.get('tls-port');
  const tlsPort = tlsPortD && tlsPortD.args[0] !== '0' ? tlsPortD.args[0] : undefined;
  const bindD = last.get('bind');
  const bindAddrs = bindD ? bindD.args.flatMap((a) => a.split(' ')).filter((a) => a !== '').map((a) => a.replace(/^-/, '')) : undefined;
  const tcp = (port !== '0' || tlsPort !== undefined) && !(bindD && bindAddrs!.length === 0);
  const loopbackOnly = !tcp || (bindAddrs !== undefined && bindAddrs.length > 0 && bindAddrs.every((a) => isLoopbackHost(a)));
  const pmD = last.get('protected-mode');
  const protectedMode = pmD ? pmD.args[0].toLowerCase() !== 'no' : options.protectedModeDefault ?? true;

  // 5. Findings about the effective state.
  if (verdict === 'open') {
    const limited = loopbackOnly || (pmD !== undefined && protectedMode);
    const severity: Severity = limited ? 'warning' : 'error';
    const scope = !tcp
      ? ' It only listens on a unix socket, so local processes get full access.'
      : loopbackOnly
        ? ' It only listens on loopback, so any local process or container sharing the network namespace gets full access.'
        : limited
          ? ' protected-mode refuses remote clients today (Redis 7+), but one `CONFIG SET protected-mode no` or bind change opens it.'
          : '';
    const what = sentinel ? 'Sentinel accepts commands (SENTINEL SET, FAILOVER, CONFIG) from any client without a password' : 'Redis accepts commands from any client without a password';
    const fix = aclfile
      ? ' `requirepass` does not count with an aclfile: add `user default off` (and named users), or `user default on #<sha256> ~* +@all`, to the ACL file.'
      : sentinel
      ? ' Set `requirepass` in sentinel.conf (the same on every Sentinel) from a secret.'
      : ' Set a password for the default user (`requirepass`, or `user default on #<sha256> ~* +@all` in an ACL file) kept out of the repository, or turn `default` off and use named ACL users.';
    findings.push(makeFinding(ids.noAuth, { ...authAt, anchor: sentinel ? 'sentinel.auth' : 'default-user' }, `${what}: ${reason}.${scope}${fix}`, severity));
    if (pmD && !protectedMode && tcp && !loopbackOnly) {
      findings.push(
        makeFinding(
          ids.protectedMode,
          { ...pmD.at, endColumn: pmD.argAt[0]?.endColumn, anchor: 'protected-mode' },
          `\`protected-mode no\` with ${bindAddrs ? `\`bind ${bindD!.args.join(' ')}\`` : 'no `bind` (all interfaces)'} and no password lets any host that reaches port ${tlsPort ?? port} run commands. Set a password first; keep \`protected-mode yes\` or bind to loopback until then.`,
        ),
      );
    }
  }

  const masterauth = last.get('masterauth');
  const replicaD = last.get('replicaof');
  let replicaOf: ConfAnalysis['replicaOf'];
  if (replicaD && replicaD.args.length >= 2 && !(replicaD.args[0].toLowerCase() === 'no' && replicaD.args[1].toLowerCase() === 'one')) {
    const hasMasterAuth = masterauth !== undefined && masterauth.args[0] !== '';
    replicaOf = { host: replicaD.args[0], port: replicaD.args[1], at: replicaD.at, hasMasterAuth };
    if (!sentinel && !hasMasterAuth && (verdict === 'password' || (verdict === 'off' && aclUsers))) {
      findings.push(replicaNoMasterAuth(replicaD, 'this server itself requires a password, and replicas in one deployment normally share it with their master (any replica may be promoted)'));
    }
  }

  // In a cluster every master may become a replica after a failover, so a password-protected
  // cluster node needs masterauth even without a replicaof line.
  const clusterD = last.get('cluster-enabled');
  const hasMasterAuthAnywhere = masterauth !== undefined && masterauth.args[0] !== '';
  if (!sentinel && !replicaOf && clusterD && clusterD.args[0]?.toLowerCase() === 'yes' && !hasMasterAuthAnywhere && (verdict === 'password' || (verdict === 'off' && aclUsers))) {
    findings.push(
      makeFinding(
        'conf-replica-no-masterauth',
        { ...clusterD.at, endColumn: clusterD.argAt[0]?.endColumn, anchor: 'cluster-enabled' },
        'This password-protected cluster node has no `masterauth` (`primaryauth` in Valkey 8): after a failover it becomes a replica and cannot sync from the new master (NOAUTH). Set `masterauth` to the cluster password on every node.',
      ),
    );
  }

  if (!sentinel && tlsPortD && tlsPort !== undefined && port !== '0') {
    findings.push(
      makeFinding(
        'conf-plaintext-port-with-tls',
        { ...tlsPortD.at, endColumn: tlsPortD.argAt[0]?.endColumn, anchor: 'tls-port' },
        `TLS listens on ${tlsPort} but the plaintext port ${port} is still open, so clients can skip TLS and send the password in clear. Set \`port 0\` to serve TLS only.`,
      ),
    );
  }

  // Sentinel: each monitored master needs the password Sentinel uses to reach it.
  if (sentinel) {
    for (const m of monitors) {
      const name = m.args[1];
      const pass = authPass.get(name);
      if (!pass || pass.args[2] === '') {
        findings.push(
          makeFinding(
            'sentinel-monitor-no-auth-pass',
            { ...m.at, anchor: `sentinel.monitor.${name}` },
            `Master \`${name}\` is monitored without \`sentinel auth-pass ${name} …\`: either that master (and its replicas) run without a password, or Sentinel cannot connect to fail it over. Give the master a password and add \`sentinel auth-pass ${name} <password>\`.`,
          ),
        );
      }
    }
  }

  const authMode: AuthMode =
    verdict === 'open' ? 'none' : verdict === 'unknown' ? 'unknown' : verdict === 'locked' ? 'locked' : verdict === 'off' || aclUsers ? 'acl' : 'password';
  const fact: ServerFact = {
    kind: 'server',
    subject: options.subject ?? `${sentinel ? 'sentinel' : 'conf'}:${options.file}`,
    label: options.label ?? (sentinel ? `sentinel ${options.file}` : `redis ${options.file}`),
    file: options.file,
    environment: options.environment,
    source: sentinel ? 'sentinel' : 'conf',
    product: options.product ?? (sentinel ? 'sentinel' : productOf(options.file, directives)),
    auth: authMode,
    authAt: toRef(authAt),
    credentials,
    tls: tlsPort !== undefined,
    exposure: loopbackOnly ? 'loopback' : 'unknown',
    protectedMode,
  };
  if (tlsPortD && tlsPort !== undefined) fact.tlsAt = toRef(tlsPortD.at);
  if (bindD) fact.exposureAt = toRef(bindD.at);
  if (pmD) fact.protectedModeAt = toRef(pmD.at);

  return {
    fact,
    findings: aboutSubject(findings, fact.subject),
    diagnostics,
    auth: { verdict, reason, at: authAt, aclUsers },
    filesRead: state.filesRead,
    aclFile: aclFileInfo,
    replicaOf,
  };
}

/**
 * The default user's effective state for conf text (and command-line options), without findings:
 * `open` (on + nopass), `password`, `off`, `locked`, or `unknown` when an include or aclfile
 * outside the repository, or an unreadable auth line, could change it.
 */
export function effectiveAuth(text: string, options: ConfAnalysisOptions): EffectiveAuth {
  return analyzeConf(text, options).auth!;
}

/** The conf-replica-no-masterauth finding; also used by the scanner for cross-file evidence. */
export function replicaNoMasterAuth(d: Pick<Directive, 'at' | 'args'>, why: string): Finding {
  return makeFinding(
    'conf-replica-no-masterauth',
    { ...d.at, anchor: 'replicaof' },
    `This replica of ${d.args[0]}:${d.args[1]} has no \`masterauth\` (\`primaryauth\` in Valkey 8), but ${why}. Replication will fail with NOAUTH; add \`masterauth\` with the master's password (and \`masteruser\` for an ACL user).`,
  );
}

function sentinelDirective(
  d: Directive,
  monitors: Directive[],
  authPass: Map<string, Directive>,
  literal: (value: string, at: Place, d: Directive, what: string, fix: string, username?: string) => void,
): void {
  const sub = (d.args[0] ?? '').toLowerCase();
  if (sub === 'monitor' && d.args.length >= 5) monitors.push(d);
  else if (sub === 'auth-pass' && d.args.length >= 3) {
    authPass.set(d.args[1], d);
    literal(d.args[2], d.argAt[2], d, `\`sentinel auth-pass ${d.args[1]}\``, fixFor('auth-pass'));
  } else if (sub === 'sentinel-pass' && d.args.length >= 2) {
    literal(d.args[1], d.argAt[1], d, '`sentinel sentinel-pass`', fixFor('auth-pass'));
  }
}

interface LoadedAcl extends ReturnType<typeof parseAclFile> {
  path: string;
}

function loadAclFile(d: Directive, options: ConfAnalysisOptions, state: LoadState): LoadedAcl | undefined {
  const target = d.args[0];
  const where = `${d.at.file}:${d.at.line}`;
  if (!options.ctx) {
    state.unknownReasons.push(`\`aclfile ${target}\` at ${where} cannot be read here`);
    return undefined;
  }
  const base = d.fromArgs ? posix.dirname(options.file) : posix.dirname(d.at.file);
  const resolved = resolveRepoPaths(target, base, state);
  if (resolved.kind === 'outside') {
    state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `\`aclfile ${target}\` leaves the repository; not read` });
    state.unknownReasons.push(`\`aclfile ${target}\` at ${where} leaves the repository`);
    return undefined;
  }
  if (resolved.kind === 'missing' || resolved.paths.length !== 1) {
    state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `\`aclfile ${target}\` is not in the repository; auth not judged` });
    state.unknownReasons.push(`\`aclfile ${target}\` at ${where} is not in the repository`);
    return undefined;
  }
  const file = options.ctx.readFile(resolved.paths[0]);
  if (!file) {
    state.unknownReasons.push(`\`aclfile ${target}\` at ${where} could not be read`);
    return undefined;
  }
  if (!state.filesRead.includes(file.path)) state.filesRead.push(file.path);
  return { ...parseAclFile(file.text, { file: file.path }), path: file.path };
}

function productOf(file: string, directives: Directive[]): ServerFact['product'] {
  const name = file.toLowerCase();
  if (name.includes('valkey') || directives.some((d) => d.name === 'primaryauth' || d.name === 'primaryuser')) return 'valkey';
  if (name.includes('keydb') || directives.some((d) => d.name === 'server-threads' || d.name === 'active-replica' || d.name === 'multi-master')) {
    return 'keydb';
  }
  return 'redis';
}

function anchorOf(d: Directive): string {
  if (d.name === 'user') return `user.${d.args[0] ?? ''}`;
  if (d.name === 'sentinel') return `sentinel.${(d.args[0] ?? '').toLowerCase()}${d.args[1] && d.args[0] !== 'sentinel-pass' ? `.${d.args[1]}` : ''}`;
  return d.fromArgs ? `--${d.name}` : d.name;
}

function toPlace(ref: SourceRef): Place {
  return { file: ref.file, line: ref.line, column: ref.column, endColumn: ref.endColumn };
}

function toRef(at: Place, d?: Directive): SourceRef {
  const ref: SourceRef = { file: at.file, line: at.line, column: at.column };
  if (at.endColumn !== undefined) ref.endColumn = at.endColumn;
  if (d) ref.anchor = anchorOf(d);
  return ref;
}
