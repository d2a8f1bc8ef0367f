import { describe, expect, it } from 'vitest';
import { composeScanner } from '../../../scanners/compose';
import type { ServerFact } from '../../../src/core/facts';
import { scanTree } from './tree';

/** Shapes seen in public repositories, each with the verdict a reader would give. */
const cases: [string, string, ServerFact['auth'], string[]][] = [
  [
    'folded block command',
    'services:\n  redis:\n    image: redis:6\n    command: >\n      redis-server\n      --appendonly yes\n      --requirepass ${REDIS_PASSWORD}\n',
    'password',
    [],
  ],
  [
    'anchors and merge keys',
    'x-redis: &redis\n  image: redis:7-alpine\n  restart: always\nservices:\n  cache:\n    <<: *redis\n    command: ["redis-server", "--requirepass", "${CACHE_PASSWORD:?}"]\n',
    'password',
    [],
  ],
  [
    'sh -c with a container-side variable in braces',
    'services:\n  redis:\n    image: redis:7\n    environment:\n      - REDIS_PASSWORD\n    command: ["sh", "-c", "redis-server --requirepass \\"$${REDIS_PASSWORD}\\" --maxmemory 256mb"]\n',
    'password',
    [],
  ],
  [
    'bash -c script with several commands',
    'services:\n  redis:\n    image: redis:7\n    command: bash -c "mkdir -p /data/x && exec redis-server --save 60 1 --requirepass hunter2hunter2"\n',
    'password',
    ['compose-hardcoded-secret@4:87'],
  ],
  [
    'image version from a variable, no auth',
    'services:\n  redis:\n    image: "redis:${REDIS_VERSION:-7.2}"\n    ports:\n      - ${REDIS_PORT:-6379}:6379\n',
    'none',
    ['compose-no-auth@3:12', 'compose-exposed-port@5:9'],
  ],
  [
    "a password flag only when the variable is set (`$${PW:+--requirepass \"$$PW\"}`): the variable's password, not a conf named ``",
    'services:\n  redis:\n    image: redis:7\n    environment:\n      - PW\n    command: ["sh", "-c", "redis-server $${PW:+--requirepass \\"$$PW\\"}"]\n',
    'password',
    [],
  ],
  [
    'conf path not in the repository (baked into a custom image): no verdict',
    'services:\n  redis:\n    image: redis:7\n    command: redis-server /etc/redis/redis.conf\n',
    'unknown',
    ['redis-unmodeled@3:12'],
  ],
  [
    'image: only tags a build whose Dockerfile CMD is not visible: no verdict',
    'services:\n  redis:\n    build: ./redis\n    image: redis:7-custom\n    ports: ["127.0.0.1:6379:6379"]\n',
    'unknown',
    [],
  ],
  [
    'healthcheck with REDISCLI_AUTH prefix',
    'services:\n  redis:\n    image: redis:7\n    command: redis-server --requirepass ${PW:?}\n    healthcheck:\n      test: ["CMD-SHELL", "REDISCLI_AUTH=Kx82mQv7Lp3zTw9R redis-cli ping"]\n',
    'password',
    ['compose-hardcoded-secret@6:42'],
  ],
  [
    'redis-cli -u URL with a password in the healthcheck',
    'services:\n  redis:\n    image: redis:7\n    command: redis-server --requirepass ${PW:?}\n    healthcheck:\n      test: redis-cli -u redis://default:foobared@localhost:6379 ping\n',
    'password',
    ['compose-weak-password@6:42'],
  ],
];

describe('real-world compose shapes', () => {
  it.each(cases)('%s', (_name, text, auth, findings) => {
    const r = scanTree(composeScanner, { 'docker-compose.yml': text });
    expect(r.diagnostics).toEqual([]);
    expect((r.facts[0] as ServerFact).auth).toBe(auth);
    expect(r.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`)).toEqual(findings);
  });
});

describe('messages', () => {
  it('name the product and the profile that starts the service', () => {
    const r = scanTree(composeScanner, { 'compose.yaml': 'services:\n  kv:\n    image: valkey/valkey:8\n    profiles: [cache, full]\n' });
    expect(r.findings[0].message).toMatch(/^Service `kv` \(valkey\/valkey\) runs Valkey without a password \(it starts with profile `cache` or `full`\):/);
  });
});
