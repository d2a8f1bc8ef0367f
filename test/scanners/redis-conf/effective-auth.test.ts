import { describe, expect, it } from 'vitest';
import { aclScanner, analyzeConf, applyAclRules, effectiveAuth, builtInDefaultUser, isValidPasswordHash, parseAclFile, resetUser, verdictOf } from '../../../scanners/redis-conf';

const HASH = '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8';
const rules = (...texts: string[]) => texts.map((text) => ({ text, at: { file: 'f', line: 1, column: 1 } }));
const verdict = (text: string, args?: string[]) => analyzeConf(text, { file: 'redis.conf', args }).auth?.verdict;

describe('ACL rules', () => {
  it('starts the built-in default user on + nopass, and new users off', () => {
    expect(verdictOf(builtInDefaultUser())).toBe('open');
    expect(verdictOf(resetUser('app'))).toBe('off');
  });
  it('applies rules left to right', () => {
    const u = resetUser('default');
    expect(applyAclRules(u, rules('on', '>pw', 'nopass'))).toBeUndefined();
    expect(verdictOf(u)).toBe('open');
    expect(applyAclRules(u, rules('resetpass'))).toBeUndefined();
    expect(verdictOf(u)).toBe('locked');
    applyAclRules(u, rules(`#${HASH}`, '~*', '+@all', '&*', '%R~ro:*', 'allkeys', '-debug'));
    expect(verdictOf(u)).toBe('password');
    applyAclRules(u, rules('reset'));
    expect(verdictOf(u)).toBe('off');
  });
  it('accepts selectors spanning several arguments', () => {
    expect(applyAclRules(resetUser('a'), rules('on', '(~cache:*', '+get)', 'nopass'))).toBeUndefined();
  });
  it('refuses unknown rules and malformed hashes', () => {
    expect(applyAclRules(resetUser('a'), rules('onn'))).toMatch(/unknown ACL rule/);
    expect(applyAclRules(resetUser('a'), rules(`#${HASH.toUpperCase()}`))).toMatch(/not a SHA-256 hash/);
    expect(isValidPasswordHash(HASH)).toBe(true);
    expect(isValidPasswordHash(HASH.slice(1))).toBe(false);
  });
});

describe('effective auth of the default user', () => {
  it.each([
    ['', 'open'],
    ['requirepass Zq8v-Lm3p-Xr7t', 'password'],
    ['requirepass ""', 'open'],
    // requirepass is applied first; a `user default` line resets the default user afterwards.
    ['requirepass Zq8v-Lm3p-Xr7t\nuser default on nopass ~* +@all', 'open'],
    ['user default on nopass ~* +@all\nrequirepass Zq8v-Lm3p-Xr7t', 'open'],
    ['requirepass Zq8v-Lm3p-Xr7t\nuser default on ~* +@all', 'locked'],
    ['user default ~* +@all', 'off'],
    ['requirepass Zq8v-Lm3p-Xr7t\nrequirepass ""', 'open'],
    ['requirepass ""\nREQUIREPASS Zq8v-Lm3p-Xr7t', 'password'],
    [`user default on #${HASH} ~* +@all`, 'password'],
    // An include we cannot follow may carry the password: no verdict rather than a false alarm.
    ['include /etc/redis/secret.conf', 'unknown'],
    ['aclfile /etc/redis/users.acl', 'unknown'],
  ])('%j -> %s', (text, expected) => {
    expect(verdict(text)).toBe(expected);
  });

  it('lets command-line options win over the file, but not over user lines', () => {
    expect(verdict('requirepass ""', ['--requirepass', 'Zq8v-Lm3p-Xr7t'])).toBe('password');
    expect(verdict('requirepass Zq8v-Lm3p-Xr7t', ['--requirepass', ''])).toBe('open');
    expect(verdict('user default on nopass ~* +@all', ['--requirepass', 'Zq8v-Lm3p-Xr7t'])).toBe('open');
  });
});

describe('parseAclFile', () => {
  it('recreates a missing default user as nopass', () => {
    const model = parseAclFile(`user app on #${HASH} ~* +@all\n`, { file: 'users.acl' });
    expect(model.defaultMissing).toBe(true);
    expect(verdictOf(model.defaultUser)).toBe('open');
  });
  it('splits on single spaces without quoting and ignores empty rules', () => {
    const model = parseAclFile('user default on  >"quoted  ~* +@all\n', { file: 'users.acl' });
    expect(model.errors).toEqual([]);
    expect(model.users.get('default')?.passwords.map((p) => [p.value, p.at.column])).toEqual([['"quoted', 19]]);
  });
  it('refuses comments, a capitalised keyword and duplicate users', () => {
    const model = parseAclFile('# users\nUSER a on\nuser b on nopass\nuser b off\n', { file: 'users.acl' });
    expect(model.errors.map((e) => e.at.line)).toEqual([1, 2, 4]);
  });
  it('maps positions through offsets', () => {
    const model = parseAclFile('user default on >Zq8v-Lm3p-Xr7t', { file: 'cm.yaml', lineOffset: 10, columnOffset: 4 });
    expect(model.users.get('default')?.passwords[0].at).toMatchObject({ file: 'cm.yaml', line: 11, column: 22 });
  });
});

describe('aclScanner on a template', () => {
  it('leaves ${VAR} alone in users.acl.template, flags it in users.acl', () => {
    const ctx = { root: '/', readFile: () => undefined, glob: () => [], environment: {}, extraImages: [] };
    const text = 'user default on >${REDIS_PASSWORD} ~* +@all\n';
    const ids = (path: string) => aclScanner.scan([{ path, absPath: `/${path}`, text }], ctx).findings.map((f) => f.ruleId);
    expect(ids('users.acl.template')).toEqual([]);
    expect(ids('users.acl')).toEqual(['acl-env-var-not-expanded']);
  });
});

describe('messages never carry a secret', () => {
  it('masks unknown rules and malformed hashes (often passwords typed wrong)', () => {
    const model = parseAclFile('user default off\nuser a on > Rustam-2003-Pw #hunter2hunter2 ~* +@all\n', { file: 'users.acl' });
    const text = model.errors.map((e) => e.message).join('\n');
    expect(text).not.toMatch(/Rustam-2003|hunter2hunter2/);
    expect(model.users.get('a')?.passwords.map((p) => p.value)).toEqual(['', 'Rustam-2003-Pw']);
    const conf = analyzeConf('user default off\nuser a on > Rustam-2003-Pw ~* +@all\n', { file: 'r.conf' });
    expect(conf.findings.map((f) => f.ruleId)).toEqual(['conf-auth-config-error', 'conf-hardcoded-password']);
    expect(conf.findings.map((f) => f.message).join('\n')).not.toMatch(/Rustam-2003/);
  });
});

describe('effectiveAuth', () => {
  it('returns the verdict, the reason and where to point', () => {
    const auth = effectiveAuth('requirepass Zq8vLm3p\nuser default on nopass ~* +@all\n', { file: 'r.conf', lineOffset: 4 });
    expect(auth).toMatchObject({ verdict: 'open', at: { file: 'r.conf', line: 6, column: 1 }, aclUsers: false });
    expect(auth.reason).toMatch(/`user default` is `on` and `nopass`/);
  });
});
