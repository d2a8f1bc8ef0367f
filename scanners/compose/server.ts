/**
 * A Redis-family compose service, as its image really starts it (DOMAIN.md §2): effective auth,
 * exposure and the findings that follow. Literal passwords are reported where they are written.
 */
import type { AuthMode, Credential, Exposure, ServerFact, SourceRef } from '../../src/facts';
import type { Finding } from '../../src/finding';
import { isLoopbackHost, isWildcardAddress } from '../../src/hosts';
import { isCredentialName } from '../../src/secrets';
import type { Environment } from '../../src/environment';
import type { ScanContext } from '../types';
import { argsOf, argsOfValue, basename, findServer, lastOption, parseServerArgs, stripPrefix, simpleCommands, type Arg, type ServerArgs } from './args';
import { COMPOSE_CHECKS, finding } from './checks';
import { confVerdict, minimalConfVerdict, mountedFile } from './conf';
import { credentialOfArg, credentialOfUrl, credentialOfVar, literalFinding, credentialOfText, type CredentialInfo } from './credentials';
import type { ImageFamily, ImageInfo } from './images';
import type { EnvVar, ServiceModel } from './model';
import { Located } from './located';

export interface ServiceScope {
  /** Project folder relative to the scan root ('.' for the root). */
  dir: string;
  ctx: ScanContext;
  environment?: Environment;
  /** The environment's own file (the override), for the fact's `file`. */
  factFile: string;
  subject: string;
  label: string;
}

export interface ServerResult {
  fact: ServerFact;
  findings: Finding[];
}

/** Password variables an image never reads (DOMAIN.md §2.1: declined upstream, or a different image's). */
const IGNORED_VARS: Partial<Record<ImageFamily, string[]>> = {
  official: ['REDIS_PASSWORD', 'REDIS_PASSWORD_FILE', 'REDIS_REQUIREPASS', 'REDIS_ARGS'],
  valkey: ['VALKEY_PASSWORD', 'VALKEY_PASSWORD_FILE', 'REDIS_PASSWORD', 'REDIS_ARGS'],
  keydb: ['KEYDB_PASSWORD', 'REDIS_PASSWORD', 'REDIS_ARGS'],
  stack: ['REDIS_PASSWORD', 'REDIS_PASSWORD_FILE'],
};

/** Env vars whose words the image appends to the server's command line. */
const EXTRA_FLAGS: Partial<Record<ImageFamily, string[]>> = {
  stack: ['REDIS_ARGS'],
  valkey: ['VALKEY_EXTRA_FLAGS'],
  'bitnami-redis': ['REDIS_EXTRA_FLAGS'],
  'bitnami-valkey': ['VALKEY_EXTRA_FLAGS'],
};

interface BitnamiVars {
  password: string;
  passwordFile: string;
  aclFile?: string;
  mountedConf: string;
}

const BITNAMI: Partial<Record<ImageFamily, BitnamiVars[]>> = {
  'bitnami-redis': [
    { password: 'REDIS_PASSWORD', passwordFile: 'REDIS_PASSWORD_FILE', aclFile: 'REDIS_ACLFILE', mountedConf: '/opt/bitnami/redis/mounted-etc/redis.conf' },
  ],
  'bitnami-valkey': [
    { password: 'VALKEY_PASSWORD', passwordFile: 'VALKEY_PASSWORD_FILE', aclFile: 'VALKEY_ACLFILE', mountedConf: '/opt/bitnami/valkey/mounted-etc/valkey.conf' },
  ],
  'bitnami-sentinel': [
    { password: 'REDIS_SENTINEL_PASSWORD', passwordFile: 'REDIS_SENTINEL_PASSWORD_FILE', mountedConf: '/opt/bitnami/redis-sentinel/mounted-etc/sentinel.conf' },
    { password: 'VALKEY_SENTINEL_PASSWORD', passwordFile: 'VALKEY_SENTINEL_PASSWORD_FILE', mountedConf: '/opt/bitnami/valkey-sentinel/mounted-etc/sentinel.conf' },
  ],
};

