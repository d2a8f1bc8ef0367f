/**
 * Client profiles: which imports open a Redis connection and where their connection details
 * live. Data, not code: the engine in connections.ts reads it through ReferenceTracker trace
 * maps, so `new Redis()` is found however it was imported, renamed or destructured. Teams add
 * their own wrappers with the `clients` option or `settings['redis-auth'].clients` (same shape,
 * see ../settings.ts).
 */

export interface ClientProfile {
  /** Shown in docs; `ioredis`, `bullmq Queue`. */
  name: string;
  modules: readonly string[];
  /** Export path inside the module; [] is the module itself (default export / module.exports). */
  path: readonly string[];
  /**
   * `construct`: `new X(...)`; `call`: `X(...)`; `both`; `store`: the export is passed as a
   * cache-manager store (`{ store: redisStore, host, password }`), so that object is the options.
   */
  kind: 'construct' | 'call' | 'both' | 'store';
  /** Index of the first argument that describes the connection (a queue name comes first). */
  from?: number;
  /**
   * How positional string arguments read: `url-or-host` (ioredis: a URL, a unix socket path or a
   * host after the port), `url` (only a redis:// URL counts), `ignore` (names, config keys).
   */
  strings?: 'url-or-host' | 'url' | 'ignore';
  /** Explicit argument positions (user profiles use these instead of positional reading). */
  urlArgument?: number;
  optionsArgument?: number;
  /** The connection options sit under this key path of the options object (`connection`). */
  optionsPath?: readonly string[];
  /**
   * Without connection details: `default` means the library connects to localhost without a
   * password; `skip` means the options come from elsewhere (a NestJS registerQueue inherits forRoot).
   */
  whenMissing?: 'default' | 'skip';
  /** Only a redis:// URL makes this a Redis connection (Keyv also speaks SQLite, Mongo...). */
  requireRedisUrl?: boolean;
  /** Option names that carry the credential, beyond `password` and `auth_pass`. */
  credentialKeys?: readonly string[];
  /** An options key that means "the client is built elsewhere" (bull `createClient`). */
  skipIfKeys?: readonly string[];
  /** HTTPS + token clients (Upstash): no require-auth / require-tls, the token is the credential. */
  http?: boolean;
  /** Environment variable the no-hardcoded-credentials suggestion reads. */
  envVariable?: string;
  /** NestJS `forRootAsync({ useFactory })`: the options are what the factory returns. */
  factory?: boolean;
}

const IOREDIS = ['ioredis', 'iovalkey'];
const NODE_REDIS = ['redis', '@redis/client', '@keyv/redis'];

function each(
  modules: readonly string[],
  paths: ReadonlyArray<readonly string[]>,
  rest: Omit<ClientProfile, 'modules' | 'path'>,
): ClientProfile[] {
  return paths.map((path) => ({ ...rest, modules, path }));
}

