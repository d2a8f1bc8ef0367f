import { describe, expect, it } from 'vitest';
import { composeScanner } from '../../../scanners/compose';
import type { ClientFact, ServerFact } from '../../../src/core/facts';
import { createContext } from '../../../src/engine/kit/context';
import { scanTree, writeTree } from './tree';

const servers = (facts: unknown[]) => facts.filter((f) => (f as ServerFact).kind === 'server') as ServerFact[];
const clients = (facts: unknown[]) => facts.filter((f) => (f as ClientFact).kind === 'client') as ClientFact[];

describe('compose configurations and facts', () => {
  const repo = {
    'compose.yaml': [
      'services:',
      '  cache:',
      '    image: redis:7',
      '    command: redis-server --requirepass ${REDIS_PASSWORD:?}',
      '    ports:',
      '      - "127.0.0.1:6379:6379"',
      '',
    ].join('\n'),
    // Merged by default over compose.yaml: the dev configuration.
    'compose.override.yaml': ['services:', '  cache:', '    command: redis-server', '    ports:', '      - "6380:6379"', ''].join('\n'),
    'docker-compose.prod.yml': ['services:', '  cache:', '    restart: always', ''].join('\n'),
  };

  it('emits one server fact per service and configuration, base first with no environment', () => {
    const r = scanTree(composeScanner, repo);
    const facts = servers(r.facts).map((f) => [f.subject, f.environment, f.file, f.auth, f.exposure]);
    expect(facts).toEqual([
      ['compose:.#cache', undefined, 'compose.yaml', 'password', 'loopback'],
      ['compose:.#cache', 'dev', 'compose.override.yaml', 'none', 'public'],
      ['compose:.#cache', 'prod', 'docker-compose.prod.yml', 'password', 'loopback'],
    ]);
  });

  it('keeps an inherited setting pointing at the base file', () => {
    const prod = servers(scanTree(composeScanner, repo).facts).find((f) => f.environment === 'prod')!;
    expect(prod.authAt).toMatchObject({ file: 'compose.yaml', line: 4 });
    expect(prod.credentials).toEqual([expect.objectContaining({ source: 'env', reference: 'REDIS_PASSWORD' })]);
    expect(prod.exposureAt).toMatchObject({ file: 'compose.yaml', line: 6 });
  });

  it('reports the override that drops --requirepass at its own command, and merges ports by key', () => {
    const r = scanTree(composeScanner, repo);
    expect(r.findings.map((f) => [f.ruleId, f.file, f.line, f.severity])).toEqual([
      ['compose-no-auth', 'compose.override.yaml', 3, 'error'],
      ['compose-exposed-port', 'compose.override.yaml', 5, 'error'],
    ]);
  });

  it('reports a base-file problem once, whatever the number of overrides', () => {
    const r = scanTree(composeScanner, {
      'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n    ports: ["6379:6379"]\n',
      'docker-compose.override.yml': 'services:\n  cache:\n    restart: "no"\n',
      'docker-compose.staging.yml': 'services:\n  cache:\n    restart: always\n',
      'docker-compose.prod.yml': 'services:\n  cache:\n    restart: always\n',
    });
    expect(r.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual([
      'compose-no-auth@docker-compose.yml:3',
      'compose-exposed-port@docker-compose.yml:4',
    ]);
    expect(servers(r.facts).map((f) => f.environment)).toEqual([undefined, 'dev', 'prod', 'staging']);
  });

  it('honours !reset and !override', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml': 'services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${PW:?}\n    ports: ["6379:6379"]\n',
      'compose.prod.yaml': 'services:\n  cache:\n    ports: !reset []\n',
      'compose.staging.yaml': 'services:\n  cache:\n    ports: !override ["127.0.0.1:6379:6379"]\n    command: !reset null\n',
    });
    const byEnv = Object.fromEntries(servers(r.facts).map((f) => [f.environment ?? 'base', [f.auth, f.exposure]]));
    expect(byEnv).toEqual({ base: ['password', 'public'], prod: ['password', 'internal'], staging: ['none', 'loopback'] });
  });

  it('resolves interpolation against the .env beside the compose file', () => {
    const r = scanTree(composeScanner, {
      'app/.env': 'REDIS_IMAGE=redis:7.2\nREDIS_BIND=0.0.0.0\n',
      'app/docker-compose.yml': 'services:\n  cache:\n    image: ${REDIS_IMAGE}\n    ports: ["${REDIS_BIND:-127.0.0.1}:6379:6379"]\n    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"]\n',
    });
    expect(servers(r.facts)[0]).toMatchObject({ subject: 'compose:app#cache', product: 'redis', exposure: 'public', auth: 'password' });
  });

  it('follows extends in the same file and in another file', () => {
    const r = scanTree(composeScanner, {
      'common.yml': 'services:\n  redis-base:\n    image: redis:7\n    command: redis-server --requirepass ${PW:?}\n',
      'compose.yaml': [
        'services:',
        '  base:',
        '    image: redis:7',
        '  a:',
        '    extends: base',
        '  b:',
        '    extends:',
        '      file: common.yml',
        '      service: redis-base',
        '    ports: ["6379:6379"]',
        '',
      ].join('\n'),
    });
    const facts = Object.fromEntries(servers(r.facts).map((f) => [f.subject, f.auth]));
    expect(facts).toEqual({ 'compose:.#base': 'none', 'compose:.#a': 'none', 'compose:.#b': 'password' });
    expect(r.findings.find((f) => f.ruleId === 'compose-exposed-port')).toMatchObject({ line: 10, severity: 'warning' });
  });

  it('adds services from include, and refuses an include that leaves the repository', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml': 'include:\n  - infra/redis.yaml\n  - ../outside.yaml\nservices:\n  app:\n    image: node:20\n    environment:\n      REDIS_URL: redis://cache:6379\n',
      'infra/redis.yaml': 'services:\n  cache:\n    image: redis:7\n',
    });
    expect(servers(r.facts).map((f) => f.subject)).toEqual(['compose:.#cache']);
    expect(r.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['compose-no-auth@infra/redis.yaml:3']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'compose.yaml', line: 3, message: expect.stringMatching(/leaves the repository/) })]);
  });

  it('emits client facts for URL variables, with the password source', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml':
        'services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${PW:?}\n  app:\n    image: node\n    environment:\n      REDIS_URL: rediss://:${PW}@cache:6380/0\n',
    });
    expect(clients(r.facts)).toEqual([
      expect.objectContaining({ subject: 'compose:.#app/REDIS_URL', host: 'cache', auth: 'password', tls: true, credentials: [expect.objectContaining({ source: 'env', reference: 'PW' })] }),
    ]);
  });

  it('uses env_file values for the container, without reporting the env file’s literals', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml': 'services:\n  cache:\n    image: bitnami/redis:7.2\n    env_file: redis.env\n',
      'redis.env': 'ALLOW_EMPTY_PASSWORD=yes\n',
    });
    expect(r.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}:${f.column}`)).toEqual(['compose-empty-password-allowed@redis.env:1:1']);
  });

  it('reads a mounted ACL file: no default user means an open default user', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml': 'services:\n  cache:\n    image: redis:7\n    command: redis-server --aclfile /etc/redis/users.acl\n    volumes: ["./users.acl:/etc/redis/users.acl:ro"]\n',
      'users.acl': 'user app on >${APP_PW} ~* +@all\n',
    });
    expect(servers(r.facts)[0].auth).toBe('none');
    expect(r.findings.map((f) => f.ruleId)).toEqual(['compose-no-auth']);
  });
});

describe('bad input', () => {
  it('turns malformed YAML into one diagnostic and goes on with other projects', () => {
    const r = scanTree(composeScanner, {
      'a/docker-compose.yml': 'services:\n  cache:\n    image: redis\n    ports: [6379:6379\n',
      'b/docker-compose.yml': 'services:\n  cache:\n    image: redis\n',
    });
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'a/docker-compose.yml', message: expect.stringMatching(/YAML syntax error/) })]);
    expect(r.findings.map((f) => f.file)).toEqual(['b/docker-compose.yml']);
  });

  it('survives an extends cycle', () => {
    const cycle = ['services:', '  one:', '    image: redis', '    extends: two', '  two:', '    image: redis', '    extends: one', '    command: redis-server'];
    const r = scanTree(composeScanner, { 'compose.yaml': cycle.join('\n') + '\n' });
    expect(servers(r.facts).length).toBe(2);
  });

  it('turns an alias bomb into one diagnostic and no services (compose reads the one positioned YAML tree)', () => {
    // The engine's alias guard refuses such a file first; the scanner on its own must not hang either.
    const bomb = ['x-a: &a ["redis","redis","redis","redis","redis","redis","redis","redis","redis"]'];
    for (const [p, q] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) bomb.push(`x-${p}: &${p} [*${q},*${q},*${q},*${q},*${q},*${q},*${q},*${q},*${q}]`);
    bomb.push('services:', '  one:', '    image: redis', '    command: *g');
    const r = scanTree(composeScanner, { 'compose.yaml': bomb.join('\n') + '\n' });
    expect(servers(r.facts)).toEqual([]);
    expect(r.diagnostics).toEqual([{ file: 'compose.yaml', line: 1, message: 'too many YAML aliases or nodes (alias bomb?); file skipped' }]);
  });
});

describe('URLs with references', () => {
  it('keeps `${PW:?}` whole inside a URL password (its `?` and `:` are not URL syntax)', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml': 'services:\n  app:\n    image: node\n    environment:\n      REDIS_URL: rediss://:${REDIS_PASSWORD:?}@redis.example.com:6380/0\n      OTHER_URL: redis://:${PW:-Zq8vX2mK7pL4wR9t}@redis.example.com\n',
    });
    expect(r.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`)).toEqual(['compose-hardcoded-secret@6:33']);
    expect(clients(r.facts).map((f) => [f.auth, f.credentials[0]?.source, f.host])).toEqual([
      ['password', 'env', 'redis.example.com'],
      ['password', 'literal', 'redis.example.com'],
    ]);
  });
});