const DEFAULT_BIN: Record<ImageFamily, string> = {
  official: 'redis-server',
  valkey: 'valkey-server',
  keydb: 'keydb-server',
  stack: 'redis-server',
  'bitnami-redis': 'redis-server',
  'bitnami-valkey': 'valkey-server',
  'bitnami-sentinel': 'redis-sentinel',
  generic: 'redis-server',
};

/** KeyDB's image runs its bundled conf, patched to `protected-mode no` with `bind` commented out. */
const KEYDB_BUNDLED_CONF = '/etc/keydb/keydb.conf';

/** The environment a container sees: `env_file` first, `environment` wins. */
export function effectiveEnv(svc: ServiceModel): Map<string, EnvVar> {
  return new Map([...svc.envFileVars, ...svc.environment]);
}

function truthy(v: EnvVar | undefined): boolean {
  return v?.value !== undefined && /^(yes|true|1)$/i.test(v.value.value.trim());
}

/** Names of variables that carry a Redis credential in a Redis service's environment. */
export function isRedisServiceSecretVar(name: string): boolean {
  return name === 'REDISCLI_AUTH' || (isCredentialName(name) && !NOT_A_SECRET_NAME.test(name));
}

/** `ALLOW_EMPTY_PASSWORD`, `REDIS_USE_PASSWORD_FILES`: switches whose names end in PASSWORD. */
const NOT_A_SECRET_NAME = /(^|_)(ALLOW|USE|DISABLE|ENABLE|REQUIRE)_/i;

class Collector {
  findings: Finding[] = [];
  constructor(private readonly scope: ServiceScope) {}
  literal(info: CredentialInfo | undefined, what: string): void {
    if (!info?.literal) return;
    const f = literalFinding(info.literal.value, info.literal.at, what, this.scope.ctx.environment);
    if (f) this.findings.push(f);
  }
  add(f: Finding): void {
    this.findings.push(f);
  }
}

function synthetic(value: string, at: SourceRef): Arg {
  return { text: value, value, at, loc: new Located(value, at, new Map()), offset: 0 };
}

interface AuthState {
  auth: AuthMode;
  authAt: SourceRef;
  credentials: Credential[];
  /** Why there is no auth, for the message. */
  reason?: string;
  /** A more specific missing-auth finding was already emitted. */
  reported?: boolean;
  protectedMode?: boolean;
  protectedModeAt?: SourceRef;
  tls: boolean | 'unknown';
  tlsAt?: SourceRef;
  sentinel?: boolean;
  /** `--bind` names only loopback addresses: nothing outside the container can connect. */
  loopbackOnly?: boolean;
  /** protected-mode given on the command line (it then wins over a conf). */
  protectedModeSet?: boolean;
}

