import rule from '../../rules/require-tls';
import { cjsTester, tsTester } from './rule-tester';

const plaintext = (line: number, column: number, host: string, endColumn?: number) => ({
  messageId: 'plaintext' as const,
  line,
  column,
  data: { host },
  ...(endColumn ? { endLine: line, endColumn } : {}),
});

tsTester.run('require-tls', rule, {
  valid: [
    `import Redis from 'ioredis'; new Redis();`,
    `import Redis from 'ioredis'; new Redis({ host: 'localhost' }); new Redis('redis://127.0.0.1:6379'); new Redis('/tmp/redis.sock');`,
    `import Redis from 'ioredis'; new Redis('rediss://cache.example.com:6380');`,
    `import Redis from 'ioredis'; new Redis({ host: 'cache.example.com', tls: {} });`,
    `import Redis from 'ioredis'; new Redis({ host: 'cache.example.com', tls: useTls ? {} : undefined });`,
    `import Redis from 'ioredis'; new Redis({ host: process.env.REDIS_HOST });`,
    `import { createClient } from 'redis'; createClient({ socket: { host: 'cache.example.com', tls: true } });`,
    `import { createClient } from 'redis'; createClient({ url: 'redis://cache.example.com?tls=true' });`,
    `import { GlideClient } from '@valkey/valkey-glide'; GlideClient.createClient({ addresses: [{ host: 'cache.example.com' }], useTLS: true });`,
    `import { Redis } from '@upstash/redis'; new Redis({ url: 'https://eu1.upstash.io', token: process.env.T });`,
    `import { Redis } from './other'; new Redis({ host: 'cache.example.com' });`,
    // The deployed host is the variable's; the fallback alone says nothing about it.
    `import Redis from 'ioredis'; new Redis(process.env.REDIS_URL || 'redis://cache:6379');`,
    { code: `import Redis from 'ioredis'; new Redis({ host: 'redis' });`, options: [{ allowHosts: ['redis'] }] },
  ],
  invalid: [
    {
      code: `import Redis from 'ioredis';\nnew Redis({ host: 'cache.example.com', password: process.env.REDIS_PASSWORD });`,
      errors: [plaintext(2, 1, 'cache.example.com', 10)],
    },
    {
      code: `import Redis from 'ioredis';\nconst r = new Redis(\`redis://:\${process.env.PW}@10.0.0.12:6379\`);`,
      errors: [plaintext(2, 11, '10.0.0.12', 20)],
    },
    {
      code: `import { createClient } from 'redis';\ncreateClient({ socket: { host: 'cache.example.com', tls: false } });`,
      errors: [plaintext(2, 1, 'cache.example.com', 13)],
    },
    {
      code: `import { Cluster } from 'ioredis';\nnew Cluster([{ host: '127.0.0.1' }, { host: 'node-2.internal' }]);`,
      errors: [plaintext(2, 1, 'node-2.internal')],
    },
  ],
});

cjsTester.run('require-tls', rule, {
  valid: [`const Redis = require('ioredis'); new Redis(6379, 'localhost');`],
  invalid: [
    {
      code: `const Redis = require('ioredis');\nnew Redis(6379, 'cache.example.com');`,
      errors: [plaintext(2, 1, 'cache.example.com')],
    },
  ],
});
