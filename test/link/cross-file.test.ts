/**
 * Values that cross files of one package: an imported binding is resolved in the module that
 * exports it, a parameter of the function a connection sits in takes what its calls pass (in the
 * same file and in the files that import it). Bounded: relative imports inside the repository,
 * no tests, no nested package, a cycle or a file that does not parse gives nothing and no throw.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceReader } from '../../rules/support/read-source';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A repository of `files`; the inputs of the connections opened in `entry`, with the file each is read in. */
function inputs(files: Record<string, string>, entry = 'src/redis.ts'): string[] {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-cross-'));
  dirs.push(root);
  for (const [path, text] of Object.entries({ 'package.json': '{"name":"app"}', ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { facts, diagnostics } = sourceReader(root).read([{ path: entry, absPath: join(root, entry), text: files[entry] }]);
  expect(diagnostics).toEqual([]);
  return facts.flatMap((f) => f.inputs.map((i) => `${i.name}:${i.role}@${i.file ?? entry}:${i.line}`));
}

const FACTORY = `import Redis from 'ioredis';\nexport function createRedisClient(url: string) {\n  return new Redis(url);\n}\n`;

describe('imported bindings', () => {
  it('an exported options object, a default export and a re-export are read in the module that exports them', () => {
    expect(
      inputs({
        'src/redis.ts': `import Redis from 'ioredis';\nimport { redisOptions } from './options';\nexport const r = new Redis(redisOptions);\n`,
        'src/options.ts': `export const redisOptions = {\n  host: process.env.REDIS_HOST,\n  password: process.env.REDIS_PASSWORD,\n};\n`,
      }),
    ).toEqual(['REDIS_HOST:host@src/options.ts:2', 'REDIS_PASSWORD:password@src/options.ts:3']);
    expect(
      inputs({
        'src/redis.ts': `import Redis from 'ioredis';\nimport config from './config/index.js';\nexport const r = new Redis(config.redis.url);\n`,
        'src/config/index.ts': `export { default } from './values';\n`,
        'src/config/values.ts': `export default {\n  redis: { url: process.env.REDIS_URL },\n};\n`,
      }),
    ).toEqual(['REDIS_URL:url@src/config/values.ts:2']);
  });

  it('a BullMQ connection imported from another module: options are followed, a client made there is not a second connection', () => {
    const queue = `import { Queue } from 'bullmq';\nimport { connection } from './connection';\nexport const q = new Queue('q', { connection });\n`;
    expect(inputs({ 'src/redis.ts': queue, 'src/connection.ts': `export const connection = { host: process.env.QUEUE_HOST };\n` })).toEqual([
      'QUEUE_HOST:host@src/connection.ts:1',
    ]);
    expect(
      inputs({ 'src/redis.ts': queue, 'src/connection.ts': `import Redis from 'ioredis';\nexport const connection = new Redis(process.env.QUEUE_URL!);\n` }),
    ).toEqual([]);
  });

  it('CommonJS: module.exports and exports.x, through require or an import', () => {
    expect(
      inputs(
        {
          'src/redis.js': `const Redis = require('ioredis');\nconst config = require('./config');\nmodule.exports = new Redis(config.redis);\n`,
          'src/config.js': `module.exports = {\n  redis: { host: process.env.REDIS_HOST, password: process.env.REDIS_PASSWORD },\n};\n`,
        },
        'src/redis.js',
      ),
    ).toEqual(['REDIS_HOST:host@src/config.js:2', 'REDIS_PASSWORD:password@src/config.js:2']);
    expect(
      inputs(
        {
          'src/redis.js': `const { Queue } = require('bullmq');\nconst { connection } = require('./connection');\nmodule.exports = new Queue('q', { connection });\n`,
          'src/connection.js': `exports.connection = { host: process.env.QUEUE_HOST };\n`,
        },
        'src/redis.js',
      ),
    ).toEqual(['QUEUE_HOST:host@src/connection.js:1']);
  });

  it('look-alikes read nothing: a package import, a path that leaves the repository, a re-export cycle, a module that does not parse', () => {
    const use = (from: string) => `import Redis from 'ioredis';\nimport { redisOptions } from '${from}';\nexport const r = new Redis(redisOptions);\n`;
    expect(inputs({ 'src/redis.ts': use('@acme/redis-config') })).toEqual([]);
    expect(inputs({ 'src/redis.ts': use('../../../../outside') })).toEqual([]);
    expect(
      inputs({
        'src/redis.ts': use('./a'),
        'src/a.ts': `export * from './b';\nexport const a = 1;\n`,
        'src/b.ts': `export * from './a';\nexport const b = 2;\n`,
      }),
    ).toEqual([]);
    expect(inputs({ 'src/redis.ts': use('./broken'), 'src/broken.ts': `export const redisOptions = { host: process.env.X,, };\n` })).toEqual([]);
  });
});

describe('parameters and their calls', () => {
  it('a factory called in another file with a variable reads that variable there', () => {
    expect(
      inputs({
        'src/redis.ts': FACTORY,
        'src/app.ts': `import { createRedisClient } from './redis';\nexport const redis = createRedisClient(process.env.REDIS_URL!);\n`,
      }),
    ).toEqual(['REDIS_URL:url@src/app.ts:2']);
  });

  it('the same file, options keys, a static method, `new this(...)` and a subclass constructed elsewhere', () => {
    expect(inputs({ 'src/redis.ts': `${FACTORY}export const main = createRedisClient(process.env.MAIN_URL!);\n` })).toEqual(['MAIN_URL:url@src/redis.ts:5']);
    const module = `import Redis, { type RedisOptions } from 'ioredis';
export class RedisModule {
  static forRoot(options: { url?: string; password?: string }) {
    return new Redis(options.url!, { password: options.password });
  }
}
`;
    expect(
      inputs({
        'src/redis.ts': module,
        'src/app.module.ts': `import { RedisModule } from './redis';\nimport { config } from './config';\nexport const m = RedisModule.forRoot({ url: config.get('REDIS_URL'), password: config.get('REDIS_PASSWORD') });\n`,
      }),
    ).toEqual(['REDIS_URL:url@src/app.module.ts:3', 'REDIS_PASSWORD:password@src/app.module.ts:3']);
    const adapter = `import Redis from 'ioredis';
export default class Adapter extends Redis {
  constructor(url: string) {
    super(url, { lazyConnect: true });
  }
  static get subscriber() {
    return new this(process.env.SUB_URL!);
  }
}
`;
    expect(inputs({ 'src/redis.ts': adapter, 'src/use.ts': `import Adapter from './redis';\nexport const a = new Adapter(process.env.MAIN_URL!);\n` })).toEqual([
      'SUB_URL:url@src/redis.ts:7',
      'MAIN_URL:url@src/use.ts:2',
    ]);
  });

  it('CommonJS and namespace callers: `exports.make = function`, a destructured require, `redis.make(...)`', () => {
    expect(
      inputs(
        {
          'src/redis.js': `const Redis = require('ioredis');\nexports.make = function (url) {\n  return new Redis(url);\n};\n`,
          'src/app.js': `const { make } = require('./redis');\nmake(process.env.A_URL);\n`,
          'src/jobs.js': `const redis = require('./redis');\nredis.make(process.env.B_URL);\n`,
        },
        'src/redis.js',
      ),
    ).toEqual(['A_URL:url@src/app.js:2', 'B_URL:url@src/jobs.js:2']);
    expect(
      inputs({ 'src/redis.ts': FACTORY, 'src/app.ts': `import * as redis from './redis';\nexport const r = redis.createRedisClient(process.env.C_URL!);\n` }),
    ).toEqual(['C_URL:url@src/app.ts:2']);
  });

  it("a queue's name is not what it connects with, whatever its callers pass", () => {
    expect(
      inputs({
        'src/redis.ts': `import { Queue } from 'bullmq';\nexport const queueFor = (name: string) => new Queue(name, { connection: { host: process.env.QUEUE_HOST } });\n`,
        'src/app.ts': `import { queueFor } from './redis';\nexport const q = queueFor(\`\${process.env.EVENTS_BUCKET_URL}-events\`);\n`,
      }),
    ).toEqual(['QUEUE_HOST:host@src/redis.ts:2']);
  });

  it('calls in tests and in a nested package are not what the deployment passes', () => {
    expect(
      inputs({
        'src/redis.ts': FACTORY,
        'src/redis.test.ts': `import { createRedisClient } from './redis';\ncreateRedisClient(process.env.TEST_URL!);\n`,
        'src/tools/package.json': '{"name":"tools"}',
        'src/tools/cli.ts': `import { createRedisClient } from '../redis';\ncreateRedisClient(process.env.TOOLS_URL!);\n`,
      }),
    ).toEqual([]);
  });

  it("tiers are judged inside the package: its own tests are left out wherever the package lives", () => {
    expect(
      inputs(
        {
          'examples/shop/package.json': '{"name":"shop"}',
          'examples/shop/src/redis.ts': FACTORY,
          'examples/shop/src/app.ts': `import { createRedisClient } from './redis';\nexport const redis = createRedisClient(process.env.REDIS_URL!);\n`,
          'examples/shop/test/redis.test.ts': `import { createRedisClient } from '../src/redis';\ncreateRedisClient(process.env.TEST_URL!);\n`,
        },
        'examples/shop/src/redis.ts',
      ),
    ).toEqual(['REDIS_URL:url@examples/shop/src/app.ts:2']);
  });

  it("a helper's parameter is its call's argument, not what every caller of the helper passes", () => {
    expect(
      inputs({
        'src/redis.ts': `import Redis from 'ioredis';\nimport { orUndefined } from './util';\nexport const r = new Redis(orUndefined(process.env.REDIS_URL)!);\n`,
        'src/util.ts': `export const orUndefined = (v?: string) => (v === '' ? undefined : v);\n`,
        'src/other.ts': `import { orUndefined } from './util';\nexport const smtp = orUndefined(process.env.SMTP_URL);\n`,
      }),
    ).toEqual(['REDIS_URL:url@src/redis.ts:3']);
  });

  it('a caller that passes a password from a secret manager gives the connection a password of its own', () => {
    const root = mkdtempSync(join(tmpdir(), 'redis-auth-cross-'));
    dirs.push(root);
    const files: Record<string, string> = {
      'package.json': '{"name":"app"}',
      'src/redis.ts': `import Redis, { type RedisOptions } from 'ioredis';\nexport const connect = (o: RedisOptions) => new Redis(o);\n`,
      'src/app.ts': `import { connect } from './redis';\nimport { getSecret } from './secrets';\nexport const r = async () => connect({ host: process.env.REDIS_HOST, password: await getSecret('redis') });\n`,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const { facts } = sourceReader(root).read([{ path: 'src/redis.ts', absPath: join(root, 'src/redis.ts'), text: files['src/redis.ts'] }]);
    expect(facts.map((f) => [f.auth, f.inputs.map((i) => i.name)])).toEqual([['present', ['REDIS_HOST']]]);
  });
});