/** Auth set on a redis-server command line (plus conf/ACL files it names that the repo mounts). */
function authFromServerArgs(
  parsed: ServerArgs,
  svc: ServiceModel,
  env: Map<string, EnvVar>,
  scope: ServiceScope,
  out: Collector,
  image: ImageInfo,
  state: AuthState,
): void {
  const anchor = (a: Arg) => a.at.anchor ?? `services.${svc.name}.command`;
  let argAuth: AuthMode | undefined;
  const req = lastOption(parsed, 'requirepass');
  if (req) {
    const val = req.values[0];
    const info = val ? credentialOfArg(val, env) : undefined;
    out.literal(info, '`--requirepass`');
    if (info && !info.empty) {
      argAuth = 'password';
      state.authAt = { ...val!.at, anchor: anchor(val!) };
      state.credentials.push(info.credential);
    } else {
      argAuth = 'none';
      state.authAt = { ...req.nameArg.at, anchor: anchor(req.nameArg) };
      state.reason = '`--requirepass` is given an empty value, which Redis treats as no password';
    }
  }
  for (const opt of parsed.options) {
    if (opt.name === 'user') {
      const [name, ...rules] = opt.values;
      for (const r of rules) {
        if (r.text.startsWith('>')) {
          const info = credentialOfText(r.text.slice(1), r.loc, r.offset + 1, r.at, env);
          out.literal(info, `The ACL password of user \`${name?.value ?? '?'}\``);
          if (name?.value === 'default' && !info.empty) state.credentials.push(info.credential);
        }
      }
      if (name?.value === 'default') {
        const words = rules.map((r) => r.value);
        state.authAt = { ...opt.nameArg.at, anchor: anchor(opt.nameArg) };
        if (words.includes('nopass') && words.lastIndexOf('nopass') > words.lastIndexOf('resetpass') && !words.includes('off')) {
          argAuth = 'none';
          state.reason = '`--user default ... nopass` lets anyone in as the default user';
        } else {
          argAuth = 'acl';
        }
      }
    }
    if (['masterauth', 'primaryauth'].includes(opt.name) && opt.values[0]) {
      out.literal(credentialOfArg(opt.values[0], env), `\`--${opt.name}\``);
    }
  }
  const pm = lastOption(parsed, 'protected-mode');
  if (pm?.values[0]) {
    state.protectedMode = pm.values[0].value.toLowerCase() === 'yes';
    state.protectedModeAt = pm.values[0].at;
    state.protectedModeSet = true;
  }
  const bind = lastOption(parsed, 'bind');
  if (bind && bind.values.length > 0) state.loopbackOnly = bind.values.every((v) => isLoopbackHost(v.value.replace(/^-/, '')));
  const tlsPort = lastOption(parsed, 'tls-port');
  if (tlsPort) {
    const port = lastOption(parsed, 'port');
    state.tls = port?.values[0]?.value === '0';
    state.tlsAt = tlsPort.nameArg.at;
  }

  const aclfile = lastOption(parsed, 'aclfile');
  if (aclfile?.values[0]) {
    const mounted = mountedFile(aclfile.values[0].value, svc.volumes, scope.dir, scope.ctx);
    state.authAt = aclfile.nameArg.at;
    if (mounted.file) {
      const verdict = aclVerdict(mounted.file.text, mounted.file.path);
      state.auth = verdict.auth;
      state.authAt = verdict.at;
      if (verdict.auth === 'none') state.reason = `the ACL file \`${mounted.file.path}\` leaves the default user without a password`;
    } else {
      state.auth = 'unknown';
    }
    return;
  }

  const confArg = parsed.conf;
  if (confArg) {
    const mounted = mountedFile(confArg.value, svc.volumes, scope.dir, scope.ctx);
    if (mounted.file) {
      const verdict = confVerdict(mounted.file, scope.ctx, {
        subject: scope.subject,
        label: scope.label,
        environment: scope.environment,
        product: image.product,
        protectedModeDefault: false,
        args: parsed.options.flatMap((o) => [`--${o.name}`, ...o.values.map((v) => v.value)]),
        sentinel: state.sentinel,
        resolvePath: (p) => mountedFile(p, svc.volumes, scope.dir, scope.ctx).hostPath,
      });
      // Command-line options come after the file, so they win (DOMAIN.md §1.1).
      state.auth = argAuth ?? verdict.auth;
      if (!argAuth) {
        state.authAt = verdict.authAt;
        state.credentials.push(...verdict.credentials);
        if (verdict.auth === 'none') state.reason = `the mounted \`${mounted.file.path}\` sets no password`;
      }
      if (!state.protectedModeSet && verdict.protectedMode !== undefined) {
        state.protectedMode = verdict.protectedMode;
        state.protectedModeAt = { file: mounted.file.path, line: 1, column: 1 };
      }
      return;
    }
    if (image.family === 'keydb' && confArg.value === KEYDB_BUNDLED_CONF && !mounted.volume) {
      state.auth = argAuth ?? 'none';
      if (!argAuth) state.reason = "KeyDB's bundled keydb.conf sets no password and listens on all interfaces";
      return;
    }
    // A conf baked into a custom image or on a named volume: not visible from here.
    state.auth = argAuth === 'password' ? 'password' : 'unknown';
    return;
  }
  state.auth = argAuth ?? 'none';
  if (!argAuth) {
    // A common slip: the conf is mounted but never named on the command line, so Redis never reads it.
    const unread = svc.volumes.find((v) => /\.conf$/i.test(v.target) && !/sentinel/i.test(v.target));
    state.reason = unread
      ? `a conf is mounted at \`${unread.target}\` but \`command\` does not pass it to the server, so it is never read`
      : 'no `--requirepass`, conf file or ACL is given, so Redis runs with compiled-in defaults';
  }
}

