/** Bitnami Redis/Valkey/Sentinel images: auth from env vars, `*_FILE`, ACL files, or a mounted conf. */
import { lastOption, parseServerArgs, type Arg } from './args';
import { COMPOSE_CHECKS } from './checks';
import { findingAt } from '../../src/engine/kit/finding';
import { confVerdict, mountedFile } from './conf';
import { credentialOfArg, credentialOfVar } from './credentials';
import type { ImageFamily, ImageInfo } from './images';
import type { EnvVar, ServiceModel } from './model';
import { truthy, type AuthState, type Collector, type ServiceScope } from './service-state';

interface BitnamiVars {
  password: string;
  passwordFile: string;
  aclFile?: string;
  mountedConf: string;
}

export const BITNAMI: Partial<Record<ImageFamily, BitnamiVars[]>> = {
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

export function bitnamiAuth(
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
    state.reason = `neither \`${sets[0].password}\` nor \`${sets[0].passwordFile}\` is set, so sentinel accepts commands from anyone who reaches it`;
    return;
  }
  // Without a password and without ALLOW_EMPTY_PASSWORD the Bitnami container refuses to start.
  state.auth = 'unknown';
}
