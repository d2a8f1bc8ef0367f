/**
 * Where a password in a compose file comes from (a literal, `.env`, a variable supplied at deploy
 * time, a file or variable evaluated in the container), and the one finding a literal deserves:
 * weak-password for a weak one, hardcoded-secret otherwise, never both.
 */
import type { Credential, SourceRef } from '../../src/core/facts';
import type { Finding } from '../../src/core/finding';
import { classifySecret, maskSecret, weaknessOf } from '../../src/core/secrets';
import { maskExpressions, parseRedisUrl } from '../../src/core/redis-url';
import { isStrictFile, isTestFile } from '../../src/core/environment-memo';
import type { EnvironmentOptions } from '../../src/core/environment';
import { originOf } from './interpolate';
import type { Located } from './located';
import type { EnvVar } from './model';
import type { Arg } from './args';
import { COMPOSE_CHECKS } from './checks';
import { aboutSecret, findingAt } from '../../src/engine/kit/finding';

export interface CredentialInfo {
  credential: Credential;
  /** No password after interpolation (empty literal, `.env` value that is empty). */
  empty: boolean;
  /** A literal written in the scanned file: its value and where it is. */
  literal?: { value: string; at: SourceRef };
}

/**
 * The credential that `text` (uninterpolated, as written inside `loc` from offset `from`) provides.
 * `env` resolves `$$VAR` (a variable the container's shell expands) against the service's own
 * environment.
 */
export function credentialOfText(
  text: string,
  loc: Located,
  from: number,
  fallbackAt: SourceRef,
  env?: ReadonlyMap<string, EnvVar>,
  depth = 0,
): CredentialInfo {
  const origin = originOf(text, loc.vars);
  switch (origin.kind) {
    case 'literal': {
      const at = { ...(loc.find(origin.value, from)?.at ?? fallbackAt), anchor: fallbackAt.anchor };
      return {
        credential: { source: 'literal', value: origin.value, at },
        empty: origin.value === '',
        literal: { value: origin.value, at },
      };
    }
    case 'env':
      return {
        credential: { source: 'env', reference: origin.name, at: fallbackAt },
        empty: origin.value === '',
      };
    case 'container': {
      if (origin.file) return { credential: { source: 'file', reference: origin.file, at: fallbackAt }, empty: false };
      const v = origin.name ? env?.get(origin.name) : undefined;
      if (v?.value && depth < 2) {
        const inner = credentialOfText(v.value.raw, v.value, v.value.startOffset, v.value.at, env, depth + 1);
        // The variable's own literal is reported where the variable is set.
        return { credential: { ...inner.credential, at: fallbackAt }, empty: inner.empty };
      }
      return { credential: { source: 'unknown', reference: origin.name, at: fallbackAt }, empty: false };
    }
    case 'mixed':
      return { credential: { source: 'unknown', at: fallbackAt }, empty: false };
    case 'empty':
      return { credential: { source: 'none', at: fallbackAt }, empty: true };
  }
}

/** The credential of a whole word/value. */
export function credentialOfArg(arg: Arg, env?: ReadonlyMap<string, EnvVar>): CredentialInfo {
  return credentialOfText(arg.text, arg.loc, arg.offset, arg.at, env);
}

export function credentialOfVar(v: EnvVar, env?: ReadonlyMap<string, EnvVar>): CredentialInfo {
  if (!v.value) return { credential: { source: 'env', reference: v.name, at: v.at }, empty: false };
  const info = credentialOfText(v.value.raw, v.value, v.value.startOffset, { ...v.value.at, anchor: v.at.anchor }, env);
  // A value from an env_file is that file's literal: the dotenv scanner reports it.
  if (v.fromEnvFile && info.literal) return { ...info, literal: undefined, credential: { ...info.credential, source: 'literal' } };
  return info;
}

/** The password inside a redis:// URL written in `arg` (userinfo or `?password=`). */
export function credentialOfUrl(text: string, loc: Located, from: number, at: SourceRef): CredentialInfo | undefined {
  // `${PW:?}` holds `?` and `:` that would end the userinfo: parse a same-length stand-in.
  const url = parseRedisUrl(maskExpressions(text));
  if (!url || url.password === undefined || url.passwordOffset === undefined) return undefined;
  const raw = text.slice(url.passwordOffset, url.passwordOffset + (url.passwordRawLength ?? 0));
  const hit = loc.find(text, from);
  const start = hit ? hit.index + url.passwordOffset : from;
  const info = credentialOfText(decodeSafe(raw), loc, start, at);
  if (url.username) info.credential.username = url.username;
  return info;
}


function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The one finding a committed literal password deserves, or none for an empty/reference value. */
export function literalFinding(value: string, at: SourceRef, what: string, options: EnvironmentOptions): Finding | undefined {
  const kind = classifySecret(value);
  if (kind === 'empty' || kind === 'reference') return undefined;
  const masked = maskSecret(value);
  const weakness = weaknessOf(value);
  const throwaway = isTestFile(at.file, options);
  if (kind === 'placeholder' || kind === 'weak' || weakness) {
    return aboutSecret(findingAt(
      COMPOSE_CHECKS.weakPassword,
      at,
      `${what} is \`${masked}\`, which ${weakness ?? 'is a placeholder'}. Use a long random password supplied through a variable (\`\${REDIS_PASSWORD:?}\`) or a Docker secret.`,
      throwaway ? 'note' : COMPOSE_CHECKS.weakPassword.defaultSeverity,
    ), value);
  }
  return aboutSecret(findingAt(
    COMPOSE_CHECKS.hardcodedSecret,
    at,
    `${what} is a password written into the compose file (\`${masked}\`). Move it to an untracked .env file or a Docker secret and reference it as \`\${REDIS_PASSWORD:?}\`.`,
    isStrictFile(at.file, options) ? 'error' : throwaway ? 'note' : COMPOSE_CHECKS.hardcodedSecret.defaultSeverity,
  ), value);
}