/** Verdict of a mounted ACL file: open iff the default user ends `on` + `nopass`, or is absent. */
function aclVerdict(text: string, file: string): { auth: AuthMode; at: SourceRef } {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const words = lines[i].trim().split(' ');
    if (words[0] === 'user' && words[1] === 'default') {
      const rules = words.slice(2);
      const open = rules.includes('on') && rules.lastIndexOf('nopass') > rules.lastIndexOf('resetpass');
      return { auth: open ? 'none' : 'acl', at: { file, line: i + 1, column: 1 } };
    }
  }
  // Without a default user line Redis recreates the default user as nopass.
  return { auth: 'none', at: { file, line: 1, column: 1 } };
}

function bitnamiAuth(
  svc: ServiceModel,
  env: Map<string, EnvVar>,
  image: ImageInfo,
  scope: ServiceScope,
  out: Collector,
  state: AuthState,
  extraArgs: Arg[],
): void {
  const sets = BITNAMI[image.family] ?? [];
  for (const vars of sets) {
    const mounted = mountedFile(vars.mountedConf, svc.volumes, scope.dir, scope.ctx);
    if (mounted.file || mounted.volume) {
      // A mounted conf disables the env-driven settings (DOMAIN.md §2.1).
      const verdict = mounted.file
        ? confVerdict(mounted.file, scope.ctx, {
            subject: scope.subject,
            label: scope.label,
            environment: scope.environment,
            product: image.product,
            protectedModeDefault: true,
            args: [],
            sentinel: image.family === 'bitnami-sentinel',
            resolvePath: (p) => mountedFile(p, svc.volumes, scope.dir, scope.ctx).hostPath,
          })
        : undefined;
      state.auth = verdict?.auth ?? 'unknown';
      if (verdict) {
        state.authAt = verdict.authAt;
        state.credentials.push(...verdict.credentials);
      }
      const pw = env.get(vars.password);
      if (state.auth === 'none') {
        state.reason = `the mounted \`${verdict?.file}\` sets no password`;
        if (pw?.value && !credentialOfVar(pw, env).empty) {
          out.add(
            finding(
              COMPOSE_CHECKS.passwordEnvIgnored,
              pw.at,
              `\`${vars.password}\` is not applied: with a conf mounted at \`${vars.mountedConf}\` the Bitnami image ignores its env settings, and \`${verdict?.file}\` sets no password. Put \`requirepass\` (or ACL users) in the mounted conf.`,
            ),
          );
          state.reported = true;
        }
      }
      return;
    }
  }
  // REDIS_ALLOW_REMOTE_CONNECTIONS=no makes Bitnami bind loopback only.
  const remote = env.get(image.family === 'bitnami-valkey' ? 'VALKEY_ALLOW_REMOTE_CONNECTIONS' : 'REDIS_ALLOW_REMOTE_CONNECTIONS');
  if (remote?.value && /^(no|false|0)$/i.test(remote.value.value.trim())) state.loopbackOnly = true;
  const tlsVar = env.get(image.family === 'bitnami-valkey' ? 'VALKEY_TLS_ENABLED' : 'REDIS_TLS_ENABLED');
  if (tlsVar) {
    state.tls = truthy(tlsVar);
    state.tlsAt = tlsVar.at;
  }
  const parsed = parseServerArgs(extraArgs);
  const req = lastOption(parsed, 'requirepass');
  if (req?.values[0]) {
    const info = credentialOfArg(req.values[0], env);
    out.literal(info, '`--requirepass`');
    if (!info.empty) {
      state.auth = 'password';
      state.authAt = req.values[0].at;
      state.credentials.push(info.credential);
      return;
    }
  }
  for (const vars of sets) {
    const pw = env.get(vars.password);
    const pwInfo = pw ? credentialOfVar(pw, env) : undefined;
    if (pw && pwInfo && !pwInfo.empty) {
      state.auth = 'password';
      state.authAt = pw.value?.at ?? pw.at;
      state.credentials.push(pwInfo.credential);
      return;
    }
    const file = env.get(vars.passwordFile);
    if (file && (file.value === undefined || file.value.value.trim() !== '')) {
      state.auth = 'password';
      state.authAt = file.at;
      state.credentials.push({ source: 'file', reference: file.value?.value, at: file.at });
      return;
    }
    const acl = vars.aclFile ? env.get(vars.aclFile) ?? env.get(`${vars.aclFile}_FILE`) : undefined;
    if (acl) {
      state.auth = 'acl';
      state.authAt = acl.at;
      return;
    }
  }
  const allow = env.get('ALLOW_EMPTY_PASSWORD');
  if (truthy(allow)) {
    state.auth = 'none';
    state.authAt = allow!.at;
    state.protectedMode = false;
    state.protectedModeAt = allow!.at;
    out.add(
      finding(
        COMPOSE_CHECKS.emptyPasswordAllowed,
        allow!.at,
        `\`ALLOW_EMPTY_PASSWORD=yes\` starts \`${svc.name}\` (${image.repository}) without a password and with protected mode off${state.loopbackOnly ? ' (remote connections are off, so only its own container can connect)' : ''}; Bitnami itself says not to use it in production. Remove it and set \`${sets[0]?.password ?? 'REDIS_PASSWORD'}\` (or \`${sets[0]?.passwordFile ?? 'REDIS_PASSWORD_FILE'}\` with a Docker secret).`,
        state.loopbackOnly ? 'warning' : 'error',
      ),
    );
    state.reported = true;
    return;
  }
  if (image.family === 'bitnami-sentinel') {
    state.auth = 'none';
    state.reason = `neither \`${sets[0].password}\` nor \`${sets[0].passwordFile}\` is set, so sentinel accepts commands from anyone who reaches it`;
    return;
  }
  // Without a password and without ALLOW_EMPTY_PASSWORD the Bitnami container refuses to start.
  state.auth = 'unknown';
}

