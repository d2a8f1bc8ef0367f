/**
 * Secret heuristics shared by the ESLint rules and the scanners: masking, placeholders,
 * known-weak passwords, references to values provided from outside, entropy.
 */
import { redactUserinfo } from './redis-url';
import { escapeControls } from './terminal';

/**
 * Never print a secret whole: `hunter2hunter2` -> `hu****r2`. The stars hide the length; a short
 * secret shows less, since each character shown is a larger share of it: none under 8 characters,
 * one at each end under 12. Shown characters that could drive a terminal are escaped.
 */
export function maskSecret(value: string): string {
  if (value.length === 0) return '""';
  const chars = Array.from(value);
  const shown = chars.length < 8 ? 0 : chars.length < 12 ? 1 : 2;
  if (shown === 0) return '****';
  return `${escapeControls(chars.slice(0, shown).join(''))}****${escapeControls(chars.slice(-shown).join(''))}`;
}

/**
 * Passwords that are defaults, examples or dictionary words. `foobared` is redis.conf's own
 * example value; the rest are the usual suspects in compose files and tutorials. Compared
 * case-insensitively.
 */
export const WEAK_PASSWORDS: readonly string[] = [
  'foobared',
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'password',
  'passw0rd',
  'password1',
  'password123',
  'pass',
  'pass123',
  'redis',
  'redis123',
  'redispass',
  'redispassword',
  'redis_password',
  'redis-password',
  'valkey',
  'keydb',
  'secret',
  'secret123',
  'mysecret',
  'admin',
  'admin123',
  'root',
  'default',
  'test',
  'testing',
  'guest',
  'qwerty',
  'letmein',
  'welcome',
  'hunter2',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  '000000',
  'abc123',
  'mypassword',
  'yourpassword',
  'your_password',
  'your-password',
  'some_secure_password',
  'supersecret',
  'super-secret',
  'bitnami',
  'example',
  'dev',
  'local',
];

/**
 * Redis passwords that products ship as their default, or that a widely copied tutorial publishes:
 * anyone can read them, so they protect nothing wherever they end up. Each with where it is
 * published (checked against the public sources, not guessed).
 */
export const PUBLISHED_PASSWORDS: ReadonlyArray<{ value: string; source: string }> = [
  { value: 'difyai123456', source: "Dify's docker/.env.example" },
  { value: 'H733Kdjndks81', source: "netbox-docker's env/redis.env" },
  { value: 't4Ph722qJ5QHeQ1qfu36', source: "netbox-docker's env/redis-cache.env" },
  { value: 'myredissecret', source: "Langfuse's docker-compose.yml" },
  { value: 'budibase', source: "Budibase's hosting .env" },
  { value: 'Password123@redis', source: "MaxKB's docker run example" },
  { value: 'secretpassword', source: "the Bitnami Helm charts' README" },
  { value: 'sOmE_sEcUrE_pAsS', source: 'a widely copied Redis client example' },
  { value: 'eYVX7EwVmmxKPCDmwMtyKVge8oLd2t81', source: 'a widely copied docker-compose Redis tutorial' },
];

const WEAK_SET = new Set(WEAK_PASSWORDS);
const PUBLISHED = new Map(PUBLISHED_PASSWORDS.map((p) => [p.value.toLowerCase(), p.source]));

/** Shorter than this, a password falls to a brute force against a fast Redis in minutes. */
export const MIN_PASSWORD_LENGTH = 8;

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<[^<>]+>$/, // <password>
  /^\[[^[\]]+\]$/, // [password]
  /^(x+|\*+|\.{3,}|_+|-+|#+|\?+)$/i, // xxxx, ****, ...
  /^(your|my|the|some|insert|enter|put|replace|set)[-_ ]?.*(pass|secret|key|token|here)/i,
  /(change[-_ ]?me|replace[-_ ]?me|fill[-_ ]?me|to[-_ ]?do|tbd|fixme|placeholder|redacted|dummy)/i,
  /^(none|null|nil|undefined|empty|n\/a|na|false|true)$/i,
];

/**
 * `{{ .Values.x }}`, `%(x)s`, `#{x}`: the value is supplied from outside by whatever renders the
 * file (Helm, Python, Octopus/Ruby), whoever reads it afterwards.
 */
const TEMPLATE_REFERENCE: readonly RegExp[] = [/^%\([^)]+\)s$/, /^#\{[^}]+\}$/];

/**
 * `{{ … }}` anywhere in the value, as `/\{\{.*\}\}/s` tests it, without that pattern's retry from
 * every `{{` to the end (quadratic on a value of `{{{{…`).
 */
