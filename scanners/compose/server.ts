/**
 * A Redis-family compose service, as its image really starts it (DOMAIN.md §2): effective auth,
 * exposure and the findings that follow. Literal passwords are reported where they are written.
 */
import type { ServerFact } from '../../src/core/facts';
import type { Finding } from '../../src/core/finding';
import { argsOf, argsOfValue, basename, findServer, lastOption, parseServerArgs, type Arg } from './args';
import { bitnamiAuth } from './bitnami';
import { COMPOSE_CHECKS } from './checks';
import { aboutSubject, findingAt } from '../../src/engine/kit/finding';
import { authFromServerArgs, KEYDB_BUNDLED_CONF } from './command-auth';
import { credentialOfArg, credentialOfVar } from './credentials';
import { exposureOf } from './exposure';
import { healthcheckSecrets } from './healthcheck';
import type { ImageFamily, ImageInfo } from './images';
import type { ServiceModel } from './model';
import { isRedisServiceSecretVar } from '../../src/core/secrets';
import { Collector, effectiveEnv, synthetic, type AuthState, type ServiceScope } from './service-state';

export { effectiveEnv, type ServiceScope } from './service-state';

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
    if (!server && (!argv || argv.length === 0) && svc.build) {
      // `image:` only tags what `build:` makes; the Dockerfile's CMD (not visible here) runs.
      state.auth = 'unknown';
    } else if (!server && (!argv || argv.length === 0)) {
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
        findingAt(
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
    const what = { sentinel: 'Sentinel', valkey: 'Valkey', keydb: 'KeyDB' }[product as string] ?? 'Redis';
    // A service in a profile only starts when that profile is enabled: say so, it is still a risk.
    const profile = svc.profiles.length > 0 ? ` (it starts with profile ${svc.profiles.map((p) => `\`${p}\``).join(' or ')})` : '';
    const reach = guarded
      ? state.loopbackOnly
        ? 'it only listens on loopback inside its container'
        : 'only protected mode keeps remote clients out'
      : exposure.exposure === 'public'
        ? 'its port is published on all interfaces'
        : 'any container on its network can connect';
    out.add(
      findingAt(
        COMPOSE_CHECKS.noAuth,
        { ...at, anchor: at.anchor ?? `services.${svc.name}.image` },
        `Service \`${svc.name}\` (${image.repository}) runs ${what} without a password${profile}: ${state.reason ?? 'nothing sets one'}, and ${reach}. ${product === 'sentinel' && image.family !== 'bitnami-sentinel' ? SENTINEL_FIX : HOW_TO_FIX[image.family]}.`,
        product === 'sentinel' || guarded ? 'warning' : 'error',
      ),
    );
  }
  for (const p of exposure.publicPorts) {
    const open = state.auth === 'none' && !guarded;
    out.add(
      findingAt(
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
      findingAt(
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
  if (state.confLaunch) fact.startsConf = state.confLaunch;
  if (state.confFile) {
    // The redis-conf scanner reports the same server through its conf: one problem, one finding.
    const confSubject = `server:${state.sentinel ? 'sentinel' : 'conf'}:${state.confFile}`;
    for (const f of out.findings) if (f.category === 'missing-auth' || f.category === 'exposure') f.group ??= confSubject;
  }
  return { fact, findings: aboutSubject(out.findings, fact.subject) };
}