/** `redis-cli -a pw`, `--pass pw`, `-u redis://:pw@…`, `REDISCLI_AUTH=pw redis-cli` in a healthcheck. */
function healthcheckSecrets(svc: ServiceModel, env: Map<string, EnvVar>, out: Collector): void {
  const test = svc.healthcheckTest;
  if (!test || test.items.length === 0) return;
  let commands: Arg[][];
  const first = test.form === 'list' ? test.items[0].value.trim().toUpperCase() : '';
  if (test.form === 'list' && first === 'NONE') return;
  if (test.form === 'list' && first === 'CMD') commands = [argsOf(test)!.slice(1)];
  else if (test.form === 'list' && first === 'CMD-SHELL') commands = test.items[1] ? simpleCommands([synthetic('sh', test.at), synthetic('-c', test.at), argOfItem(test.items[1])]) : [];
  else commands = simpleCommands([synthetic('sh', test.at), synthetic('-c', test.at), argOfItem(test.items[0])]);
  for (const cmd of commands) {
    const { assignments, rest } = stripPrefix(cmd);
    if (rest.length === 0 || !/^(redis|valkey|keydb)-cli$/.test(basename(rest[0].value))) continue;
    for (const a of assignments) {
      const eq = a.text.indexOf('=');
      if (a.text.slice(0, eq) !== 'REDISCLI_AUTH') continue;
      out.literal(credentialOfText(a.text.slice(eq + 1), a.loc, a.offset + eq + 1, a.at, env), '`REDISCLI_AUTH` in the healthcheck');
    }
    for (let i = 1; i < rest.length - 1; i++) {
      const flag = rest[i].value;
      const next = rest[i + 1];
      if (flag === '-a' || flag === '--pass') out.literal(credentialOfArg(next, env), `\`${basename(rest[0].value)} ${flag}\` in the healthcheck`);
      if (flag === '-u' || flag === '--uri') out.literal(credentialOfUrl(next.text, next.loc, next.offset, next.at), 'The password in the healthcheck URL');
    }
  }
}

