import rule from '../../rules/no-hardcoded-credentials';
import { cjsTester, tsTester } from './rule-tester';

/** The code with one literal replaced: the expected output of a suggestion. */
const swap = (code: string, literal: string, by = 'process.env.REDIS_PASSWORD') => code.replace(literal, by);

const AUTH_CALLS = `import { createClient } from 'redis';\nconst client = createClient();\nawait client.auth({ username: 'app', password: 'aaaa-bbbb-cccc-1' });\nawait client.sendCommand(['AUTH', 'app', 'aaaa-bbbb-cccc-2']);\nimport Redis from 'ioredis';\nconst redis = new Redis();\nredis.auth('aaaa-bbbb-cccc-3');\nredis.call('auth', 'aaaa-bbbb-cccc-4');`;
const SENTINEL = `import Redis from 'ioredis';\nnew Redis({ sentinels: [{ host: 's1', port: 26379 }], name: 'm', sentinelPassword: 'sentinel-Pw-123' as string, password: (isProd ? 'pr0d-Passw0rd-x' : undefined)! } satisfies RedisOptions);`;
const CONFIG_SET = `import { createClient } from 'redis';\nconst client = createClient({ password: process.env.P });\nawait client.configSet('requirepass', 'server-Pw-0001');\nawait client.config('SET', 'masterauth', 'server-Pw-0002');\nawait client.sendCommand(['CONFIG', 'SET', 'requirepass', 'server-Pw-0003']);`;
const GLIDE = `import { GlideClient } from '@valkey/valkey-glide';\nGlideClient.createClient({ addresses: [{ host: 'h' }], credentials: { password: 'glide-Pw-12345' } });`;
const PROD = `import Redis from 'ioredis';\nnew Redis({ host: 'redis.prod.example.com', password: 'hunter2hunter2' });`;
const V3 = `const redis = require('redis');\nconst client = redis.createClient(6379, 'cache', { auth_pass: 'v3-auth-pass-1' });`;

const useEnv = (output: string, name = 'REDIS_PASSWORD') => ({ messageId: 'useEnv' as const, data: { name }, output });

