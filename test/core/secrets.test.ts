import { describe, expect, it } from 'vitest';
import { classifySecret, isCredentialName, judgeSecret, looksLikeRealSecret, maskSecret, weaknessOf } from '../../src/core/secrets';
import { isRedisClientSecretVar } from '../../src/core/credential-names';

describe('maskSecret', () => {
  it('keeps two characters each side of a secret of 12 or more and hides the length', () => {
    expect(maskSecret('hunter2hunter2')).toBe('hu****r2');
    expect(maskSecret('a-much-longer-secret-value')).toBe('a-****ue');
    expect(maskSecret('abcdefghijkl')).toBe('ab****kl');
  });
  it('reveals one character each side from 8 to 11 characters, none under 8', () => {
    expect(maskSecret('abcdefghijk')).toBe('a****k');
    expect(maskSecret('foobared')).toBe('f****d');
    expect(maskSecret('hunter2')).toBe('****');
    expect(maskSecret('abcde')).toBe('****');
    expect(maskSecret('')).toBe('""');
  });
  it('escapes the characters it shows when they could drive a terminal', () => {
    expect(maskSecret('\u001b[2J-secret-value\u202e')).toBe('\\x1b[****e\\u202e');
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
    ['prefix-{{ .Values.redis.password }}', 'reference'],
    ['ENC[AES256_GCM,data:Tr4nZ9w=,iv:q8Z=,tag:k3Y=,type:str]', 'reference'],
    ['vault:secret/data/redis#password', 'reference'],
    ['ref+awssm://prod/redis', 'reference'],
    ['<path:secret/data/redis#password>', 'reference'],
    ['${{ secrets.REDIS_PASSWORD }}', 'reference'],
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

describe('published default passwords', () => {
  // Products' shipped defaults and copied tutorial values: weak wherever they appear, in any case.
  it.each([
    ['difyai123456', /Dify/],
    ['H733Kdjndks81', /netbox-docker/],
    ['t4Ph722qJ5QHeQ1qfu36', /netbox-docker/],
    ['myredissecret', /Langfuse/],
    ['budibase', /Budibase/],
    ['Password123@redis', /MaxKB/],
    ['secretpassword', /Bitnami/],
    ['sOmE_sEcUrE_pAsS', /copied/],
    ['some_secure_pass', /copied/],
    ['eYVX7EwVmmxKPCDmwMtyKVge8oLd2t81', /tutorial/],
  ])('%s is weak, naming where it is published', (value, source) => {
    expect(classifySecret(value)).toBe('weak');
    expect(weaknessOf(value)).toMatch(/published default password/);
    expect(weaknessOf(value)).toMatch(source);
    expect(looksLikeRealSecret(value)).toBe(false);
  });
  // Look-alikes: one character off a published value is just a password.
  it.each(['difyai1234567', 'eYVX7EwVmmxKPCDmwMtyKVge8oLd2t82', 'H733Kdjndks82'])('%s is not published', (value) => {
    expect(classifySecret(value)).toBe('literal');
  });
  it('keeps the dictionary reason for the generic defaults', () => {
    expect(weaknessOf('password123')).toBe('is a well-known default or dictionary password');
    expect(weaknessOf('bitnami')).toBe('is a well-known default or dictionary password');
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
  it.each(['password', 'REDIS_PASSWORD', 'REDIS_PASS', 'sentinelPassword', 'auth_pass', 'auth-pass', 'requirepass', 'masterauth', 'masterAuth', 'redisPwd', 'REDISCLI_AUTH', 'REDIS_USER_PASSWORD', 'userPassword', 'auth', 'REDIS_TOKEN', 'SESSION_SECRET'])(
    '%s names a credential',
    (name) => expect(isCredentialName(name)).toBe(true),
  );
  it.each(['passwordPolicy', 'passwordFile', 'usePassword', 'existingSecret', 'existingSecretPasswordKey', 'host', 'REDIS_PASSWORD_FILE', 'ALLOW_EMPTY_PASSWORD', 'REDIS_USE_PASSWORD_FILES', 'hashedPassword', 'secret', 'redisSecret', 'tokenSecretRef', 'REDIS_BYPASS', 'passwordSecretName'])(
    '%s does not',
    (name) => expect(isCredentialName(name)).toBe(false),
  );
});

describe('isRedisClientSecretVar', () => {
  it('wants a credential name that says Redis', () => {
    expect(isRedisClientSecretVar('SPRING_DATA_REDIS_PASSWORD')).toBe(true);
    expect(isRedisClientSecretVar('SENTINEL_PASSWORD')).toBe(true);
    expect(isRedisClientSecretVar('DB_PASSWORD')).toBe(false);
    expect(isRedisClientSecretVar('REDIS_HOST')).toBe(false);
  });
});

describe('judgeSecret by who expands the value', () => {
  it('a `$` reference is supplied from outside where a shell or Compose expands it', () => {
    expect(judgeSecret('${REDIS_PASSWORD}').kind).toBe('reference');
    expect(judgeSecret('pre-${SUFFIX}').kind).toBe('reference');
  });
  it('is the literal text where Redis reads its own config', () => {
    expect(judgeSecret('${REDIS_PASSWORD}', 'none')).toEqual({ kind: 'unexpanded', variable: '${REDIS_PASSWORD}' });
    expect(judgeSecret('$REDIS_PASSWORD', 'none')).toEqual({ kind: 'unexpanded', variable: '$REDIS_PASSWORD' });
    expect(judgeSecret('{{ .Values.pw }}', 'none').kind).toBe('reference');
  });
  it('in Kubernetes args only `$(VAR)` is expanded', () => {
    expect(judgeSecret('$(REDIS_PASSWORD)', 'kubernetes').kind).toBe('reference');
    expect(judgeSecret('${REDIS_PASSWORD}', 'kubernetes').kind).toBe('unexpanded');
  });
  it('a placeholder is told apart from a weak password, and both carry a reason', () => {
    expect(judgeSecret('<password>')).toEqual({ kind: 'placeholder', reason: 'is a placeholder' });
    expect(judgeSecret('changeme')).toEqual({ kind: 'weak', reason: 'is a well-known default or dictionary password' });
  });
});