function argOfItem(loc: Located): Arg {
  return { text: loc.raw, value: loc.value, at: loc.at, loc, offset: loc.startOffset };
}

function exposureOf(svc: ServiceModel): { exposure: Exposure; at?: SourceRef; publicPorts: { at: SourceRef; text: string; loopback: string }[]; hostNetwork?: SourceRef } {
  if (svc.networkMode && svc.networkMode.value.trim() === 'host') {
    return { exposure: 'public', at: svc.networkMode.at, publicPorts: [], hostNetwork: svc.networkMode.at };
  }
  const publicPorts = svc.ports
    .filter((p) => p.hostIp === undefined || isWildcardAddress(p.hostIp))
    .map((p) => {
      const target = p.target.replace(/\/tcp$/, '');
      return { at: { ...p.at, anchor: `services.${svc.name}.ports.${p.text}` }, text: p.text, loopback: `127.0.0.1:${p.published ?? target}:${target}` };
    });
  if (publicPorts.length > 0) return { exposure: 'public', at: publicPorts[0].at, publicPorts };
  if (svc.ports.length > 0 && svc.ports.every((p) => isLoopbackHost(p.hostIp))) return { exposure: 'loopback', at: svc.ports[0].at, publicPorts };
  return { exposure: 'internal', publicPorts };
}

const HOW_TO_FIX: Record<ImageFamily, string> = {
  official: 'Start it with `command: redis-server --requirepass ${REDIS_PASSWORD:?}` or mount a redis.conf with `requirepass`/ACL users',
  generic: 'Start it with `command: redis-server --requirepass ${REDIS_PASSWORD:?}` or mount a conf with `requirepass`/ACL users',
  valkey: 'Start it with `command: valkey-server --requirepass ${VALKEY_PASSWORD:?}` (or `VALKEY_EXTRA_FLAGS`) or mount a valkey.conf with `requirepass`',
  keydb: 'Start it with `command: keydb-server /etc/keydb/keydb.conf --requirepass ${KEYDB_PASSWORD:?}` or mount a keydb.conf with `requirepass`',
  stack: 'Set `REDIS_ARGS: "--requirepass ${REDIS_PASSWORD:?}"`',
  'bitnami-redis': 'Set `REDIS_PASSWORD` (from a variable) or `REDIS_PASSWORD_FILE` with a Docker secret',
  'bitnami-valkey': 'Set `VALKEY_PASSWORD` (from a variable) or `VALKEY_PASSWORD_FILE` with a Docker secret',
  'bitnami-sentinel': 'Set `REDIS_SENTINEL_PASSWORD` (from a variable) or `REDIS_SENTINEL_PASSWORD_FILE`',
};

const SENTINEL_FIX = "Add `requirepass` (or `user` lines) to the sentinel conf, with the same password on every sentinel of the group";

