import rule from '../../rules/require-auth';
import { cjsTester, tsTester } from './rule-tester';

/** `target` (where it connects, and how we know) is checked where a case gives it. */
const missing = (line: number, column: number, client: string, endColumn?: number, target?: string) => ({
  messageId: 'missingAuth' as const,
  line,
  column,
  ...(target ? { data: { client, target } } : {}),
  ...(endColumn ? { endLine: line, endColumn } : {}),
});

tsTester.run('require-auth', rule, {
  valid: [
    // Credentials provided from outside.
    `import Redis from 'ioredis'; new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });`,
    `import Redis from 'ioredis'; new Redis(process.env.REDIS_URL!);`,
    `import Redis from 'ioredis'; new Redis(6379, 'cache', { password: import.meta.env.VITE_REDIS_PASSWORD });`,
    `import Redis from 'ioredis'; new Redis(\`redis://:\${process.env.REDIS_PASSWORD}@cache:6379\`);`,
    `import Redis from 'ioredis'; new Redis('redis://:' + secret + '@cache:6379');`,
    `import { createClient } from 'redis'; createClient({ url: config.get<string>('redis.url') });`,
    `import { createClient } from 'redis';
     const opts = { password: this.configService.get('REDIS_PASSWORD') } as const;
     createClient(opts);`,
    `import { createClient } from 'redis';
     const secret = await secretsManager.getSecretValue({ SecretId: 'redis' });
     createClient({ password: secret });`,
    // A subclass whose super(...) gets its URL from outside; a Redis-named class of another module.
    `import Redis from 'ioredis'; export class RedisService extends Redis { constructor() { super(process.env.REDIS_URL!); } }`,
    `import { Redis } from './fake-redis'; export class Limiter extends Redis { constructor() { super('redis://cache:6379'); } }`,
    // A subclass whose constructor defaults its URL: `new Adapter()` is not the library default.
    `import Redis from 'ioredis'; class Adapter extends Redis { constructor(url = process.env.REDIS_URL) { super(url); } } export const a = new Adapter();`,
    // A password spread in only when it is set.
    `import Redis from 'ioredis'; const pw = process.env.REDIS_PASSWORD; new Redis({ host: 'cache', ...(pw && { password: pw }) });`,
    // Options from a function of the file that reads the password from outside.
    `import Redis from 'ioredis'; const options = () => ({ host: 'cache', password: process.env.REDIS_PASSWORD }); new Redis(options());`,
    // Nothing is known: a parameter, an import from another file, an unknown spread.
    `import Redis from 'ioredis'; export function make(opts: RedisOptions) { return new Redis(opts); }`,
    `import Redis from 'ioredis'; import { redisOptions } from './config'; new Redis(redisOptions);`,
    `import Redis from 'ioredis'; import { base } from './config'; new Redis({ ...base, host: 'cache' });`,
    `import { createClient } from 'redis'; createClient({ socket: socketOptions });`,
    // AUTH sent after connecting.
    `import { createClient } from 'redis'; const c = createClient(); await c.connect(); await c.auth({ password: process.env.PW! });`,
    `import Redis from 'ioredis'; const r = new Redis(); r.call('AUTH', process.env.PW);`,
    // Existing clients passed to other libraries are not new connections.
    `import { Queue } from 'bullmq'; import { redis } from './redis'; new Queue('mail', { connection: redis });`,
    `import { Worker } from 'bullmq'; import IORedis from 'ioredis';
     const connection = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
     new Worker('mail', async (job) => {}, { connection });`,
    `import RedisStore from 'connect-redis'; import { client } from './redis'; new RedisStore({ client });`,
    `import { createAdapter } from '@socket.io/redis-adapter'; createAdapter(pub, sub.duplicate());`,
    // An unrelated class called Redis, and look-alike modules.
    `import { Redis } from './my-redis'; new Redis();`,
    `import { Redis } from '@upstash/redis'; const r = Redis.fromEnv();`,
    `import Keyv from 'keyv'; new Keyv();`,
    `import Keyv from 'keyv'; new Keyv('sqlite://db.sqlite');`,
    // NestJS registerQueue inherits forRoot's connection.
    `import { BullModule } from '@nestjs/bullmq'; BullModule.registerQueue({ name: 'mail' });`,
    // Test hosts allowed by option.
    {
      code: `import Redis from 'ioredis'; new Redis(); new Redis({ host: container.getHost(), port: container.getMappedPort(6379) });`,
      options: [{ allowHosts: ['loopback', 'unknown'] }],
    },
    {
      code: `import Redis from 'ioredis'; new Redis({ host: 'redis-test.ci.internal' });`,
      options: [{ allowHosts: ['*.ci.internal'] }],
    },
    // Extra credential option names.
    {
      code: `import mess from 'mess'; mess.createClient({ host: 'cache', redisPassword: process.env.P });`,
      options: [{ credentialOptions: ['redisPassword'] }],
    },
    // Options completed after their declaration are not fully known.
    `import Redis from 'ioredis';
     const options: RedisOptions = { host: process.env.REDIS_HOST, port: 6379 };
     if (process.env.REDIS_PASSWORD) options.password = process.env.REDIS_PASSWORD;
     new Redis(options);`,
    `import { createClient } from 'redis';
     const cfg = { socket: { host: 'cache' } };
     Object.assign(cfg, loadSecrets());
     createClient(cfg);`,
    `import { Queue } from 'bullmq';
     const opts = { connection: { host: 'cache' } };
     opts.connection['password'] = secret;
     new Queue('q', opts);`,
    // NestJS async modules: factories that read the password, or that we cannot see into.
    `import { BullModule } from '@nestjs/bullmq';
     BullModule.forRootAsync({
       inject: [ConfigService],
       useFactory: (config: ConfigService) => ({ connection: { host: config.get('REDIS_HOST'), password: config.get('REDIS_PASSWORD') } }),
     });`,
    `import { BullModule } from '@nestjs/bullmq'; BullModule.forRootAsync({ useClass: BullConfigService });`,
    `import { RedisModule } from '@nestjs-modules/ioredis'; import { redisFactory } from './redis.factory'; RedisModule.forRootAsync({ useFactory: redisFactory });`,
    // A fallback that carries a password (no-hardcoded-credentials reports the literal).
    `import Redis from 'ioredis'; new Redis(process.env.REDIS_URL || 'redis://:l0cal-dev-pw@localhost:6379');`,
    // Fallbacks in test files, with the test-file options.
    { code: `import Redis from 'ioredis'; new Redis(process.env.REDIS_URL || 'redis://localhost:6379');`, options: [{ allowHosts: ['loopback', 'unknown'] }] },
    // Upstash: a token client, not judged by require-auth.
    `import { Redis } from '@upstash/redis'; new Redis({ url: 'https://eu1.upstash.io' });`,
    // Password present as a literal: other rules report the literal, not this one.
    `import Redis from 'ioredis'; new Redis({ password: 'hunter2hunter2' });`,
    `import { createClient } from 'redis'; createClient({ url: 'redis://default:hunter2hunter2@cache:6379' });`,
    // Context tiers: tests, examples, benchmarks and test utilities talk to throwaway servers
    // (real shapes: bull-board packages/api/tests/, packages/test-utils/, examples/, vitest.setup.ts).
    ...[
      'packages/api/tests/bullmq-matrix/helpers.ts',
      'packages/test-utils/src/redisFixtures.ts',
      'examples/with-express/index.ts',
      'src/queue.test.ts',
      'src/queue_test.ts',
      'vitest.setup.ts',
      'benchmarks/throughput.ts',
      'docs/examples/quickstart.ts',
      'packages/client/integration-tests/pool.ts',
    ].map((filename) => ({ code: `import Redis from 'ioredis'; new Redis({ host: 'localhost' });`, filename })),
    // The user's own tier patterns (settings['redis-auth'].tiers).
    {
      code: `import Redis from 'ioredis'; new Redis();`,
      filename: 'qa-suite/load.ts',
      settings: { 'redis-auth': { tiers: { test: ['qa-suite/'] } } },
    },
    // A computed key that cannot be the password leaves the rest judged; one that could be stays quiet.
    `import Redis from 'ioredis'; const k = 'pass' + suffix; new Redis({ host: 'cache', [k]: v });`,
    `import Redis from 'ioredis'; new Redis({ host: 'cache', [key]: value });`,
    // Bun's client without a URL reads REDIS_URL / VALKEY_URL.
    `import { RedisClient } from 'bun'; const c = new RedisClient();`,
    `import { RedisClient } from 'bun'; const c = new RedisClient(process.env.CACHE_URL);`,
    // Bun's global form: the default client and a client without a URL read REDIS_URL / VALKEY_URL.
    `await Bun.redis.set('k', 'v');`,
    `const c = new Bun.RedisClient();`,
    `const c = new Bun.RedisClient(process.env.CACHE_URL);`,
    `const { RedisClient } = Bun; new RedisClient(Bun.env.REDIS_URL);`,
    // A local \`Bun\` is somebody else's object.
    `const Bun = { RedisClient: class {} }; new Bun.RedisClient('redis://localhost:6379');`,
  ],
  invalid: [
    {
      // A subclass connects at super(...), with the base class profile.
      code: `import IORedis from 'ioredis';\nclass Cache extends IORedis {\n  constructor() {\n    super('redis://cache:6379');\n  }\n}`,
      errors: [missing(4, 5, 'Cache extends IORedis', 10, 'cache:6379 (from the URL)')],
    },
    {
      // A constructor that forwards its parameters: the `new` of the file is the connection.
      code: `import Redis from 'ioredis';\nclass Adapter extends Redis { constructor(url: string) { super(url); } }\nexport const a = new Adapter('redis://cache:6379');`,
      errors: [missing(3, 18, 'new Adapter', 29, 'cache:6379 (from the URL)')],
    },
    {
      // A function of the file that returns options without a password.
      code: `import Redis from 'ioredis';\nfunction options() {\n  return { host: 'cache', port: 6379 };\n}\nnew Redis(options());`,
      errors: [missing(5, 1, 'new Redis', undefined, 'cache:6379 (from the options)')],
    },
    {
      code: `import Redis from 'ioredis';\nconst redis = new Redis();`,
      errors: [missing(2, 15, 'new Redis', 24, 'localhost:6379 (library default)')],
    },
    {
      code: `import IORedis from 'ioredis';\nconst r = new IORedis(6379, 'cache.internal');`,
      errors: [missing(2, 11, 'new IORedis', 22, 'cache.internal:6379 (from the arguments)')],
    },
    {
      code: `import { Redis } from 'ioredis';\nnew Redis({ host: 'localhost', port: 6379 } satisfies RedisOptions);`,
      errors: [missing(2, 1, 'new Redis', undefined, 'localhost:6379 (from the options)')],
    },
    {
      code: `import Redis from 'ioredis';\nconst url = 'redis://cache:6379/0';\nconst opts = { lazyConnect: true };\nnew Redis(url, opts);`,
      errors: [missing(4, 1, 'new Redis', undefined, 'cache:6379 (from the URL)')],
    },
    {
      code: `import { Cluster } from 'ioredis';\nnew Cluster([{ host: 'a', port: 7000 }], { redisOptions: { tls: {} } });`,
      errors: [missing(2, 1, 'new Cluster')],
    },
    {
      code: `import Redis from 'ioredis';\nnew Redis.Cluster(['redis://a:7000'], { scaleReads: 'slave' });`,
      errors: [missing(2, 1, 'new Redis.Cluster')],
    },
    {
      // Sentinel: a sentinel password does not authenticate to the data nodes.
      code: `import Redis from 'iovalkey';\nnew Redis({ sentinels: [{ host: 's1', port: 26379 }], name: 'mymaster', sentinelPassword: process.env.SP });`,
      errors: [missing(2, 1, 'new Redis')],
    },
    {
      code: `import * as redis from 'redis';\nconst client = redis.createClient({ socket: { host: 'cache', port: 6379 } });\nawait client.connect();`,
      errors: [missing(2, 16, 'redis.createClient', 34)],
    },
    {
      code: `import { createClient } from '@redis/client';\nconst client = await createClient().connect();`,
      errors: [missing(2, 22, 'createClient')],
    },
    {
      code: `import { createCluster } from 'redis';\ncreateCluster({ rootNodes: [{ url: 'redis://10.0.0.1:6379' }] });`,
      errors: [missing(2, 1, 'createCluster')],
    },
    {
      code: `import { createSentinel } from 'redis';\ncreateSentinel({ name: 'mymaster', sentinelRootNodes: [{ host: 'localhost', port: 26379 }] });`,
      errors: [missing(2, 1, 'createSentinel')],
    },
    {
      code: `import { Queue, Worker, QueueEvents, FlowProducer } from 'bullmq';\nnew Queue('mail', { connection: { host: 'cache', port: 6379 } });\nnew Worker('mail', './processor.js', { connection: { host: 'cache' } });\nnew QueueEvents('mail');\nnew FlowProducer({ connection: { host: 'cache' } });`,
      errors: [missing(2, 1, 'new Queue'), missing(3, 1, 'new Worker'), missing(4, 1, 'new QueueEvents'), missing(5, 1, 'new FlowProducer')],
    },
    {
      code: `import Queue from 'bull';\nnew Queue('video', 'redis://127.0.0.1:6379');\nnew Queue('audio', { redis: { port: 6379, host: '127.0.0.1' } });\nQueue('image');`,
      errors: [missing(2, 1, 'new Queue'), missing(3, 1, 'new Queue'), missing(4, 1, 'Queue')],
    },
    {
      code: `import BeeQueue from 'bee-queue';\nnew BeeQueue('jobs', { redis: { host: 'cache' }, isWorker: false });`,
      errors: [missing(2, 1, 'new BeeQueue')],
    },
    {
      code: `import mess from 'mess';\nmess.createClient({ host: 'cache', port: 6379, db: 2 });\nnew mess.Client({ url: 'redis://cache' });\nnew mess.Consumer({});\nmess.connect('redis://cache:6379', { db: 1 });`,
      errors: [missing(2, 1, 'mess.createClient'), missing(3, 1, 'new mess.Client'), missing(4, 1, 'new mess.Consumer'), missing(5, 1, 'mess.connect')],
    },
    {
      code: `import { BullModule } from '@nestjs/bullmq';\n@Module({ imports: [BullModule.forRoot({ connection: { host: 'cache', port: 6379 } })] })\nexport class AppModule {}`,
      errors: [missing(2, 21, 'BullModule.forRoot')],
    },
    {
      code: `import { BullModule } from '@nestjs/bull';\nBullModule.forRoot({ redis: { host: 'localhost', port: 6379 } });`,
      errors: [missing(2, 1, 'BullModule.forRoot')],
    },
    {
      code: `import { RedisModule } from '@nestjs-modules/ioredis';\nRedisModule.forRoot({ type: 'single', url: 'redis://localhost:6379' });`,
      errors: [missing(2, 1, 'RedisModule.forRoot')],
    },
    {
      code: `import { RedisModule } from '@liaoliaots/nestjs-redis';\nRedisModule.forRoot({ config: { host: 'localhost', port: 6379 } });`,
      errors: [missing(2, 1, 'RedisModule.forRoot')],
    },
    {
      code: `import { CacheModule } from '@nestjs/cache-manager';\nimport * as redisStore from 'cache-manager-redis-store';\nCacheModule.register({ store: redisStore, host: 'localhost', port: 6379 });`,
      errors: [{ messageId: 'missingAuth', line: 3, column: 24, endLine: 3, endColumn: 41 }],
    },
    {
      code: `import { redisStore } from 'cache-manager-redis-yet';\nconst store = await redisStore({ socket: { host: 'cache', port: 6379 } });`,
      errors: [missing(2, 21, 'redisStore')],
    },
    {
      code: `import KeyvRedis from '@keyv/redis';\nimport Keyv from 'keyv';\nnew KeyvRedis('redis://cache:6379');\nnew Keyv('redis://cache:6379');`,
      errors: [missing(3, 1, 'new KeyvRedis'), missing(4, 1, 'new Keyv')],
    },
    {
      code: `import { GlideClient } from '@valkey/valkey-glide';\nawait GlideClient.createClient({ addresses: [{ host: 'cache', port: 6379 }] });`,
      errors: [missing(2, 7, 'GlideClient.createClient')],
    },
    {
      // const through several hops, template literal host, `as const`, optional chaining.
      code: `import Redis from 'ioredis';\nconst HOST = 'cache' as const;\nconst base = { host: \`\${HOST}.internal\`, port: 6379 };\nconst opts = { ...base, db: 1 };\nconst r = new Redis(opts);\nr?.ping();`,
      errors: [missing(5, 11, 'new Redis')],
    },
    {
      // Non-null assertions and type assertions around the options.
      code: `import Redis from 'ioredis';\nconst o: RedisOptions = { host: 'cache' };\nnew Redis(o!);\nnew Redis(<RedisOptions>{ host: 'cache' });`,
      errors: [missing(3, 1, 'new Redis'), missing(4, 1, 'new Redis')],
    },
    {
      code: `import IORedis = require('ioredis');\nconst r = new IORedis({ host: 'cache' });`,
      errors: [missing(2, 11, 'new IORedis')],
    },
    {
      code: `const Redis = require('ioredis').default;\nconst { Redis: Named } = require('ioredis');\nnew Redis(); new Named(6379);`,
      errors: [missing(3, 1, 'new Redis'), missing(3, 14, 'new Named')],
    },
    {
      // A host from the environment carries no credentials; a whole URL from it might.
      code: 'import { createClient } from "redis";\ncreateClient({ url: `redis://${process.env.REDIS_HOST}:6379` });\ncreateClient({ url: `redis://${redisHost}:${port}/0` });\ncreateClient({ url: `redis://${process.env.REDIS_AUTHORITY}` });',
      errors: [missing(2, 1, 'createClient'), missing(3, 1, 'createClient')],
    },
    {
      code: `import { BullModule } from '@nestjs/bullmq';\nBullModule.forRootAsync({\n  useFactory: async (config: ConfigService) => {\n    return { connection: { host: config.get<string>('REDIS_HOST'), port: 6379 } };\n  },\n  inject: [ConfigService],\n});`,
      errors: [missing(2, 1, 'BullModule.forRootAsync')],
    },
    {
      code: `import { RedisModule } from '@nestjs-modules/ioredis';\nfunction redisOptions() { return { type: 'single', url: 'redis://cache:6379' } as const; }\nRedisModule.forRootAsync({ useFactory: redisOptions });`,
      errors: [missing(3, 1, 'RedisModule.forRootAsync')],
    },
    {
      // The value comes from outside, but a deployment without it connects with the fallback.
      code: `import Redis from 'ioredis';\nnew Redis(process.env.REDIS_URL || 'redis://cache:6379/0');\nimport { createClient } from 'redis';\ncreateClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' });`,
      errors: [
        { messageId: 'fallbackWithoutAuth', line: 2, column: 1, endLine: 2, endColumn: 10, data: { client: 'new Redis' } },
        { messageId: 'fallbackWithoutAuth', line: 4, column: 1, data: { client: 'createClient' } },
      ],
    },
    {
      // A user-defined wrapper profile.
      code: `import { connectCache } from '@acme/cache';\nconnectCache('orders', { redis: { host: 'cache' } });`,
      options: [{ clients: [{ module: '@acme/cache', export: 'connectCache', kind: 'call', optionsArgument: 1, optionsPath: 'redis' }] }],
      errors: [missing(2, 1, 'connectCache')],
    },
    {
      // The same, taught through shared settings.
      code: `import Cache from '@acme/cache';\nnew Cache.Client('redis://cache:6379');`,
      settings: { 'redis-auth': { clients: [{ module: '@acme/cache', export: 'Client', kind: 'construct', urlArgument: 0 }] } },
      errors: [missing(2, 1, 'new Cache.Client')],
    },
    {
      // Production code: loopback and library defaults are still reported (a deployed
      // `new Redis()` reaches whatever listens there).
      code: `import Redis from 'ioredis';\nnew Redis({ host: '127.0.0.1' });`,
      filename: 'src/cache.ts',
      errors: [missing(2, 1, 'new Redis', undefined, '127.0.0.1 (from the options)')],
    },
    {
      // The user takes a folder back into production.
      code: `import Redis from 'ioredis';\nnew Redis();`,
      filename: 'examples/real-app/server.ts',
      settings: { 'redis-auth': { tiers: { production: ['examples/real-app/'] } } },
      errors: [missing(2, 1, 'new Redis')],
    },
    {
      // A computed key elsewhere in the options no longer hides the missing password.
      code: `import Redis from 'ioredis';\nnew Redis({ host: 'cache', [\`\${prefix}Timeout\`]: 500, [Symbol.for('x')]: 1 });`,
      errors: [missing(2, 1, 'new Redis', undefined, 'cache (from the options)')],
    },
    {
      code: `import { createClientPool } from 'redis';\nconst pool = createClientPool({ url: 'redis://cache:6379' }, { maximum: 10 });`,
      errors: [missing(2, 14, 'createClientPool', undefined, 'cache:6379 (from the URL)')],
    },
    {
      code: `import { RedisClient } from 'bun';\nconst c = new RedisClient('redis://localhost:6379');`,
      errors: [missing(2, 11, 'new RedisClient', undefined, 'localhost:6379 (from the URL)')],
    },
    {
      code: `const c = new Bun.RedisClient('redis://cache.internal:6379');`,
      errors: [missing(1, 11, 'new Bun.RedisClient', undefined, 'cache.internal:6379 (from the URL)')],
    },
    {
      code: `const { RedisClient } = Bun;\nexport const c = new RedisClient('redis://localhost:6379');`,
      errors: [missing(2, 18, 'new RedisClient', undefined, 'localhost:6379 (from the URL)')],
    },
    {
      // allowHosts does not cover a production host.
      code: `import Redis from 'ioredis';\nnew Redis({ host: 'redis.prod.example.com' });`,
      options: [{ allowHosts: ['loopback', 'unknown'] }],
      errors: [missing(2, 1, 'new Redis')],
    },
  ],
});

