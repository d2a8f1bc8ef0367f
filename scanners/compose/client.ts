/**
 * Services that connect to Redis through a URL variable (REDIS_URL, CACHE_URL, CELERY_BROKER_URL,
 * BULL_REDIS_URL...): ClientFacts, literal passwords in the URL, and URLs with no password.
 *
 * Decision: when the URL names a Redis service of the same project that itself has no auth, only
 * the server finding is reported (one act fixes both); when the target has a password, or is
 * outside the project, the client's missing password is reported.
 */
import type { ClientFact, Credential, ServerFact } from '../../src/core/facts';
import type { Finding } from '../../src/core/finding';
import { isRedisUrl, parseRedisUrl } from '../../src/core/redis-url';
import { isStrictFile } from '../../src/core/environment-memo';
import { COMPOSE_CHECKS } from './checks';
import { findingAt } from '../../src/engine/kit/finding';
import { credentialOfUrl, credentialOfVar, literalFinding } from './credentials';
import { interpolate } from './interpolate';
import type { EnvVar, ServiceModel } from './model';
import { isRedisClientSecretVar, isRedisSecretFileName, isRedisUsernameVar, passwordFileVariable } from '../../src/core/secrets';
import { effectiveEnv, type ServiceScope } from './server';


export interface RedisTarget {
  aliases: string[];
  fact: ServerFact;
}

export function analyzeClients(
  svc: ServiceModel,
  scope: ServiceScope,
  servers: readonly RedisTarget[],
  composeFiles: ReadonlySet<string>,
): { facts: ClientFact[]; findings: Finding[] } {
  const env = effectiveEnv(svc);
  const facts: ClientFact[] = [];
  const findings: Finding[] = [];
  const fromCompose = (v: EnvVar) => !v.fromEnvFile && composeFiles.has(v.at.file);
  const envOptions = scope.ctx.environment;

  // A password variable next to the URL counts as the client's password.
  let sibling: Credential | undefined;
  for (const v of env.values()) {
    if (!isRedisClientSecretVar(v.name)) continue;
    const info = credentialOfVar(v, env);
    if (info.literal && fromCompose(v)) {
      const f = literalFinding(info.literal.value, info.literal.at, `\`${v.name}\` of \`${svc.name}\``, envOptions);
      if (f) findings.push(f);
    }
    if (!info.empty) sibling ??= info.credential;
  }
  // The Docker secrets convention: `REDIS_PASSWORD_FILE: /run/secrets/redis_password`, or a
  // mounted secret named for the Redis password. Either way the password comes from outside.
  for (const v of env.values()) {
    if (sibling || !passwordFileVariable(v.name) || !v.value?.value.trim()) continue;
    sibling = { source: 'file', reference: v.value.value.trim(), at: v.value.at };
  }
  const mounted = svc.secrets.find((x) => isRedisSecretFileName(x.target) || isRedisSecretFileName(x.source));
  if (!sibling && mounted) sibling = { source: 'file', reference: `/run/secrets/${mounted.target}`, at: mounted.at };
  const username = [...env.values()].find((v) => isRedisUsernameVar(v.name))?.value?.value.trim();
  if (sibling && username && sibling.source === 'file') sibling = { ...sibling, username };

  for (const v of env.values()) {
    if (!v.value) continue;
    const resolved = v.value.value.trim();
    if (!isRedisUrl(resolved)) continue;
    const url = parseRedisUrl(resolved);
    if (!url) continue;
    const info = credentialOfUrl(v.value.raw.trim(), v.value, v.value.startOffset, { ...(v.value.at), anchor: v.at.anchor });
    if (info?.literal && fromCompose(v)) {
      const f = literalFinding(info.literal.value, info.literal.at, `The password in \`${v.name}\` of \`${svc.name}\``, envOptions);
      if (f) findings.push(f);
    }
    const own = info && !info.empty ? info.credential : undefined;
    const credential = own ?? sibling;
    const host = url.host ?? url.socketPath;
    const fact: ClientFact = {
      kind: 'client',
      subject: `${scope.subject}/${v.name}`,
      label: `${v.name} of compose service ${svc.name}`,
      file: scope.factFile,
      environment: scope.environment,
      source: 'compose',
      host,
      auth: credential ? 'password' : 'none',
      authAt: credential?.at ?? v.at,
      credentials: credential ? [credential] : [],
      tls: url.tls,
      tlsAt: v.value.at,
    };
    facts.push(fact);
    // A URL from an env_file is judged where it is written, by the dotenv checks.
    if (credential || v.fromEnvFile) continue;
    const target = host ? servers.find((s) => s.aliases.includes(host)) : undefined;
    // The server finding already says the target is open; one fix covers both.
    if (target && target.fact.auth !== 'password' && target.fact.auth !== 'acl') continue;
    const severity = isStrictFile(v.at.file, envOptions) ? 'error' : COMPOSE_CHECKS.clientNoAuth.defaultSeverity;
    const shown = interpolate(v.value.raw, new Map()).includes('@') ? `\`${v.name}\`` : `\`${v.name}=${resolved}\``;
    const why = target
      ? `but \`${target.aliases[0]}\` requires one, so the connection fails with NOAUTH`
      : 'so the Redis it reaches must be running without authentication';
    findings.push(
      findingAt(
        COMPOSE_CHECKS.clientNoAuth,
        v.value.at,
        `${shown} of \`${svc.name}\` connects without a password, ${why}. Put the password in the URL from a variable (\`${url.scheme}://:\${REDIS_PASSWORD}@${host ?? 'host'}:${url.port ?? 6379}\`) and require it on the server.`,
        severity,
      ),
    );
  }
  return { facts, findings };
}