export function analyzeServer(svc: ServiceModel, image: ImageInfo, scope: ServiceScope, composeFiles: ReadonlySet<string>): ServerResult {
  const out = new Collector(scope);
  const env = effectiveEnv(svc);
  const imageAt = svc.image?.at ?? svc.at;
  const state: AuthState = { auth: 'unknown', authAt: imageAt, credentials: [], tls: 'unknown' };
  const patched = ['official', 'valkey', 'keydb', 'stack'].includes(image.family);
  if (patched) {
    // These images patch protected mode off at build time (DOMAIN.md §2.1).
    state.protectedMode = false;
    state.protectedModeAt = imageAt;
  }

  const cmdArgs = argsOf(svc.command);
  const epArgs = argsOf(svc.entrypoint);
  let argv: Arg[] | undefined = cmdArgs;
  let imageEntrypoint = true;
  if (epArgs && epArgs.length > 0) {
    // An entrypoint override also clears the image's CMD.
    argv = [...epArgs, ...(cmdArgs ?? [])];
    imageEntrypoint = /entrypoint(\.sh)?$/.test(basename(epArgs[0].value));
    if (imageEntrypoint) argv = argv.slice(1);
  }
  const extra: Arg[] = [];
  for (const name of EXTRA_FLAGS[image.family] ?? []) {
    const v = env.get(name);
    if (v?.value) extra.push(...argsOfValue(v.value));
  }

  const bitnami = image.family.startsWith('bitnami-');
  const direct = argv && argv.length > 0 ? findServer(argv) : undefined;
  if (bitnami && !direct) {
    // Bitnami's run.sh passes its own arguments on to the server.
    const runArgs = argv && argv.length > 0 && /run\.sh$/.test(basename(argv[0].value)) ? argv.slice(1) : [];
    if (argv && argv.length > 0 && runArgs.length === 0 && !/run\.sh$/.test(basename(argv[0].value))) state.auth = 'unknown';
    else bitnamiAuth(svc, env, image, scope, out, state, [...extra, ...runArgs]);
  } else {
    let server = direct;
    if (!server && (!argv || argv.length === 0)) {
      const bin = synthetic(DEFAULT_BIN[image.family], imageAt);
      const conf = image.family === 'keydb' ? [synthetic(KEYDB_BUNDLED_CONF, imageAt)] : [];
      server = { bin: bin.value, sentinel: false, args: conf };
    } else if (!server && imageEntrypoint && argv && (argv[0].value.startsWith('-') || argv[0].value.endsWith('.conf'))) {
      // The official entrypoint prepends redis-server to `--flag` or `x.conf` arguments.
      server = { bin: DEFAULT_BIN[image.family], sentinel: argv.some((a) => a.value === '--sentinel'), args: argv };
    }
    if (server) {
      state.sentinel = server.sentinel;
      authFromServerArgs(parseServerArgs([...server.args, ...extra]), svc, env, scope, out, image, state);
    } else {
      state.auth = 'unknown';
    }
  }

  // Literal credentials in the service's own environment (compose-file values only).
  for (const v of env.values()) {
    if (!isRedisServiceSecretVar(v.name) || v.fromEnvFile || !composeFiles.has(v.at.file)) continue;
    out.literal(credentialOfVar(v, env), `\`${v.name}\``);
  }
  healthcheckSecrets(svc, env, out);
  // Flags in a variable this image does not read (REDIS_ARGS on the official image) still commit a password.
  for (const v of env.values()) {
    if (!/(_ARGS|_EXTRA_FLAGS)$/.test(v.name) || (EXTRA_FLAGS[image.family] ?? []).includes(v.name) || !v.value || v.fromEnvFile) continue;
    const parsed = parseServerArgs(argsOfValue(v.value));
    for (const name of ['requirepass', 'masterauth', 'primaryauth']) {
      const value = lastOption(parsed, name)?.values[0];
      if (value) out.literal(credentialOfArg(value, env), `\`--${name}\` in \`${v.name}\``);
    }
  }

  // A password variable the image never reads: say so where it is set.
  if (state.auth === 'none' && !state.reported) {
    for (const name of IGNORED_VARS[image.family] ?? []) {
      const v = env.get(name);
      if (!v || (v.value && credentialOfVar(v, env).empty)) continue;
      out.add(
        finding(
          COMPOSE_CHECKS.passwordEnvIgnored,
          v.at,
          `The \`${image.repository}\` image ignores \`${name}\`: \`${svc.name}\` starts without a password and with protected mode off. ${HOW_TO_FIX[image.family]}.`,
        ),
      );
      state.reported = true;
    }
  }

  const exposure = exposureOf(svc);
  const product: ServerFact['product'] = state.sentinel ? 'sentinel' : image.product;
  // Redis 7+ refuses remote clients of a passwordless default user in protected mode; a loopback
  // bind keeps everyone outside the container out. Still no password, but not reachable.
  const guarded = state.protectedMode === true || state.loopbackOnly === true;
  if (state.auth === 'none' && !state.reported) {
    const cmdAt = svc.command && svc.command.at.file !== imageAt.file ? svc.command.at : undefined;
    const at = state.reason?.startsWith('`--requirepass` is given') || state.reason?.startsWith('`--user') ? state.authAt : cmdAt ?? imageAt;
    state.authAt = at;
    const what = product === 'sentinel' ? 'Sentinel' : 'Redis';
    const reach = guarded
      ? state.loopbackOnly
        ? 'it only listens on loopback inside its container'
        : 'only protected mode keeps remote clients out'
      : exposure.exposure === 'public'
        ? 'its port is published on all interfaces'
        : 'any container on its network can connect';
    out.add(
      finding(
        COMPOSE_CHECKS.noAuth,
        { ...at, anchor: at.anchor ?? `services.${svc.name}.image` },
        `Service \`${svc.name}\` (${image.repository}) runs ${what} without a password: ${state.reason ?? 'nothing sets one'}, and ${reach}. ${product === 'sentinel' && image.family !== 'bitnami-sentinel' ? SENTINEL_FIX : HOW_TO_FIX[image.family]}.`,
        product === 'sentinel' || guarded ? 'warning' : 'error',
      ),
    );
  }
  for (const p of exposure.publicPorts) {
    const open = state.auth === 'none' && !guarded;
    out.add(
      finding(
        COMPOSE_CHECKS.exposedPort,
        p.at,
        `Port \`${p.text}\` publishes \`${svc.name}\` on every host interface${open ? ' and the server has no password, so anyone who reaches this host can read and write it' : ''}. Bind it to loopback (\`${p.loopback}\`) or drop \`ports:\` and let other services use the compose network.`,
        open ? 'error' : 'warning',
      ),
    );
  }
  if (exposure.hostNetwork) {
    // On the host network a loopback bind is the host's loopback: protected mode still guards.
    const open = state.auth === 'none' && state.protectedMode !== true;
    out.add(
      finding(
        COMPOSE_CHECKS.exposedPort,
        { ...exposure.hostNetwork, anchor: `services.${svc.name}.network_mode` },
        `\`network_mode: host\` puts \`${svc.name}\` on the host's interfaces${open ? ' and the server has no password' : ''}. Use the compose network, and publish on \`127.0.0.1\` only if the host needs it.`,
        open ? 'error' : 'warning',
      ),
    );
  }

  const fact: ServerFact = {
    kind: 'server',
    subject: scope.subject,
    label: scope.label,
    file: scope.factFile,
    environment: scope.environment,
    source: 'compose',
    product,
    auth: state.auth,
    authAt: state.authAt,
    credentials: state.credentials,
    tls: state.tls,
    tlsAt: state.tlsAt,
    exposure: exposure.exposure,
    exposureAt: exposure.at,
    protectedMode: state.protectedMode,
    protectedModeAt: state.protectedModeAt,
  };
  return { fact, findings: out.findings };
}

export { minimalConfVerdict };
