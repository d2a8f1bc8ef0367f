import { describe, expect, it } from 'vitest';
import { classifySecret, isCredentialName, looksLikeRealSecret, maskSecret, weaknessOf } from '../../src/core/secrets';

describe('maskSecret', () => {
  it('keeps two characters each side of a long secret and hides the length', () => {
    expect(maskSecret('hunter2')).toBe('hu****r2');
    expect(maskSecret('a-much-longer-secret-value')).toBe('a-****ue');
  });
  it('reveals at most one character each side of a short secret', () => {
    expect(maskSecret('abcdef')).toBe('a****f');
    expect(maskSecret('abcd')).toBe('****');
    expect(maskSecret('')).toBe('""');
  });
});

describe('classifySecret', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['${REDIS_PASSWORD}', 'reference'],
    ['$REDIS_PASSWORD', 'reference'],
    ['$(REDIS_PASSWORD)', 'reference'],
    ['{{ .Values.redis.password }}', 'reference'],
    ['<your-password>', 'placeholder'],
    ['xxxxxxxx', 'placeholder'],
    ['your_redis_password_here', 'placeholder'],
    ['foobared', 'weak'],
    ['changeme', 'weak'],
    ['Password', 'weak'],
    ['hunter2', 'weak'],
    ['abc', 'weak'],
    ['hunter2hunter2', 'literal'],
    ['s3cr3t-Redis-pw-2024', 'literal'],
  ])('%j is %s', (value, kind) => {
    expect(classifySecret(value)).toBe(kind);
  });
});

describe('weaknessOf', () => {
  it('names why a password is weak', () => {
    expect(weaknessOf('foobared')).toMatch(/default/);
    expect(weaknessOf('short')).toMatch(/shorter than 8/);
    expect(weaknessOf('aaaaaaaaaa')).toMatch(/repeats/);
    expect(weaknessOf('Tr0ub4dor&3-horse')).toBeUndefined();
  });
});

describe('looksLikeRealSecret', () => {
  it('accepts generated secrets and rejects words and placeholders', () => {
    expect(looksLikeRealSecret('q8Zr2LkP0vX7mN4t')).toBe(true);
    expect(looksLikeRealSecret('changeme')).toBe(false);
    expect(looksLikeRealSecret('<your-password-here>')).toBe(false);
    expect(looksLikeRealSecret('${REDIS_PASSWORD}')).toBe(false);
  });
});

describe('isCredentialName', () => {
  it.each(['password', 'REDIS_PASSWORD', 'sentinelPassword', 'auth_pass', 'requirepass', 'masterauth', 'redisPwd'])(
    '%s names a credential',
    (name) => expect(isCredentialName(name)).toBe(true),
  );
  it.each(['passwordPolicy', 'passwordFile', 'usePassword', 'existingSecret', 'existingSecretPasswordKey', 'host', 'REDIS_PASSWORD_FILE'])(
    '%s does not',
    (name) => expect(isCredentialName(name)).toBe(false),
  );
});
