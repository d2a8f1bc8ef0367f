/**
 * The part of Redis's ACL (`src/acl.c`) that decides who can log in: `on`/`off`, `nopass`,
 * passwords and hashes, `reset`/`resetpass`, applied left to right. Key, channel and command rules
 * are accepted and ignored; an unknown rule is an error, as in `ACLSetUser`.
 */
import { maskSecret } from '../../../core/secrets';

/** Where a rule came from, so a finding can point at it. */
export interface RuleRef {
  file: string;
  line: number;
  column: number;
  endColumn?: number;
}

export interface AclRule {
  text: string;
  at: RuleRef;
}

export interface AclUserState {
  name: string;
  on: boolean;
  nopass: boolean;
  passwords: string[];
  hashes: string[];
  /** The rule that last made the user passwordless (`nopass`), or that defines the user. */
  nopassAt?: RuleRef;
  /** The `on` rule, or the line that defines the user. */
  onAt?: RuleRef;
  /** The user line (the `user` keyword), for line-level findings. */
  definedAt?: RuleRef;
}

/** The built-in default user: `+@all ~* &* on nopass` (`ACLCreateDefaultUser`). */
export function builtInDefaultUser(): AclUserState {
  return { name: 'default', on: true, nopass: true, passwords: [], hashes: [] };
}

/** A user as `ACLCreateUser` makes it, or after `reset`: `off`, no password, not `nopass`. */
export function resetUser(name: string, definedAt?: RuleRef): AclUserState {
  return { name, on: false, nopass: false, passwords: [], hashes: [], definedAt };
}

const FLAG_RULES = new Set([
  'allkeys',
  'allchannels',
  'allcommands',
  'nocommands',
  'resetkeys',
  'resetchannels',
  'clearselectors',
  'sanitize-payload',
  'skip-sanitize-payload',
]);

/** `ACLCheckPasswordHash`: exactly 64 lowercase hex characters. */
export function isValidPasswordHash(hash: string): boolean {
  return /^[0-9a-f]{64}$/.test(hash);
}

/** Applies rules left to right; returns the error text of the first rule Redis would refuse. */
export function applyAclRules(user: AclUserState, rules: AclRule[]): string | undefined {
  let inSelector = false;
  for (const rule of rules) {
    const r = rule.text;
    const lower = r.toLowerCase();
    // Selectors `(~key +get)` may span several arguments; their contents never touch login.
    if (inSelector || r.startsWith('(')) {
      inSelector = !r.endsWith(')');
      continue;
    }
    if (lower === 'on') {
      user.on = true;
      user.onAt = rule.at;
    } else if (lower === 'off') {
      user.on = false;
    } else if (lower === 'nopass') {
      user.nopass = true;
      user.passwords = [];
      user.hashes = [];
      user.nopassAt = rule.at;
    } else if (lower === 'resetpass') {
      user.nopass = false;
      user.passwords = [];
      user.hashes = [];
    } else if (lower === 'reset') {
      Object.assign(user, resetUser(user.name, user.definedAt));
    } else if (r.startsWith('>')) {
      const pw = r.slice(1);
      if (!user.passwords.includes(pw)) user.passwords.push(pw);
      user.nopass = false;
    } else if (r.startsWith('<')) {
      user.passwords = user.passwords.filter((p) => p !== r.slice(1));
    } else if (r.startsWith('#')) {
      const hash = r.slice(1);
      // Masked: a `#password` written by mistake is a password.
      if (!isValidPasswordHash(hash)) return `\`#${maskSecret(hash)}\` is not a SHA-256 hash (64 lowercase hex characters)`;
      if (!user.hashes.includes(hash)) user.hashes.push(hash);
      user.nopass = false;
    } else if (r.startsWith('!')) {
      user.hashes = user.hashes.filter((h) => h !== r.slice(1));
    } else if (/^(~|%[RW]*~|&|[+-])/i.test(r) || FLAG_RULES.has(lower)) {
      // Keys, channels and commands: not about logging in.
    } else {
      // Masked: an unknown word is often a password missing its `>`.
      return `unknown ACL rule \`${maskSecret(r)}\` (a password needs \`>\` in front, with no space)`;
    }
  }
  return undefined;
}

/** True for a rule `ACLSetUser` knows (whatever it does). */
export function isKnownAclRule(rule: string): boolean {
  const lower = rule.toLowerCase();
  return (
    ['on', 'off', 'nopass', 'resetpass', 'reset'].includes(lower) ||
    FLAG_RULES.has(lower) ||
    /^([<>#!(~&+-]|%[RW]*~)/i.test(rule) ||
    rule.endsWith(')')
  );
}

/**
 * Indices of words that follow a bare `>` and are no rule: `>` then a space then the password, a
 * common slip. Redis sets an empty password and refuses the word, but the word is still a
 * committed password.
 */
export function strayPasswordIndexes(rules: readonly string[]): number[] {
  const out: number[] = [];
  rules.forEach((r, i) => {
    if (r === '>' && i + 1 < rules.length && !isKnownAclRule(rules[i + 1])) out.push(i + 1);
  });
  return out;
}

/** What the default user means for a client that connects without AUTH. */
export type DefaultUserVerdict = 'open' | 'password' | 'off' | 'locked';

export function verdictOf(user: AclUserState): DefaultUserVerdict {
  if (!user.on) return 'off';
  if (user.nopass) return 'open';
  if (user.passwords.length > 0 || user.hashes.length > 0) return 'password';
  return 'locked';
}
