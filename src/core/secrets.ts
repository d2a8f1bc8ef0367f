/**
 * Secret heuristics shared by the ESLint rules and the scanners: masking, placeholders,
 * known-weak passwords, references to values provided from outside, entropy.
 */

/** Never print a secret whole: `hunter2` -> `hu****r2`. The stars hide the length. */
export function maskSecret(value: string): string {
  if (value.length === 0) return '""';
  if (value.length <= 4) return '****';
  if (value.length <= 6) return `${value[0]}****${value[value.length - 1]}`;
  return `${value.slice(0, 2)}****${value.slice(-2)}`;
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

const WEAK_SET = new Set(WEAK_PASSWORDS);

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

/** `${VAR}`, `$VAR`, `$(VAR)`, `{{ .Values.x }}`, `%(x)s`: the value is supplied from outside. */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^\$\{[^}]+\}$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/,
  /^\{\{.*\}\}$/s,
  /^%\([^)]+\)s$/,
  /^#\{[^}]+\}$/,
];

export type SecretKind =
  /** "" or only blanks. */
  | 'empty'
  /** A reference to a value supplied from outside: `${REDIS_PASSWORD}`, `{{ .Values.pw }}`. */
  | 'reference'
  /** Obviously not a real value: `<password>`, `changeme`, `xxxx`. */
  | 'placeholder'
  /** A real value, but a default, dictionary word or too short. */
  | 'weak'
  /** Looks like a real secret. */
  | 'literal';

export function isReference(value: string): boolean {
  const v = value.trim();
  return REFERENCE_PATTERNS.some((re) => re.test(v));
}

/** True for a value somebody forgot to fill in (it is also weak if it ever reaches Redis). */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER_PATTERNS.some((re) => re.test(v));
}

export function isKnownWeak(value: string): boolean {
  return WEAK_SET.has(value.trim().toLowerCase());
}

/** Why a concrete password is weak, or undefined if it is not. */
export function weaknessOf(value: string): string | undefined {
  const v = value.trim();
  if (v.length === 0) return 'is empty';
  if (isKnownWeak(v)) return 'is a well-known default or dictionary password';
  if (isPlaceholder(v)) return 'is a placeholder';
  if (v.length < MIN_PASSWORD_LENGTH) return `is shorter than ${MIN_PASSWORD_LENGTH} characters`;
  if (/^(.)\1*$/.test(v)) return 'repeats one character';
  if (/^\d+$/.test(v) && v.length < 12) return 'is a short number';
  return undefined;
}

export function classifySecret(value: string): SecretKind {
  const v = value.trim();
  if (v.length === 0) return 'empty';
  if (isReference(v)) return 'reference';
  if (isPlaceholder(v) && !isKnownWeak(v)) return 'placeholder';
  if (weaknessOf(v)) return 'weak';
  return 'literal';
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

/**
 * For places where a value *might* be a secret (a `.env.example` line): does it look like a real,
 * generated secret rather than a word or a placeholder? In a credential position we never need
 * this: any literal there is a finding, whatever its entropy.
 */
export function looksLikeRealSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 12) return false;
  if (isReference(v) || isPlaceholder(v) || isKnownWeak(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return classes >= 2 && shannonEntropy(v) >= 3.0;
}

/** Names of variables and keys that hold a Redis credential. */
export function isCredentialName(name: string): boolean {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/(policy|length|file|path|hash|prompt|field|label|hint|reset|expir|rotation|strength|required|enabled|usepassword|existing|key$)/.test(n)) {
    // `passwordPolicy`, `passwordFile`, `usePassword`, `existingSecretPasswordKey` are not secrets.
    return false;
  }
  return /(password|passwd|pwd|pass$|authpass|requirepass|masterauth|primaryauth|secret|token)$/.test(n);
}

/** Names of variables that carry a Redis credential in a Redis service's environment. */
export function isRedisServiceSecretVar(name: string): boolean {
  return name === 'REDISCLI_AUTH' || (isCredentialName(name) && !NOT_A_SECRET_NAME.test(name));
}

/** `ALLOW_EMPTY_PASSWORD`, `REDIS_USE_PASSWORD_FILES`: switches whose names end in PASSWORD. */
const NOT_A_SECRET_NAME = /(^|_)(ALLOW|USE|DISABLE|ENABLE|REQUIRE)_/i;

/** A Redis credential variable on a client service (`REDIS_PASSWORD`, `SPRING_DATA_REDIS_PASSWORD`). */
export function isRedisClientSecretVar(name: string): boolean {
  return name === 'REDISCLI_AUTH' || (/(redis|valkey|keydb|sentinel)/i.test(name) && isRedisServiceSecretVar(name));
}
