import { describe, expect, it } from 'vitest';
import { parseRedisUrl, redactRedisUrl } from '../../src/core/redis-url';
import { maskSecret } from '../../src/core/secrets';

describe('parseRedisUrl', () => {
  it('reads the empty-username form Redis uses', () => {
    const u = parseRedisUrl('redis://:hunter2hunter2@cache.internal:6380/2');
    expect(u).toMatchObject({ scheme: 'redis', tls: false, password: 'hunter2hunter2', host: 'cache.internal', port: 6380, db: 2 });
    expect(u?.username).toBeUndefined();
    expect(u?.passwordSource).toBe('userinfo');
  });
  it('reads ACL user and password, percent-decoded, with TLS', () => {
    const u = parseRedisUrl('rediss://app:p%40ss%3Aword@redis.example.com');
    expect(u).toMatchObject({ tls: true, username: 'app', password: 'p@ss:word', host: 'redis.example.com' });
  });
  it('treats a lone userinfo as a user name, like ioredis and node-redis', () => {
    const u = parseRedisUrl('redis://onlyuser@host');
    expect(u?.username).toBe('onlyuser');
    expect(u?.password).toBeUndefined();
  });
  it('finds a password in the query string and its offset', () => {
    const text = 'redis://localhost:6379?db=1&password=s3cretpw';
    const u = parseRedisUrl(text)!;
    expect(u.password).toBe('s3cretpw');
    expect(u.passwordSource).toBe('query');
    expect(text.slice(u.passwordOffset, u.passwordOffset! + u.passwordRawLength!)).toBe('s3cretpw');
  });
  it('survives template placeholders', () => {
    const u = parseRedisUrl('redis://:${REDIS_PASSWORD}@redis:6379')!;
    expect(u.password).toBe('${REDIS_PASSWORD}');
    expect(u.host).toBe('redis');
  });
  it('parses unix sockets and IPv6 hosts', () => {
    expect(parseRedisUrl('unix:///run/redis/redis.sock?password=pw12345678')).toMatchObject({ socketPath: '/run/redis/redis.sock', password: 'pw12345678' });
    expect(parseRedisUrl('redis://[::1]:6379')).toMatchObject({ host: '::1', port: 6379 });
  });
  it('returns undefined for other schemes', () => {
    expect(parseRedisUrl('https://example.com')).toBeUndefined();
    expect(parseRedisUrl('postgres://u:p@h/db')).toBeUndefined();
  });
  it('redacts the password', () => {
    expect(redactRedisUrl('redis://:hunter2hunter2@h:6379', maskSecret)).toBe('redis://:hu****r2@h:6379');
  });
});