describe('client targets across the files of a folder', () => {
  it('finds the Redis a client names in another compose file of the folder', () => {
    const r = scanTree(composeScanner, {
      'docker-compose.yml': 'services:\n  app:\n    image: node\n    environment:\n      REDIS_URL: redis://queue:6379\n',
      'docker-compose.redis.yml': 'services:\n  queue:\n    image: redis:7\n    ports: ["127.0.0.1:6379:6379"]\n',
    });
    // The open server is reported once; the client pointing at it is not reported again.
    expect(r.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['compose-no-auth@docker-compose.redis.yml:3']);
    // One fact per subject and environment: the environment-less override only adds its own service.
    expect(r.facts.map((f) => `${f.subject}@${f.environment ?? '-'}`)).toEqual(['compose:.#queue@-', 'compose:.#app/REDIS_URL@-']);
  });
});

describe('odd shapes never crash', () => {
  it.each([
    ['services as a list', 'services:\n  - redis\n'],
    ['a service with no body', 'services:\n  cache:\n'],
    ['scalars where collections belong', 'services:\n  cache:\n    image: redis\n    environment: REDIS_PASSWORD\n    ports: "6379:6379"\n    volumes: ./x\n    command: 12\n    healthcheck: yes\n'],
    ['collections where scalars belong', 'services:\n  cache:\n    image: [redis]\n    network_mode: {a: 1}\n    extends: [x]\n'],
    ['a top-level scalar', 'redis\n'],
    ['an empty file', ''],
    ['unbalanced interpolation', 'services:\n  cache:\n    image: redis\n    command: redis-server --requirepass ${PW:-abc\n    ports: ["${P:-6379:6379"]\n'],
    ['empty command forms', 'services:\n  a:\n    image: redis\n    command: []\n  b:\n    image: redis\n    command: ""\n  c:\n    image: redis\n    command: null\n'],
  ])('%s', (_name, text) => {
    // Offered to the scanner whether or not detect() would claim it.
    const { ctx } = createContext(writeTree({ 'docker-compose.yml': text }));
    const r = composeScanner.scan([ctx.readFile('docker-compose.yml')!], ctx);
    expect(Array.isArray(r.findings)).toBe(true);
    for (const f of r.findings) expect(f.line).toBeGreaterThan(0);
  });
});

