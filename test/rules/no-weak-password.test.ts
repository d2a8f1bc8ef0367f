import rule from '../../rules/no-weak-password';
import { cjsTester, tsTester } from './rule-tester';

const weak = (line: number, column: number, masked: string, reason: string, endColumn?: number) => ({
  messageId: 'weak' as const,
  line,
  column,
  data: { what: 'password', masked, reason },
  ...(endColumn ? { endLine: line, endColumn } : {}),
});
const KNOWN = 'is a well-known default or dictionary password';

tsTester.run('no-weak-password', rule, {
  valid: [
    // Strong literals belong to no-hardcoded-credentials: one report per literal.
    `import Redis from 'ioredis'; new Redis({ password: 'hunter2hunter2' });`,
    `import Redis from 'ioredis'; new Redis({ password: process.env.REDIS_PASSWORD ?? '' as string });`.replace("?? '' as string", ''),
    `import Redis from 'ioredis'; new Redis({ password: config.get('redis.password') });`,
    `import Redis from 'ioredis'; new Redis({ passwordPolicy: 'password' , password: process.env.P });`,
    `import Redis from 'ioredis'; const password = 'changeme'; login({ password });`,
    `import { Redis } from './lib/redis'; new Redis({ password: 'changeme' });`,
    `import Redis from 'ioredis'; new Redis('redis://cache:6379');`,
    {
      code: `import Redis from 'ioredis'; new Redis({ host: '127.0.0.1', password: 'test' });`,
      options: [{ allowHosts: ['loopback'] }],
    },
    // `env || ''` / `?? ''`: not set, not an empty password (bull-board examples, Upstash tokens).
    `import Redis from 'ioredis'; new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD || '' });`,
    `import Redis from 'ioredis'; new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD ?? "" });`,
    `import { Redis } from '@upstash/redis'; new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN || "" });`,
    // Throwaway passwords in tests and examples.
    { code: `import Redis from 'ioredis'; new Redis({ password: '' });`, filename: 'examples/with-express/index.ts' },
    { code: `import Redis from 'ioredis'; new Redis({ password: 'test' });`, filename: 'packages/core/__tests__/queue.ts' },
    // A published tutorial password in an example is throwaway too (bull-board's NestJS example).
    {
      code: `import { BullModule } from '@nestjs/bullmq'; BullModule.forRoot({ connection: { host: 'localhost', password: 'eYVX7EwVmmxKPCDmwMtyKVge8oLd2t81' } });`,
      filename: 'examples/with-nestjs-module/src/app.module.ts',
    },
  ],
  invalid: [
    {
      // A product's shipped default (Langfuse), named with where it is published.
      code: `import Redis from 'ioredis';\nnew Redis({ host: 'langfuse-redis', password: 'myredissecret' });`,
      errors: [weak(2, 47, 'my****et', "is a published default password (Langfuse's docker-compose.yml)")],
    },
    {
      code: `import Redis from 'ioredis';\nnew Redis({ password: 'foobared' });`,
      errors: [weak(2, 23, 'f****d', KNOWN, 33)],
    },
    {
      code: `import Redis from 'ioredis';\nnew Redis({ password: '' });`,
      errors: [weak(2, 23, '""', 'is empty', 25)],
    },
    {
      code: `import Redis from 'ioredis';\nnew Redis('redis://:changeme@cache:6379/0');`,
      errors: [weak(2, 21, 'c****e', KNOWN, 29)],
    },
    {
      code: `import { createClient } from 'redis';\ncreateClient({ password: '<your-password>' });\ncreateClient({ password: 'abc12' });\ncreateClient({ password: 123456 });`,
      errors: [
        weak(2, 26, '<y****d>', 'is a placeholder'),
        weak(3, 26, '****', 'is shorter than 8 characters'),
        weak(4, 26, '****', KNOWN, 32),
      ],
    },
    {
      // The fallback literal and a constant used twice: one report each, at the literal.
      code: `import Redis from 'ioredis';\nconst PW = 'redis';\nnew Redis({ password: process.env.REDIS_PASSWORD || 'secret' });\nnew Redis({ password: PW });\nnew Redis({ password: PW });`,
      errors: [weak(2, 12, '****', KNOWN, 19), weak(3, 53, '****', KNOWN)],
    },
    {
      code: `import { Queue } from 'bullmq';\nnew Queue('q', { connection: { host: 'cache', password: 'password' as const } });`,
      errors: [weak(2, 57, 'p****d', KNOWN)],
    },
    {
      // Production code: a weak password is reported whatever the host.
      code: `import Redis from 'ioredis';\nnew Redis({ host: 'localhost', password: 'redis' });`,
      filename: 'src/cache.ts',
      errors: [weak(2, 42, '****', KNOWN)],
    },
    {
      code: `import mess from 'mess';\nconst c = mess.createClient({ host: 'cache' });\nc.auth('admin');`,
      errors: [weak(3, 8, '****', KNOWN)],
    },
  ],
});

cjsTester.run('no-weak-password', rule, {
  valid: [`const Redis = require('ioredis'); new Redis({ password: process.env.REDIS_PASSWORD });`],
  invalid: [
    {
      code: `const Queue = require('bull');\nnew Queue('q', 'redis://:redis123@cache:6379');`,
      errors: [weak(2, 26, 'r****3', KNOWN, 34)],
    },
  ],
});
