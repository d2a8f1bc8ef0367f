/**
 * "Is this key a password?": the one answer for env vars (Compose, .env, Kubernetes env), Helm
 * values keys, Kubernetes Secret keys and `{name, value}` env lists.
 */
import { isRedisRelatedName } from './redis-names';

/**
 * Words that make a password-named key a switch or a pointer rather than the secret itself:
 * `usePassword`, `ALLOW_EMPTY_PASSWORD`, `existingSecretPassword`, `passwordPolicy`, `hashedPassword`.
 * (A key that merely ends in `File`, `Key`, `Name` or `Ref` fails the suffix test anyway.)
 */
const NOT_THE_SECRET = new Set([
  'use', 'allow', 'enable', 'enabled', 'disable', 'disabled', 'require', 'required', 'reset', 'existing', 'empty',
  'policy', 'length', 'min', 'max', 'strength', 'rotation', 'expire', 'expires', 'expiry', 'expiration',
  'file', 'files', 'path', 'hash', 'hashed', 'prompt', 'field', 'label', 'hint', 'ref', 'secretref',
]);

/** The name ends in a password word: `password`, `REDIS_PASS`, `redisPwd`, `auth-pass`, `masterauth`, `REDISCLI_AUTH`. */
const PASSWORD_SUFFIX = /(password|passwd|pwd|pass|masterauth|primaryauth|cliauth)$/;

/** Words ending in `pass` that are no password. */
const NOT_PASS = /(bypass|compass|surpass|trespass)$/;

/** `FOO_BAR`: an environment variable, where `*_SECRET` and `*_TOKEN` hold values (in YAML keys a `secret` names a Kubernetes Secret, GitLab's `redis.auth.secret`). */
const ENV_STYLE = /^[A-Z][A-Z0-9_]*$/;

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Names of variables and keys that hold a credential. */
export function isCredentialName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0 || words.some((w) => NOT_THE_SECRET.has(w))) return false;
  const joined = words.join('');
  // redis-ha keeps its password in a Secret key named `auth`.
  if (joined === 'auth') return true;
  if (PASSWORD_SUFFIX.test(joined) && !NOT_PASS.test(joined)) return true;
  return ENV_STYLE.test(name) && /(secret|token)$/.test(joined);
}

/**
 * A file of its own is the secret by its name alone, so it needs no `password` word:
 * `redis_auth`, `redis-secret`, `valkey_credentials` hold a password as much as `redis_password`.
 */
const FILE_ONLY_SUFFIX = /(auth|secret|credentials?)$/;

/**
 * File names (without folder and `.txt`/`.secret`) of files that hold a credential: the
 * credential-name rule, a trailing number dropped (`redis_password2`), plus the file-only words.
 */
export function isCredentialFileName(base: string): boolean {
  const stem = base.replace(/[^A-Za-z]+$/, '');
  if (isCredentialName(stem)) return true;
  const words = wordsOf(stem);
  return !words.some((w) => NOT_THE_SECRET.has(w)) && FILE_ONLY_SUFFIX.test(words.join(''));
}

/** Names of variables that carry a Redis credential in a Redis service's environment. */
export function isRedisServiceSecretVar(name: string): boolean {
  return isCredentialName(name);
}

/**
 * A Redis credential outside a Redis container or chart: the name must say Redis
 * (`REDIS_PASSWORD`, `SPRING_DATA_REDIS_PASSWORD`, `SENTINEL_PASSWORD`, `REDISCLI_AUTH`).
 */
export function isRedisClientSecretVar(name: string): boolean {
  return isRedisRelatedName(name) && isCredentialName(name);
}

/** A credential key that counts where it stands: anywhere inside a Redis part, elsewhere only when its own name says Redis. */
export function isRedisCredentialKey(name: string, insideRedis: boolean): boolean {
  return (insideRedis || isRedisRelatedName(name)) && isCredentialName(name);
}