describe('env_file clients', () => {
  it('keeps the fact of a URL from an env_file but leaves its finding to the dotenv checks', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml': 'services:\n  app:\n    image: node\n    env_file: .env\n    environment:\n      OTHER_URL: redis://other.example.com:6379\n',
      '.env': 'REDIS_URL=redis://redis.example.com:6379\n',
    });
    expect(clients(r.facts).map((f) => [f.subject, f.auth, f.authAt.file])).toEqual([
      ['compose:.#app/REDIS_URL', 'none', '.env'],
      ['compose:.#app/OTHER_URL', 'none', 'compose.yaml'],
    ]);
    expect(r.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['compose-client-no-auth@compose.yaml:6']);
  });
});

describe('dedupe', () => {
  it('keeps the most severe sighting of a base-file problem, with its own message', () => {
    const r = scanTree(composeScanner, {
      'compose.yaml': 'services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${PW:?}\n    ports: ["6379:6379"]\n',
      'compose.override.yaml': 'services:\n  cache:\n    command: redis-server\n',
    });
    const port = r.findings.filter((f) => f.ruleId === 'compose-exposed-port');
    expect(port).toHaveLength(1);
    expect(port[0]).toMatchObject({ file: 'compose.yaml', line: 5, severity: 'error', message: expect.stringContaining('no password') });
    expect(port[0].message).toContain('Seen with `compose.override.yaml` merged over `compose.yaml`');
  });
});

describe('the label names the file that defines the service', () => {
  const files = {
    'docker-compose.yml': 'services:\n  redis:\n    image: redis:7\n    command: redis-server --requirepass ${PW:?}\n',
    'docker-compose.dev.yml': 'services:\n  redis:\n    ports: ["6379:6379"]\n  replica:\n    image: redis:7\n    command: redis-server --replicaof redis 6379\n',
  };
  const labels = () =>
    Object.fromEntries(
      scanTree(composeScanner, files)
        .facts.filter((f) => f.environment === 'dev')
        .map((f) => [f.subject, f.label]),
    );

  it('an override that adds a service (Lago dev stack): the override', () => {
    expect(labels()['compose:.#replica']).toBe('compose service replica (docker-compose.dev.yml)');
  });

  it('a service the base defines and the override changes: the base', () => {
    expect(labels()['compose:.#redis']).toBe('compose service redis (docker-compose.yml)');
  });
});
