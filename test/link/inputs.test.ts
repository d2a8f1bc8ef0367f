/**
 * What each connection reads: the variables and config keys, with their role (URL, password,
 * host), through the same analysis the ESLint rules run. Look-alikes that read nothing stay out.
 */
import { describe, expect, it } from 'vitest';
import { sourceReader } from '../../rules/support/read-source';

function inputsOf(code: string, path = 'src/a.ts'): Array<[string, string, string]> {
  const { facts, diagnostics } = sourceReader(process.cwd()).read([{ path, absPath: `/tmp/${path}`, text: code }]);
  expect(diagnostics).toEqual([]);
  return facts.flatMap((f) => f.inputs.map((i) => [i.source, i.name, i.role] as [string, string, string]));
}

describe('connection inputs', () => {
  it('process.env and import.meta.env URLs', () => {
    expect(inputsOf(`import Redis from 'ioredis'; new Redis(process.env.REDIS_URL);`)).toEqual([['env', 'REDIS_URL', 'url']]);
    expect(inputsOf(`import { createClient } from 'redis'; createClient({ url: import.meta.env.VITE_REDIS_URL });`)).toEqual([
      ['env', 'VITE_REDIS_URL', 'url'],
    ]);
  });

  it("the project's validated env imported or required as `env`: env.X and env('X') read X", () => {
    expect(inputsOf(`import Redis from 'ioredis'; import env from '@server/env'; new Redis(env.REDIS_URL);`)).toEqual([['env', 'REDIS_URL', 'url']]);
    expect(inputsOf(`import { createClient } from 'redis'; import { env } from '@/lib/env'; createClient({ url: env.REDIS_URL });`)).toEqual([
      ['env', 'REDIS_URL', 'url'],
    ]);
    const accessor = `import IORedis from 'ioredis'; import { env } from '@documenso/lib/utils/env';
const redisUrl = env('NEXT_PRIVATE_REDIS_URL');
new IORedis(redisUrl);`;
    expect(inputsOf(accessor)).toEqual([['env', 'NEXT_PRIVATE_REDIS_URL', 'url']]);
    expect(inputsOf(`const Redis = require('ioredis'); const env = require('./env'); new Redis(env.REDIS_URL);`, 'src/a.js')).toEqual([['env', 'REDIS_URL', 'url']]);
  });

  it('look-alikes of an env module read nothing: a local env object, another import name, a lower-case accessor key', () => {
    expect(inputsOf(`import Redis from 'ioredis'; const env = { REDIS_URL: 'redis://cache:6379' }; new Redis(env.REDIS_URL);`)).toEqual([]);
    expect(inputsOf(`import Redis from 'ioredis'; import settings from './settings'; new Redis(settings.REDIS_URL);`)).toEqual([]);
    expect(inputsOf(`import Redis from 'ioredis'; import { env } from './env'; new Redis(env('redisUrl'));`)).toEqual([]);
  });

  it('destructured process.env, host and password options', () => {
    const code = `import Redis from 'ioredis';
const { REDIS_HOST, REDIS_PASSWORD } = process.env;
new Redis({ host: REDIS_HOST, port: 6379, password: REDIS_PASSWORD });`;
    expect(inputsOf(code)).toEqual([
      ['env', 'REDIS_HOST', 'host'],
      ['env', 'REDIS_PASSWORD', 'password'],
    ]);
  });

  it('a password hole in a URL template is the password, the host hole the host', () => {
    const code = "import Redis from 'ioredis'; new Redis(`redis://:${process.env.REDIS_PASSWORD}@${process.env.REDIS_HOST}:6379`);";
    expect(inputsOf(code)).toEqual([
      ['env', 'REDIS_PASSWORD', 'password'],
      ['env', 'REDIS_HOST', 'host'],
    ]);
  });

  it('config.get keys and NestJS ConfigService in a forRootAsync factory', () => {
    expect(inputsOf(`const config = require('config'); const Redis = require('ioredis'); new Redis(config.get('redis.url'));`, 'src/a.js')).toEqual([
      ['config', 'redis.url', 'url'],
    ]);
    const nest = `import { BullModule } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
export const queues = BullModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (configService: ConfigService) => ({
    connection: { host: configService.get('REDIS_HOST'), password: configService.get<string>('REDIS_PASSWORD') },
  }),
});`;
    expect(inputsOf(nest)).toEqual([
      ['config', 'REDIS_HOST', 'host'],
      ['config', 'REDIS_PASSWORD', 'password'],
    ]);
  });

  it('a subclass of a client connects at its super(...) call, with the base class profile', () => {
    const outline = `import Redis from 'ioredis'; import env from '@server/env';
export default class RedisAdapter extends Redis {
  constructor(url: string | undefined, options = {}) {
    if (!url) super(url || env.REDIS_URL || '', options);
    else super(options);
  }
}`;
    expect(inputsOf(outline)).toEqual([['env', 'REDIS_URL', 'url']]);
    const named = `import { Redis as IORedis } from 'ioredis';
class RedisService extends IORedis { constructor() { super({ host: process.env.REDIS_HOST, password: process.env.REDIS_PASSWORD }); } }`;
    expect(inputsOf(named)).toEqual([
      ['env', 'REDIS_HOST', 'host'],
      ['env', 'REDIS_PASSWORD', 'password'],
    ]);
    // No constructor: each `new` of the subclass in the file is the connection.
    const plain = `const Redis = require('ioredis'); class Cache extends Redis {} module.exports = new Cache(process.env.CACHE_URL);`;
    expect(inputsOf(plain, 'src/a.js')).toEqual([['env', 'CACHE_URL', 'url']]);
    // A constructor that hands its parameters on: the arguments of each `new` in the file.
    const forwarding = `import Redis, { type RedisOptions } from 'ioredis';
class Adapter extends Redis { constructor(url: string, options: RedisOptions) { super(url, options); this.setMaxListeners(100); } }
export const queue = new Adapter(process.env.QUEUE_URL!, {});`;
    expect(inputsOf(forwarding)).toEqual([['env', 'QUEUE_URL', 'url']]);
    // Look-alike: a default parameter is not in the `new` call; the super call stays the connection
    // (a parameter is not known), not `new Adapter()` at the library default.
    const defaulted = `import Redis from 'ioredis';
class Adapter extends Redis { constructor(url = process.env.REDIS_URL) { super(url); } }
export const a = new Adapter();`;
    expect(inputsOf(defaulted)).toEqual([]);
    const { facts } = sourceReader(process.cwd()).read([{ path: 'src/a.ts', absPath: '/tmp/src/a.ts', text: named }]);
    expect(facts.map((f) => [f.label, f.line, f.column])).toEqual([['RedisService extends IORedis', 2, 54]]);
  });

  it('look-alike subclasses read nothing: a Redis class of another module, an HTTP client, a super call in a nested function', () => {
    expect(inputsOf(`import { Redis } from './fake-redis'; class L extends Redis { constructor() { super(process.env.LIMITER_URL); } }`)).toEqual([]);
    expect(inputsOf(`import { Redis } from '@upstash/redis'; class U extends Redis { constructor() { super({ url: process.env.UPSTASH_URL, token: process.env.T }); } }`)).toEqual([]);
    expect(inputsOf(`import Redis from 'ioredis'; class P { make() { return class extends Object { constructor() { super(); } }; } } new P();`)).toEqual([]);
  });

  it('NestJS providers: useFactory with ConfigService returns the connection', () => {
    const provider = `import Redis from 'ioredis'; import { ConfigService } from '@nestjs/config';
export const p = { provide: 'R', inject: [ConfigService], useFactory: (config: ConfigService) => new Redis(config.get('REDIS_URL')) };`;
    expect(inputsOf(provider)).toEqual([['config', 'REDIS_URL', 'url']]);
  });

  it('host, port, user, password and TLS variables, through positional arguments, wrappers, functions and rest objects', () => {
    const positional = `import Redis from 'ioredis';
new Redis(Number(process.env.REDIS_PORT), process.env.REDIS_HOST!, { username: process.env.REDIS_USER, password: process.env.REDIS_PASSWORD });`;
    expect(inputsOf(positional)).toEqual([
      ['env', 'REDIS_PORT', 'port'],
      ['env', 'REDIS_HOST', 'host'],
      ['env', 'REDIS_USER', 'username'],
      ['env', 'REDIS_PASSWORD', 'password'],
    ]);
    const novu = `import Redis from 'ioredis'; import { convertStringValues } from './mappers';
export const getConfig = () => {
  const raw = { host: convertStringValues(process.env.REDIS_HOST), port: convertStringValues(process.env.REDIS_PORT), password: convertStringValues(process.env.REDIS_PASSWORD), ttl: convertStringValues(process.env.REDIS_TTL), tls: process.env.REDIS_TLS as object };
  const port = raw.port ? Number(raw.port) : 6379;
  const host = raw.host || 'localhost';
  const { password, ttl, tls } = raw;
  return { host, port, password, ttl, tls };
};
export function instance() {
  const { port, host, ...options } = getConfig();
  if (port && host) return new Redis(port, host, { ...options, maxRetriesPerRequest: null });
  return undefined;
}`;
    expect(inputsOf(novu)).toEqual([
      ['env', 'REDIS_PORT', 'port'],
      ['env', 'REDIS_HOST', 'host'],
      ['env', 'REDIS_PASSWORD', 'password'],
      ['env', 'REDIS_TTL', 'other'],
      ['env', 'REDIS_TLS', 'tls'],
    ]);
    const bull = `import { Queue } from 'bullmq';
async function connection() { return { host: process.env.QUEUE_HOST, port: +process.env.QUEUE_PORT!, password: process.env.QUEUE_PASSWORD, tls: process.env.QUEUE_TLS === 'true' ? {} : undefined }; }
export async function make() { return new Queue('mail', { connection: await connection() }); }`;
    expect(inputsOf(bull)).toEqual([
      ['env', 'QUEUE_HOST', 'host'],
      ['env', 'QUEUE_PASSWORD', 'password'],
      ['env', 'QUEUE_TLS', 'tls'],
    ]);
    const cluster = `import Redis from 'ioredis';
const password = process.env.CLUSTER_PASSWORD;
new Redis.Cluster([{ host: process.env.CLUSTER_HOST, port: 6379 }], { redisOptions: { ...(password && { password }) } });`;
    expect(inputsOf(cluster)).toEqual([
      ['env', 'CLUSTER_HOST', 'host'],
      ['env', 'CLUSTER_PASSWORD', 'password'],
    ]);
    const node = `import { createClient } from 'redis';
createClient({ socket: { host: process.env.CACHE_HOST, port: parseInt(process.env.CACHE_PORT ?? '6379', 10), tls: true }, password: process.env.CACHE_PASSWORD, database: Number(process.env.CACHE_DB) });`;
    expect(inputsOf(node)).toEqual([
      ['env', 'CACHE_HOST', 'host'],
      ['env', 'CACHE_PORT', 'port'],
      ['env', 'CACHE_PASSWORD', 'password'],
      ['env', 'CACHE_DB', 'other'],
    ]);
  });

  it('connections that read nothing from outside, and files without a Redis client, give no connection', () => {
    expect(inputsOf(`import Redis from 'ioredis'; new Redis('redis://cache:6379');`)).toEqual([]);
    expect(inputsOf(`const url = process.env.REDIS_URL; fetch(url);`)).toEqual([]);
    expect(inputsOf(`import Redis from 'ioredis'; new Redis({ port: Number(process.env.REDIS_PORT) });`)).toEqual([]);
  });

  it("the file's own ESLint comments do not cost its connection (bullmq's unused disable directives, an old `/* eslint-env */`)", () => {
    const unusedDisable = `import { Redis } from 'ioredis';
// eslint-disable-next-line max-len
const url = process.env.REDIS_URL;
export const client = new Redis(url); // eslint-disable-line prefer-const`;
    expect(inputsOf(unusedDisable)).toEqual([['env', 'REDIS_URL', 'url']]);
    const envComment = `/* eslint-env node */
/* eslint some-plugin/some-rule: off */
const Redis = require('ioredis');
module.exports = new Redis(process.env.REDIS_URL);`;
    expect(inputsOf(envComment, 'lib/redis.js')).toEqual([['env', 'REDIS_URL', 'url']]);
  });

  it('an unparsable file is one diagnostic naming it', () => {
    const { facts, diagnostics } = sourceReader(process.cwd()).read([{ path: 'src/b.js', absPath: '/tmp/src/b.js', text: "require('ioredis'); new Redis(" }]);
    expect(facts).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].file).toBe('src/b.js');
    expect(diagnostics[0].message).toMatch(/^cannot parse: /);
  });
});
