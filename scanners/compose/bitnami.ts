/** Bitnami Redis/Valkey/Sentinel images: auth from env vars, `*_FILE`, ACL files, or a mounted conf. */
import { lastOption, parseServerArgs, type Arg } from './args';
import { COMPOSE_CHECKS } from './checks';
import { findingAt } from '../../src/engine/kit/finding';
import { confVerdict, mountedFile } from './conf';
import { credentialOfArg, credentialOfVar } from './credentials';
import type { ImageInfo } from '../../src/core/images';
import type { EnvVar, ServiceModel } from './model';
import { truthy, unmodeled, type AuthState, type Collector, type ServiceScope } from './service-state';

export function bitnamiAuth(
  svc: ServiceModel,
  env: Map<string, EnvVar>,
  image: ImageInfo,
  scope: ServiceScope,
  out: Collector,
  state: AuthState,
  extraArgs: Arg[],
): void {
  const sets = image.spec.passwordVars;
  for (const vars of sets) {
    if (!vars.mountedConf) continue;
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
      if (!verdict) unmodeled(state, `its conf at \`${vars.mountedConf}\` comes from a volume this repository does not hold, and it replaces the env settings`);
      if (verdict) {
        state.authAt = verdict.authAt;
        state.credentials.push(...verdict.credentials);
      }
      const pw = env.get(vars.password);
      if (state.auth === 'none') {
        state.reason = `the mounted \`${verdict?.file}\` sets no password`;
        if (pw?.value && !credentialOfVar(pw, env).empty) {
          out.add(
            findingAt(
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
  const remote = image.spec.remoteVar ? env.get(image.spec.remoteVar) : undefined;
  if (remote?.value && /^(no|false|0)$/i.test(remote.value.value.trim())) state.loopbackOnly = true;
  const tlsVar = image.spec.tlsVar ? env.get(image.spec.tlsVar) : undefined;
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
    const file = vars.passwordFile ? env.get(vars.passwordFile) : undefined;
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
  const allow = image.spec.allowEmptyVar ? env.get(image.spec.allowEmptyVar) : undefined;
  if (truthy(allow)) {
    state.auth = 'none';
    state.authAt = allow!.at;
    state.protectedMode = false;
    state.protectedModeAt = allow!.at;
    out.add(
      findingAt(
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
    state.reason = `neither \`${sets[0].password}\` nor \`${sets[0].passwordFile ?? ''}\` is set, so sentinel accepts commands from anyone who reaches it`;
    return;
  }
  if (!image.spec.allowEmptyVar) {
    // Grokzen's cluster, the client-libs test image: no password variable, no password.
    state.auth = 'none';
    state.reason = `\`${sets[0].password}\` is not set`;
    return;
  }
  // Without a password and without ALLOW_EMPTY_PASSWORD the Bitnami container refuses to start.
  state.auth = 'unknown';
}