function hasTemplateAction(v: string): boolean {
  const open = v.indexOf('{{');
  return open >= 0 && v.indexOf('}}', open + 2) >= 0;
}

/**
 * Values encrypted or resolved at deploy time: SOPS `ENC[AES256_GCM,…]`, helm-secrets/vals
 * `ref+vault://`, argocd-vault-plugin `<path:…>`, bank-vaults `vault:`, `sm://`, AWS/GCP/Azure
 * secret-manager prefixes, GitHub Actions `${{ secrets.X }}`, Concourse `((x))`.
 */
const DEPLOY_TIME_VALUE = /^(ENC\[|ref\+[a-z0-9]+:\/\/|<path:|vault:|sm:\/\/|awssm|gcpsm:|azkv:|\$\{\{|\(\(.*\)\)$)/i;

const WHOLE_DOLLAR_NAME = /^\$[A-Za-z_][A-Za-z0-9_]*$/;
const DOLLAR_PARENS = /\$\([A-Za-z_][A-Za-z0-9_]*\)/;

/**
 * A `$` reference: the leftmost `${…}` (or `$(NAME)` when `parens`) anywhere, or a whole `$NAME`.
 * What `/\$\{[^}]*\}|\$\(NAME\)|^\$NAME$/` finds, in one pass: that pattern retries from every
 * `${` to the end of the value, quadratic on `${${${…` with no `}`. In Kubernetes `command`/`args`
 * only `$(VAR)` is expanded, so there `${VAR}` and `$VAR` are looked for without `parens`.
 */
export function firstDollarReference(value: string, parens = true): string | undefined {
  if (WHOLE_DOLLAR_NAME.test(value)) return value;
  const open = value.indexOf('${');
  const close = open >= 0 ? value.indexOf('}', open + 2) : -1;
  const braces = close >= 0 ? open : -1;
  const p = parens ? DOLLAR_PARENS.exec(value) : null;
  if (p && (braces < 0 || p.index < braces)) return p[0];
  return braces >= 0 ? value.slice(braces, close + 1) : undefined;
}

/**
 * Who reads the value, and which `$` references it expands:
 * - `all`: a shell, Compose, dotenv-expand, JS code, a rendered template (the default);
 * - `kubernetes`: container `command`/`args`, only `$(VAR)` (docker-library/redis#46);
 * - `none`: Redis reading its own config file (redis/redis#11931).
 */
export type Expansion = 'all' | 'kubernetes' | 'none';

export type SecretVerdict =
  /** "" or only blanks. */
  | { kind: 'empty' }
  /** Supplied from outside: `${REDIS_PASSWORD}`, `{{ .Values.pw }}`, SOPS, Vault. */
  | { kind: 'reference' }
  /** Reference syntax the reader does not expand: the password is this literal text. */
  | { kind: 'unexpanded'; variable: string }
  /** Obviously not a real value: `<password>`, `xxxx`, `your-password-here`. */
  | { kind: 'placeholder'; reason: string }
  /** A real value, but a default, dictionary word or too short. */
  | { kind: 'weak'; reason: string }
  /** Looks like a real secret. */
  | { kind: 'literal' };

export type SecretKind = SecretVerdict['kind'];

/** The one verdict on a password value, for every file kind and the ESLint rules. */
export function judgeSecret(value: string, expansion: Expansion = 'all'): SecretVerdict {
  const v = value.trim();
  if (v.length === 0) return { kind: 'empty' };
  if (DEPLOY_TIME_VALUE.test(v) || hasTemplateAction(v) || TEMPLATE_REFERENCE.some((re) => re.test(v))) return { kind: 'reference' };
  if (expansion === 'kubernetes') {
    const literal = firstDollarReference(v, false);
    if (literal) return { kind: 'unexpanded', variable: literal };
    if (DOLLAR_PARENS.test(v)) return { kind: 'reference' };
  } else {
    const dollar = firstDollarReference(v);
    if (dollar) return expansion === 'none' ? { kind: 'unexpanded', variable: dollar } : { kind: 'reference' };
  }
  if (isPlaceholder(v) && !isKnownWeak(v)) return { kind: 'placeholder', reason: 'is a placeholder' };
  const reason = weaknessOf(v);
  if (reason) return { kind: 'weak', reason };
  return { kind: 'literal' };
}

/** A value supplied from outside (a reference, a template expression, a deploy-time secret). */
export function isReference(value: string): boolean {
  return judgeSecret(value).kind === 'reference';
}

/** A value encrypted or resolved at deploy time (SOPS, Vault...), with no variable name to follow. */
export function isDeployTimeValue(value: string): boolean {
  return DEPLOY_TIME_VALUE.test(value.trim());
}

/** True for a value somebody forgot to fill in (it is also weak if it ever reaches Redis). */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER_PATTERNS.some((re) => re.test(v));
}

export function isKnownWeak(value: string): boolean {
  const v = value.trim().toLowerCase();
  return WEAK_SET.has(v) || PUBLISHED.has(v);
}

/** Why a concrete password is weak, or undefined if it is not. */
export function weaknessOf(value: string): string | undefined {
  const v = value.trim();
  if (v.length === 0) return 'is empty';
  const published = PUBLISHED.get(v.toLowerCase());
  if (published) return `is a published default password (${published})`;
  if (isKnownWeak(v)) return 'is a well-known default or dictionary password';
  if (isPlaceholder(v)) return 'is a placeholder';
  if (v.length < MIN_PASSWORD_LENGTH) return `is shorter than ${MIN_PASSWORD_LENGTH} characters`;
  if (/^(.)\1*$/.test(v)) return 'repeats one character';
  if (/^\d+$/.test(v) && v.length < 12) return 'is a short number';
  return undefined;
}

export function classifySecret(value: string): SecretKind {
  return judgeSecret(value).kind;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Words people put in throwaway passwords (`testpass-1234`, `local-dev-redis-pw`); generated secrets have none. */
const THROWAWAY_WORD = /test|pass|secret|example|sample|demo|dummy|fake|mock|local|dev|redis|valkey|foo|bar|qwerty|admin/i;

/**
 * For places where a value *might* be a secret (a `.env.example` line): does it look like a real,
 * generated secret rather than a word or a placeholder? In a credential position we never need
 * this: any literal there is a finding, whatever its entropy.
 */
export function looksLikeRealSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 12) return false;
  if (isReference(v) || isPlaceholder(v) || isKnownWeak(v) || THROWAWAY_WORD.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return classes >= 2 && shannonEntropy(v) >= 3.0;
}

export { isCredentialName, isRedisClientSecretVar, isRedisServiceSecretVar } from './credential-names';
import { isCredentialFileName, isRedisClientSecretVar, isRedisServiceSecretVar } from './credential-names';
import { isRedisRelatedName } from './redis-names';

/**
 * The Docker secrets convention: `REDIS_PASSWORD_FILE=/run/secrets/redis_password` supplies the
 * password `REDIS_PASSWORD` would, from a mounted file (provided from outside, never a literal).
 * Returns the variable the file stands for, or undefined when `name` is no credential file variable.
 */
export function passwordFileVariable(name: string, redisOnly = true): string | undefined {
  const m = /^(.+?)_+FILE$/i.exec(name);
  if (!m) return undefined;
  const stem = m[1];
  return (redisOnly ? isRedisClientSecretVar(stem) : isRedisServiceSecretVar(stem)) ? stem : undefined;
}

/** `REDIS_USERNAME`, `REDIS_USER`: the ACL user a client authenticates as (not a secret). */
export function isRedisUsernameVar(name: string): boolean {
  return isRedisRelatedName(name) && /(^|_)(USER|USERNAME)$/i.test(name);
}

/**
 * A compose `secrets:` entry or a mounted secret file that holds a Redis credential, by its name:
 * `redis_password`, `redis-pass`, `valkey_auth`, `/run/secrets/redis_password`.
 */
export function isRedisSecretFileName(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/\.(txt|secret)$/i, '');
  return isRedisRelatedName(base) && isCredentialFileName(base);
}

/**
 * A flag that carries a password, or is shaped like one with the value glued on (`-aSECRET`,
 * `--passwordSECRET`, `--pass=…`): the match is the part that names it.
 */
export const PASSWORD_FLAG = /^(-a|--?(?:password|passwd|pass|pw|auth|requirepass|user-?pass(?:word)?|secret|token))/i;

/**
 * A command-line argument as it may be echoed in an error: a password-shaped flag shows only the
 * part that names it, any `scheme://user:password@` has its password masked, controls are
 * escaped, and it is cut to 60 characters.
 */
export function echoArgument(arg: string): string {
  const flag = PASSWORD_FLAG.exec(arg);
  const shown = flag ? (arg.length > flag[1].length ? `${flag[1]}…` : arg) : escapeControls(redactUserinfo(arg, maskSecret));
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}