cjsTester.run('require-auth', rule, {
  valid: [
    `const Redis = require('ioredis'); new Redis(process.env.REDIS_URL);`,
    `const { createClient } = require('redis'); createClient({ password: process.env.REDIS_PASSWORD });`,
    `const Redis = require('./lib/redis'); new Redis();`,
  ],
  invalid: [
    {
      code: `const Redis = require('ioredis');\nconst redis = new Redis(6379, '127.0.0.1');`,
      errors: [missing(2, 15, 'new Redis', 24)],
    },
    {
      code: `const { createClient: make } = require('redis');\nconst c = make(6379, 'cache', { no_ready_check: true });`,
      errors: [missing(2, 11, 'make')],
    },
    {
      code: `const redis = require('redis');\nconst R = redis;\nR.createClient({ host: 'cache' });`,
      errors: [missing(3, 1, 'R.createClient')],
    },
    {
      code: `const { Cluster } = require('ioredis');\nnew Cluster([{ host: 'cache', port: 7000 }]);`,
      errors: [missing(2, 1, 'new Cluster')],
    },
    {
      code: `const mess = require('mess');\nconst consumer = new mess.Consumer({ host: 'cache', port: 6379 });`,
      errors: [missing(2, 18, 'new mess.Consumer')],
    },
    {
      code: `const Queue = require('bull');\nconst q = new Queue('emails', { redis: { host: 'cache' } });`,
      errors: [missing(2, 11, 'new Queue')],
    },
  ],
});
