/**
 * A compose service that runs application code (anything but a Redis-family image), as a
 * UnitFact: how it gets its code (`build:` context and Dockerfile, or its image) and what it sets
 * each environment variable to, with Compose's interpolation semantics.
 */
import type { EnvSetting, UnitFact } from '../../src/core/facts';
import { isRedisUrl, parseRedisUrl } from '../../src/core/redis-url';
import { credentialOfUrl, credentialOfVar } from './credentials';
import type { EnvVar, ServiceModel } from './model';
import { effectiveEnv, type ServiceScope } from './service-state';

function settingOf(v: EnvVar, env: ReadonlyMap<string, EnvVar>): EnvSetting {
  if (!v.value) return { name: v.name, source: 'env', reference: v.name, at: v.at };
  const at = { ...v.value.at, anchor: v.at.anchor };
  const resolved = v.value.value.trim();
  const info = credentialOfVar(v, env);
  const setting: EnvSetting = { name: v.name, source: info.empty ? 'none' : info.credential.source, reference: info.credential.reference, at };
  if (setting.source === 'literal') setting.value = resolved;
  if (isRedisUrl(resolved)) {
    const url = parseRedisUrl(resolved);
    const password = credentialOfUrl(v.value.raw.trim(), v.value, v.value.startOffset, at);
    // A URL assembled from variables (`redis://:${PW}@cache`) is still the file's own text.
    if (setting.source === 'unknown') setting.source = 'literal';
    setting.url = {
      host: url?.host ?? url?.socketPath,
      password: !password || password.empty ? 'none' : password.credential.source,
      passwordAt: password?.credential.at,
      tls: url?.tls ?? false,
    };
  }
  return setting;
}

export function unitOf(svc: ServiceModel, scope: ServiceScope): UnitFact {
  const env = effectiveEnv(svc);
  const image = svc.image ? svc.image.value.trim() : undefined;
  return {
    kind: 'unit',
    subject: scope.subject,
    label: scope.label,
    file: scope.factFile,
    environment: scope.environment,
    source: 'compose',
    build: svc.buildSpec,
    image: image && svc.image ? { name: image, at: svc.image.at } : undefined,
    at: svc.at,
    env: [...env.values()].map((v) => settingOf(v, env)),
    ...(svc.envFilesUnread?.length ? { opaque: svc.envFilesUnread } : {}),
  };
}
