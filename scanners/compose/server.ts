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
import { authFromServerArgs } from './command-auth';
import { credentialOfArg, credentialOfVar } from './credentials';
import { exposureOf } from './exposure';
import { healthcheckSecrets } from './healthcheck';
import type { ImageInfo } from '../../src/core/images';
import type { EnvVar, ServiceModel } from './model';
import { isRedisServiceSecretVar } from '../../src/core/secrets';
import { Collector, effectiveEnv, synthetic, unmodeled, type AuthState, type ServiceScope } from './service-state';
import { unmodeledFinding } from '../../src/engine/kit/unmodeled';
import type { ImageSpec } from '../../src/core/images';

export { effectiveEnv, type ServiceScope } from './service-state';

export interface ServerResult {
  fact: ServerFact;
  findings: Finding[];
}

const SENTINEL_FIX = "Add `requirepass` (or `user` lines) to the sentinel conf, with the same password on every sentinel of the group";

export function analyzeServer(svc: ServiceModel, image: ImageInfo, scope: ServiceScope, composeFiles: ReadonlySet<string>): ServerResult {
  const out = new Collector(scope);
  const env = effectiveEnv(svc);
  const imageAt = svc.image?.at ?? svc.at;
  const state: AuthState = { auth: 'unknown', authAt: imageAt, credentials: [], tls: 'unknown' };
  const spec = image.spec;
  if (spec.protectedModeOff) {
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
  const extra = flagsFromEnv(spec, env);

  const envDriven = spec.passwordVars.length > 0;
  const direct = argv && argv.length > 0 ? findServer(argv) : undefined;
  if (envDriven && !direct) {
    // Bitnami's run.sh and Grokzen's `redis-cluster` start the server from the env; flags after
    // run.sh, or a command of flags only, reach the server.
    const first = argv?.[0]?.value;
    const runArgs = !argv || argv.length === 0 ? [] : /run\.sh$/.test(basename(first!)) || first === spec.bin ? argv.slice(1) : first!.startsWith('-') ? argv : undefined;
    if (runArgs === undefined) unmodeled(state, `its command \`${argv!.map((a) => a.value).join(' ').slice(0, 60)}\` replaces how the image starts the server`);
    else bitnamiAuth(svc, env, image, scope, out, state, [...extra, ...runArgs]);
  } else {
    let server = direct;
    if (!server && (!argv || argv.length === 0) && svc.build) {
      // `image:` only tags what `build:` makes, and its Dockerfile is not in the repository: what
      // runs is not known to be a Redis at all.
      state.auth = 'unknown';
    } else if (!server && (!argv || argv.length === 0)) {
      server = { bin: spec.bin, sentinel: false, args: spec.cmdArgs.map((a) => synthetic(a, imageAt)) };
    } else if (!server && imageEntrypoint && argv && (argv[0].value.startsWith('-') || argv[0].value.endsWith('.conf'))) {
      // The official entrypoint prepends redis-server to `--flag` or `x.conf` arguments.
      server = { bin: spec.bin, sentinel: argv.some((a) => a.value === '--sentinel'), args: argv };
    }
    if (server) {
      state.sentinel = server.sentinel;
      authFromServerArgs(parseServerArgs([...server.args, ...extra], spec.equalsFlags), svc, env, scope, out, image, state);
    } else if (!svc.build) {
      unmodeled(state, `its command \`${(argv ?? []).map((a) => a.value).join(' ').slice(0, 60)}\` starts no Redis server this scanner can read`);
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
    if (!/(_ARGS|_EXTRA_FLAGS)$/.test(v.name) || spec.flagVars.includes(v.name) || !v.value || v.fromEnvFile) continue;
    const parsed = parseServerArgs(argsOfValue(v.value));
    for (const name of ['requirepass', 'masterauth', 'primaryauth']) {
      const value = lastOption(parsed, name)?.values[0];
      if (value) out.literal(credentialOfArg(value, env), `\`--${name}\` in \`${v.name}\``);
    }
  }

  // A password variable the image never reads: say so where it is set.
  if (state.auth === 'none' && !state.reported) {
    for (const name of spec.ignoredVars) {
      const v = env.get(name);
      if (!v || (v.value && credentialOfVar(v, env).empty)) continue;
      out.add(
        findingAt(
          COMPOSE_CHECKS.passwordEnvIgnored,
          v.at,
          `The \`${image.repository}\` image ignores \`${name}\`: \`${svc.name}\` starts without a password${spec.protectedModeOff ? ' and with protected mode off' : ''}. ${spec.composeFix}.`,
        ),
      );
      state.reported = true;
    }
  }

  if (state.auth === 'unknown' && state.unmodeled) {
    out.add(
      unmodeledFinding(
        { ...imageAt, anchor: imageAt.anchor ?? `services.${svc.name}.image` },
        `Service \`${svc.name}\` (${image.repository})`,
        state.unmodeled,
        `Check that it starts with a password; ${spec.composeFix.charAt(0).toLowerCase()}${spec.composeFix.slice(1)}.`,
      ),
    );
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
    const what = { sentinel: 'Sentinel', valkey: 'Valkey', keydb: 'KeyDB', dragonfly: 'Dragonfly', 'redis-cluster': 'a Redis Cluster' }[product as string] ?? 'Redis';
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
        `Service \`${svc.name}\` (${image.repository}) runs ${what} without a password${profile}: ${state.reason ?? 'nothing sets one'}, and ${reach}. ${product === 'sentinel' && image.family !== 'bitnami-sentinel' ? SENTINEL_FIX : spec.composeFix}.`,
        guarded ? 'warning' : 'error',
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
  if (state.confLaunch) fact.startsConf = [state.confLaunch];
  if (state.confFile) {
    // The redis-conf scanner reports the same server through its conf: one problem, one finding.
    const confSubject = `server:${state.sentinel ? 'sentinel' : 'conf'}:${state.confFile}`;
    for (const f of out.findings) if (f.category === 'missing-auth' || f.category === 'exposure') f.group ??= confSubject;
  }
  return { fact, findings: aboutSubject(out.findings, fact.subject) };
}


/**
 * Server flags the image takes from its env: the words of `REDIS_ARGS`-style variables, and
 * Dragonfly's `DFLY_<flag>` variables as `--<flag> <value>`.
 */
function flagsFromEnv(spec: ImageSpec, env: Map<string, EnvVar>): Arg[] {
  const out: Arg[] = [];
  for (const name of spec.flagVars) {
    const v = env.get(name);
    if (v?.value) out.push(...argsOfValue(v.value));
  }
  if (spec.flagEnvPrefix) {
    for (const v of env.values()) {
      if (!v.name.startsWith(spec.flagEnvPrefix) || !v.value) continue;
      const flag = v.name.slice(spec.flagEnvPrefix.length);
      out.push(synthetic(`--${flag}`, v.at), { text: v.value.raw, value: v.value.value, at: v.value.at, loc: v.value, offset: v.value.startOffset });
    }
  }
  return out;
}