export const BUILTIN_PROFILES: readonly ClientProfile[] = [
  // ioredis / iovalkey: new Redis(), new Redis(port, host, opts), new Redis(url, opts),
  // new Redis(opts), new Redis.Cluster(nodes, { redisOptions }), Sentinel via options.
  ...each(IOREDIS, [[], ['Redis'], ['default']], { name: 'ioredis', kind: 'construct' }),
  ...each(IOREDIS, [['Cluster'], ['Redis', 'Cluster'], ['default', 'Cluster']], {
    name: 'ioredis Cluster',
    kind: 'construct',
  }),
  // node-redis v4+ and its v3 shapes (createClient(port, host, opts), auth_pass).
  ...each(NODE_REDIS, [['createClient']], { name: 'node-redis', kind: 'call' }),
  ...each(NODE_REDIS, [['createCluster']], { name: 'node-redis cluster', kind: 'call' }),
  ...each(NODE_REDIS, [['createSentinel']], { name: 'node-redis sentinel', kind: 'call' }),
  // node-redis v5: createClientPool(clientOptions, poolOptions).
  ...each(NODE_REDIS, [['createClientPool']], { name: 'node-redis pool', kind: 'call', optionsArgument: 0 }),
  // Bun's built-in client: new RedisClient(url?, options?); without a URL it reads REDIS_URL /
  // VALKEY_URL (provided from outside), like `Bun.redis`.
  ...each(['bun'], [['RedisClient']], { name: 'Bun RedisClient', kind: 'construct', strings: 'url', whenMissing: 'skip' }),
  // BullMQ: the connection options sit under `connection`; an existing client there is not new.
  ...each(['bullmq', 'bullmq-pro', '@taskforcesh/bullmq-pro'], [['Queue'], ['QueueEvents'], ['QueueScheduler']], {
    name: 'bullmq',
    kind: 'construct',
    from: 1,
    strings: 'ignore',
    optionsPath: ['connection'],
  }),
  ...each(['bullmq'], [['Worker']], {
    name: 'bullmq Worker',
    kind: 'construct',
    from: 2,
    strings: 'ignore',
    optionsPath: ['connection'],
  }),
  ...each(['bullmq'], [['FlowProducer']], {
    name: 'bullmq FlowProducer',
    kind: 'construct',
    strings: 'ignore',
    optionsPath: ['connection'],
  }),
  // Bull: new Queue(name, url?, { redis }); `createClient` means clients are built elsewhere.
  ...each(['bull'], [[]], {
    name: 'bull',
    kind: 'both',
    from: 1,
    strings: 'url',
    optionsPath: ['redis'],
    skipIfKeys: ['createClient'],
  }),
  ...each(['bee-queue'], [[]], { name: 'bee-queue', kind: 'construct', from: 1, strings: 'ignore', optionsPath: ['redis'] }),
  // mess, the in-house message library: options as in ioredis.
  ...each(['mess'], [['createClient']], { name: 'mess', kind: 'call' }),
  ...each(['mess'], [['Client'], ['Consumer']], { name: 'mess', kind: 'construct' }),
  ...each(['mess'], [['connect']], { name: 'mess', kind: 'call' }),
  // NestJS modules.
  ...each(['@nestjs/bullmq'], [['BullModule', 'forRoot']], {
    name: '@nestjs/bullmq',
    kind: 'call',
    strings: 'ignore',
    optionsPath: ['connection'],
  }),
  ...each(['@nestjs/bullmq'], [['BullModule', 'registerQueue'], ['BullModule', 'registerFlowProducer']], {
    name: '@nestjs/bullmq',
    kind: 'call',
    strings: 'ignore',
    optionsPath: ['connection'],
    whenMissing: 'skip',
  }),
  ...each(['@nestjs/bullmq'], [['BullModule', 'forRootAsync']], {
    name: '@nestjs/bullmq',
    kind: 'call',
    strings: 'ignore',
    optionsPath: ['connection'],
    factory: true,
  }),
  ...each(['@nestjs/bull'], [['BullModule', 'forRootAsync']], {
    name: '@nestjs/bull',
    kind: 'call',
    strings: 'ignore',
    skipIfKeys: ['createClient'],
    factory: true,
  }),
  ...each(['@nestjs-modules/ioredis', '@liaoliaots/nestjs-redis'], [['RedisModule', 'forRootAsync']], {
    name: 'NestJS RedisModule',
    kind: 'call',
    strings: 'ignore',
    factory: true,
  }),
  ...each(['@nestjs/bull'], [['BullModule', 'forRoot']], {
    name: '@nestjs/bull',
    kind: 'call',
    strings: 'ignore',
    skipIfKeys: ['createClient'],
  }),
  ...each(['@nestjs/bull'], [['BullModule', 'registerQueue']], {
    name: '@nestjs/bull',
    kind: 'call',
    strings: 'ignore',
    optionsPath: ['redis'],
    whenMissing: 'skip',
  }),
  ...each(['@nestjs-modules/ioredis', '@liaoliaots/nestjs-redis'], [['RedisModule', 'forRoot'], ['ClusterModule', 'forRoot']], {
    name: 'NestJS RedisModule',
    kind: 'call',
    strings: 'ignore',
  }),
  // cache-manager stores: `redisStore(opts)` or `{ store: redisStore, host, password }`.
  ...each(['cache-manager-redis-store', 'cache-manager-redis-yet', 'cache-manager-ioredis-yet'], [['redisStore']], {
    name: 'cache-manager redis store',
    kind: 'call',
  }),
  ...each(
    ['cache-manager-redis-store', 'cache-manager-ioredis', 'cache-manager-redis-yet', 'cache-manager-ioredis-yet'],
    [[], ['redisStore']],
    { name: 'cache-manager redis store', kind: 'store' },
  ),
  // Keyv: new KeyvRedis(url | opts), createKeyv(url); new Keyv('redis://…') only with a redis URL.
  ...each(['@keyv/redis'], [[], ['KeyvRedis'], ['default']], { name: '@keyv/redis', kind: 'construct' }),
  ...each(['@keyv/redis'], [['createKeyv']], { name: '@keyv/redis', kind: 'call' }),
  ...each(['keyv'], [[], ['Keyv'], ['default']], { name: 'keyv', kind: 'construct', requireRedisUrl: true }),
  // Upstash: HTTPS with a REST token; `Redis.fromEnv()` reads both from the environment.
  ...each(['@upstash/redis', '@upstash/redis/cloudflare', '@upstash/redis/nodejs', '@upstash/redis/fastly'], [['Redis']], {
    name: '@upstash/redis',
    kind: 'construct',
    http: true,
    credentialKeys: ['token'],
    envVariable: 'UPSTASH_REDIS_REST_TOKEN',
  }),
  // Valkey GLIDE: createClient({ addresses, credentials: { password }, useTLS }).
  ...each(['@valkey/valkey-glide'], [['GlideClient', 'createClient'], ['GlideClusterClient', 'createClient']], {
    name: 'valkey-glide',
    kind: 'call',
    strings: 'ignore',
  }),
];

/**
 * Runtimes that also expose a module's exports as a global object: `new Bun.RedisClient(url)` is
 * `import { RedisClient } from 'bun'`. (`Bun.redis`, the default client, reads REDIS_URL /
 * VALKEY_URL: provided from outside, nothing to judge.)
 */
export const GLOBAL_MODULES: Readonly<Record<string, string>> = { Bun: 'bun' };

/** Option keys that carry the password of the connection itself. */
export const PASSWORD_KEYS: readonly string[] = ['password', 'auth_pass'];
/** Option keys that carry another credential: literal-worthy, but not proof of auth to the data node. */
export const OTHER_SECRET_KEYS: readonly string[] = ['sentinelPassword'];
export const URL_KEYS: readonly string[] = ['url', 'uri'];
export const TLS_KEYS: readonly string[] = ['tls', 'useTLS'];
/** Keys whose unknown value may hide the credential (`redisOptions: baseOptions`). */
export const CONTAINER_KEYS: readonly string[] = [
  'redisOptions',
  'defaults',
  'socket',
  'nodeClientOptions',
  'sentinelClientOptions',
  'credentials',
  'options',
  'config',
  'redis',
  'connection',
  'commonOptions',
  'clusterOptions',
  'rootNodes',
  'nodes',
];

/** Every module name a profile mentions: a file that imports none of them is skipped at once. */
export function profileModules(profiles: readonly ClientProfile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.modules))];
}