tsTester.run('no-hardcoded-credentials', rule, {
  valid: [
    `import Redis from 'ioredis'; new Redis({ password: process.env.REDIS_PASSWORD });`,
    // A published default looks random but is public: no-weak-password reports it, and in an example nothing does.
    `import Redis from 'ioredis'; new Redis({ password: 'eYVX7EwVmmxKPCDmwMtyKVge8oLd2t81' });`,
    {
      code: `import { BullModule } from '@nestjs/bullmq'; BullModule.forRoot({ connection: { host: 'localhost', password: 'eYVX7EwVmmxKPCDmwMtyKVge8oLd2t81' } });`,
      filename: 'examples/with-nestjs-module/src/app.module.ts',
    },
    `import Redis from 'ioredis'; new Redis({ password: import.meta.env.VITE_REDIS_PASSWORD as string });`,
    `import Redis from 'ioredis'; new Redis({ password: config.get('redis.password') });`,
    `import Redis from 'ioredis'; new Redis({ password: await getSecret('redis') });`,
    `import Redis from 'ioredis'; new Redis(\`redis://:\${process.env.REDIS_PASSWORD}@cache:6379\`);`,
    `import Redis from 'ioredis'; new Redis(\`redis://default:\${encodeURIComponent(pw)}@cache:6379\`);`,
    // Look-alikes: a policy, a user name, a different library, a different `auth`.
    `import Redis from 'ioredis'; const passwordPolicy = 'Str0ngEnough!x'; new Redis({ password: pw, passwordPolicy });`,
    `import Redis from 'ioredis'; new Redis({ username: 'orders-service', password: process.env.P });`,
    `import Redis from 'ioredis'; import mysql from 'mysql2'; mysql.createConnection({ password: 'hunter2hunter2' });`,
    `import Redis from 'ioredis'; import admin from 'firebase-admin'; admin.auth('abcdefghijkl12');`,
    `import { Redis } from './not-ioredis'; new Redis({ password: 'hunter2hunter2' });`,
    `const mysql = require('mysql'); mysql.createConnection({ password: 'hunter2hunter2' });`,
    // Weak and empty values belong to no-weak-password.
    `import Redis from 'ioredis'; new Redis({ password: 'changeme' });`,
    `import Redis from 'ioredis'; new Redis({ password: '' });`,
    `import Redis from 'ioredis'; new Redis('redis://:foobared@cache:6379');`,
    // Test containers and local throwaway servers, when allowed.
    {
      code: `import Redis from 'ioredis'; new Redis({ host: 'localhost', password: 'testpass-1234' }); new Redis({ host: container.getHost(), password: 'testpass-1234' });`,
      options: [{ allowHosts: ['loopback', 'unknown'] }],
    },
    // Tests and examples: a throwaway literal is not reported (a real-looking one is).
    { code: `import Redis from 'ioredis'; new Redis({ password: 'testpass-1234' });`, filename: 'packages/api/tests/setup.ts' },
    { code: `import Redis from 'ioredis'; new Redis({ password: 'hunter2hunter2' });`, filename: 'examples/basic/index.ts' },
  ],
  invalid: [
    {
      // Bun's global client, no import.
      code: `const c = new Bun.RedisClient('redis://:hunter2hunter2@cache:6379');`,
      errors: [
        {
          messageId: 'hardcoded',
          line: 1,
          column: 41,
          endColumn: 55,
          suggestions: [useEnv('const c = new Bun.RedisClient(`redis://:${process.env.REDIS_PASSWORD}@cache:6379`);')],
        },
      ],
    },
    {
      // In an example, a real-looking secret is still reported (the configs make it a warning).
      code: `import Redis from 'ioredis';\nnew Redis({ password: 'eY7mK2pQ9xV4wL81' });`,
      filename: 'examples/with-nestjs-module/src/app.module.ts',
      errors: [{ messageId: 'hardcoded', line: 2, column: 23, suggestions: [useEnv(`import Redis from 'ioredis';\nnew Redis({ password: process.env.REDIS_PASSWORD });`)] }],
    },
    {
      // ACL SETUSER … >password sent from code is a hardcoded password.
      code: `import { createClient } from 'redis';\nconst client = createClient({ password: process.env.P });\nawait client.sendCommand(['ACL', 'SETUSER', 'app', 'on', '>app-Pw-0001x', '~*', '+@all']);\nawait client.aclSetUser('ro', ['on', '>ro-Pw-0002xy']);`,
      errors: [
        {
          messageId: 'hardcoded',
          data: { what: 'password', masked: 'ap****1x' },
          line: 3,
          column: 60,
          endLine: 3,
          endColumn: 72,
          suggestions: [
            useEnv(
              `import { createClient } from 'redis';\nconst client = createClient({ password: process.env.P });\nawait client.sendCommand(['ACL', 'SETUSER', 'app', 'on', \`>\${process.env.REDIS_PASSWORD}\`, '~*', '+@all']);\nawait client.aclSetUser('ro', ['on', '>ro-Pw-0002xy']);`,
            ),
          ],
        },
        {
          messageId: 'hardcoded',
          data: { what: 'password', masked: 'ro****xy' },
          line: 4,
          column: 40,
          suggestions: [
            useEnv(
              `import { createClient } from 'redis';\nconst client = createClient({ password: process.env.P });\nawait client.sendCommand(['ACL', 'SETUSER', 'app', 'on', '>app-Pw-0001x', '~*', '+@all']);\nawait client.aclSetUser('ro', ['on', \`>\${process.env.REDIS_PASSWORD}\`]);`,
            ),
          ],
        },
      ],
    },
    {
      code: `import Redis from 'ioredis';\nnew Redis({ host: 'cache', password: 'hunter2hunter2' });`,
      errors: [
        {
          messageId: 'hardcoded',
          data: { what: 'password', masked: 'hu****r2' },
          line: 2,
          column: 38,
          endLine: 2,
          endColumn: 54,
          suggestions: [useEnv(`import Redis from 'ioredis';\nnew Redis({ host: 'cache', password: process.env.REDIS_PASSWORD });`)],
        },
      ],
    },
    {
      // The password inside a URL is reported exactly; the suggestion turns the string into a template.
      code: `import Redis from 'ioredis';\nconst redis = new Redis('redis://:s3cr3tPassw0rd@cache:6379/0');`,
      errors: [
        {
          messageId: 'hardcoded',
          data: { what: 'password', masked: 's3****rd' },
          line: 2,
          column: 35,
          endLine: 2,
          endColumn: 49,
          suggestions: [
            useEnv(`import Redis from 'ioredis';\nconst redis = new Redis(\`redis://:\${process.env.REDIS_PASSWORD}@cache:6379/0\`);`),
          ],
        },
      ],
    },
    {
      code: 'import { createClient } from "redis";\ncreateClient({ url: `redis://admin:Sup3rS3cretPw@${host}:6379` });',
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          column: 36,
          endColumn: 49,
          suggestions: [useEnv('import { createClient } from "redis";\ncreateClient({ url: `redis://admin:${process.env.REDIS_PASSWORD}@${host}:6379` });')],
        },
      ],
    },
    {
      code: `import mess from 'mess';\nmess.connect('redis://cache:6379?password=pa55-w0rd-long', { db: 1 });`,
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          column: 43,
          endColumn: 57,
          suggestions: [useEnv("import mess from 'mess';\nmess.connect(`redis://cache:6379?password=${process.env.REDIS_PASSWORD}`, { db: 1 });")],
        },
      ],
    },
    {
      // A constant carries the literal; reported once, where it is written.
      code: `import Redis from 'ioredis';\nconst REDIS_PASSWORD = 'hunter2hunter2';\nnew Redis({ password: REDIS_PASSWORD });\nnew Redis.Cluster([], { redisOptions: { password: REDIS_PASSWORD } });`,
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          column: 24,
          suggestions: [
            useEnv(`import Redis from 'ioredis';\nconst REDIS_PASSWORD = process.env.REDIS_PASSWORD;\nnew Redis({ password: REDIS_PASSWORD });\nnew Redis.Cluster([], { redisOptions: { password: REDIS_PASSWORD } });`),
          ],
        },
      ],
    },
    {
      // Fallbacks: the suggestion drops the literal and keeps the lookup.
      code: `import { createClient } from 'redis';\ncreateClient({ password: process.env.REDIS_PASSWORD || 'l0cal-fallback-pw' });\ncreateClient({ password: process.env.REDIS_PASSWORD ?? 'l0cal-fallback-pw2' });`,
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          column: 56,
          suggestions: [useEnv(`import { createClient } from 'redis';\ncreateClient({ password: process.env.REDIS_PASSWORD });\ncreateClient({ password: process.env.REDIS_PASSWORD ?? 'l0cal-fallback-pw2' });`)],
        },
        {
          messageId: 'hardcoded',
          line: 3,
          column: 56,
          suggestions: [useEnv(`import { createClient } from 'redis';\ncreateClient({ password: process.env.REDIS_PASSWORD || 'l0cal-fallback-pw' });\ncreateClient({ password: process.env.REDIS_PASSWORD });`)],
        },
      ],
    },
    {
      // AUTH sent by hand, in its several spellings.
      code: AUTH_CALLS,
      errors: [
        { messageId: 'hardcoded', line: 3, column: 48, endColumn: 66, suggestions: [useEnv(swap(AUTH_CALLS, "'aaaa-bbbb-cccc-1'"))] },
        { messageId: 'hardcoded', line: 4, column: 42, suggestions: [useEnv(swap(AUTH_CALLS, "'aaaa-bbbb-cccc-2'"))] },
        { messageId: 'hardcoded', line: 7, column: 12, suggestions: [useEnv(swap(AUTH_CALLS, "'aaaa-bbbb-cccc-3'"))] },
        { messageId: 'hardcoded', line: 8, column: 20, suggestions: [useEnv(swap(AUTH_CALLS, "'aaaa-bbbb-cccc-4'"))] },
      ],
    },
    {
      // TypeScript wrappers, conditionals and sentinel passwords.
      code: SENTINEL,
      errors: [
        { messageId: 'hardcoded', line: 2, column: 84, endColumn: 101, suggestions: [useEnv(swap(SENTINEL, "'sentinel-Pw-123'"))] },
        { messageId: 'hardcoded', line: 2, column: 133, endColumn: 150, suggestions: [useEnv(swap(SENTINEL, "'pr0d-Passw0rd-x'"))] },
      ],
    },
    {
      code: `import { Redis } from '@upstash/redis';\nnew Redis({ url: 'https://eu1-x.upstash.io', token: 'AXz1AAIncDE2ZmQ0' });`,
      errors: [
        {
          messageId: 'hardcoded',
          data: { what: 'token', masked: 'AX****Q0' },
          line: 2,
          column: 53,
          suggestions: [
            useEnv(`import { Redis } from '@upstash/redis';\nnew Redis({ url: 'https://eu1-x.upstash.io', token: process.env.UPSTASH_REDIS_REST_TOKEN });`, 'UPSTASH_REDIS_REST_TOKEN'),
          ],
        },
      ],
    },
    {
      code: `import { BullModule } from '@nestjs/bullmq';\nBullModule.forRoot({ connection: { host: 'cache', password: 'nest-bull-pw-1' } });`,
      options: [{ envVariable: 'BULL_REDIS_PASSWORD' }],
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          column: 61,
          suggestions: [
            useEnv(`import { BullModule } from '@nestjs/bullmq';\nBullModule.forRoot({ connection: { host: 'cache', password: process.env.BULL_REDIS_PASSWORD } });`, 'BULL_REDIS_PASSWORD'),
          ],
        },
      ],
    },
    {
      code: `import { BullModule } from '@nestjs/bull';\nBullModule.forRootAsync({ useFactory: () => ({ redis: { host: 'cache', password: 'nest-async-pw-9' } }) });`,
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          column: 82,
          suggestions: [
            useEnv(`import { BullModule } from '@nestjs/bull';\nBullModule.forRootAsync({ useFactory: () => ({ redis: { host: 'cache', password: process.env.REDIS_PASSWORD } }) });`),
          ],
        },
      ],
    },
    {
      // A server password set from code (CONFIG SET requirepass) is a credential too.
      code: CONFIG_SET,
      errors: [
        { messageId: 'hardcoded', line: 3, column: 39, suggestions: [useEnv(swap(CONFIG_SET, "'server-Pw-0001'"))] },
        { messageId: 'hardcoded', line: 4, column: 42, suggestions: [useEnv(swap(CONFIG_SET, "'server-Pw-0002'"))] },
        { messageId: 'hardcoded', line: 5, column: 59, suggestions: [useEnv(swap(CONFIG_SET, "'server-Pw-0003'"))] },
      ],
    },
    {
      code: GLIDE,
      errors: [{ messageId: 'hardcoded', line: 2, column: 81, suggestions: [useEnv(swap(GLIDE, "'glide-Pw-12345'"))] }],
    },
    {
      code: `import { Queue } from 'bullmq';\nnew Queue('q', { connection: { host: 'cache', password: 'bull' + 'mq-s3cret' } });`,
      errors: [{ messageId: 'hardcoded', line: 2, column: 57, endColumn: 77, suggestions: [useEnv(`import { Queue } from 'bullmq';\nnew Queue('q', { connection: { host: 'cache', password: process.env.REDIS_PASSWORD } });`)] }],
    },
    {
      // allowHosts does not hide a credential for a production host.
      code: PROD,
      options: [{ allowHosts: ['loopback', 'unknown'] }],
      errors: [{ messageId: 'hardcoded', line: 2, column: 55, suggestions: [useEnv(swap(PROD, "'hunter2hunter2'"))] }],
    },
  ],
});

cjsTester.run('no-hardcoded-credentials', rule, {
  valid: [`const Redis = require('ioredis'); new Redis({ password: process.env.REDIS_PASSWORD });`],
  invalid: [
    {
      code: `const Redis = require('ioredis');\nconst redis = new Redis(6379, 'cache', { password: 'cjs-Passw0rd-1' });`,
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          column: 52,
          endColumn: 68,
          suggestions: [useEnv(`const Redis = require('ioredis');\nconst redis = new Redis(6379, 'cache', { password: process.env.REDIS_PASSWORD });`)],
        },
      ],
    },
    {
      code: V3,
      errors: [{ messageId: 'hardcoded', line: 2, column: 63, endColumn: 79, suggestions: [useEnv(swap(V3, "'v3-auth-pass-1'"))] }],
    },
  ],
});
