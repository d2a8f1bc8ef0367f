/**
 * The ACL file loader (`ACLLoadFromFile`), which is stricter than the config loader: lines are
 * split on single spaces with no quoting, there are no comment lines, the `user` keyword is
 * case-sensitive, and a file without a `default` user gets a fresh `default` that is `nopass`.
 */
import { applyAclRules, builtInDefaultUser, resetUser, strayPasswordIndexes, type AclRule, type AclUserState, type RuleRef } from './acl';

export interface AclFileUser {
  state: AclUserState;
  /** The `user` keyword of its line. */
  at: RuleRef;
  /** Clear-text `>password` rules, with the position of the password (after `>`). */
  passwords: { value: string; at: RuleRef }[];
  hashes: { value: string; at: RuleRef }[];
}

export interface AclLoadError {
  at: RuleRef;
  message: string;
}

export interface AclFileModel {
  users: Map<string, AclFileUser>;
  /** The default user as Redis ends up with it (recreated `on nopass` when the file lacks it). */
  defaultUser: AclUserState;
  /** True when the file defines no `default` user. */
  defaultMissing: boolean;
  /** A `user default …` line was refused, so "no default user" is not what its author meant. */
  defaultRefused: boolean;
  /** Lines the loader refuses; any of them makes Redis refuse to start (or ACL LOAD fail). */
  errors: AclLoadError[];
}

export interface AclFilePosition {
  file: string;
  /** 0-based line of the embedding file where the text starts. */
  lineOffset?: number;
  columnOffset?: number;
}

/** Reads an ACL file as Redis would load it. */
export function parseAclFile(text: string, pos: AclFilePosition): AclFileModel {
  const lineOffset = pos.lineOffset ?? 0;
  const columnOffset = pos.columnOffset ?? 0;
  const users = new Map<string, AclFileUser>();
  const errors: AclLoadError[] = [];
  let defaultRefused = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lead = raw.length - raw.replace(/^[ \t\r\n]+/, '').length;
    const trimmed = raw.slice(lead).replace(/[ \t\r\n]+$/, '');
    if (trimmed === '') continue;
    const line = lineOffset + i + 1;
    const place = (start: number, length: number): RuleRef => ({
      file: pos.file,
      line,
      column: columnOffset + lead + start + 1,
      endColumn: columnOffset + lead + start + length + 1,
    });
    // Split on single spaces, keeping each part's offset in the trimmed line.
    const parts: { text: string; start: number }[] = [];
    let offset = 0;
    for (const text of trimmed.split(' ')) {
      parts.push({ text, start: offset });
      offset += text.length + 1;
    }
    if (parts[0].text !== 'user' || parts.length < 2 || parts[1].text === '') {
      const why = trimmed.startsWith('#')
        ? 'ACL files have no comments: Redis refuses this line (the line should start with the `user` keyword); remove it'
        : parts[0].text.toLowerCase() === 'user'
          ? 'the `user` keyword is case-sensitive in ACL files and must be followed by a user name'
          : 'every ACL file line must start with the `user` keyword';
      errors.push({ at: place(0, Math.min(trimmed.length, 40)), message: why });
      if (/^user[ \t]+default([ \t]|$)/i.test(trimmed)) defaultRefused = true;
      continue;
    }
    const name = parts[1].text;
    const at = place(0, 4);
    if (users.has(name)) {
      errors.push({ at, message: `duplicate user \`${name}\` in the ACL file; Redis refuses the file` });
      continue;
    }
    const state = resetUser(name, at);
    state.onAt = at;
    const entry: AclFileUser = { state, at, passwords: [], hashes: [] };
    const rules: AclRule[] = [];
    for (const part of parts.slice(2)) {
      // Each rule is trimmed of tabs and CRs; an empty rule (two spaces in a row) is a no-op.
      part.text = part.text.replace(/^[\t\r\n]+|[\t\r\n]+$/g, '');
      if (part.text === '') continue;
      const ref = place(part.start, part.text.length);
      rules.push({ text: part.text, at: ref });
      if (part.text.startsWith('>')) entry.passwords.push({ value: part.text.slice(1), at: place(part.start + 1, part.text.length - 1) });
      if (part.text.startsWith('#')) entry.hashes.push({ value: part.text.slice(1), at: ref });
    }
    for (const i of strayPasswordIndexes(rules.map((r) => r.text))) {
      entry.passwords.push({ value: rules[i].text, at: rules[i].at });
    }
    const error = applyAclRules(state, rules);
    if (error) errors.push({ at, message: `${error}; Redis refuses the ACL file` });
    users.set(name, entry);
  }
  const own = users.get('default');
  return {
    users,
    defaultUser: own ? own.state : builtInDefaultUser(),
    defaultMissing: !own,
    defaultRefused,
    errors,
  };
}

export type { AclUserState };
