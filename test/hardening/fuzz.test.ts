/**
 * Property-based hardening (fast-check): generated repositories of redis.conf, ACL, compose, Helm
 * values and .env files, salted with hostile shapes (runs of `${` and `{{`, include cycles and
 * globs, alias merges, backtracking ignore globs, symlinks out of the root, pipes), scanned in
 * process. Every run must finish within a generous CPU and heap budget, never throw, never print a
 * generated secret whole in any format, and never read or write outside its root (a canary
 * secret outside the root must never surface; the folder around the root must stay unchanged).
 * The issue's table rows run first as fixed examples. Runs are bounded so `npm test` stays quick.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/engine/catalog';
import { defaultConfig } from '../../src/engine/config';
import { runScan } from '../../src/engine/run';
import { formatOutcome } from '../../src/cli/format';
import { BUDGET } from './budget';
import * as hostile from './hostile-inputs';
import { expectNoTerminalControls } from './output-checks';

/** Outside every generated root: a secret that must never be read. */
const OUTSIDE = mkdtempSync(join(tmpdir(), 'redis-auth-fuzz-outside-'));
const CANARY = 'CanaryZq7Wx3Pk9Lm2Vb';
writeFileSync(join(OUTSIDE, 'redis.conf'), `port 6379\nrequirepass ${CANARY}\n`);
writeFileSync(join(OUTSIDE, 'values.yaml'), `redis:\n  auth:\n    password: ${CANARY}\n`);

const secret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{11,19}$/);
/** Text that has made regular expressions and parsers backtrack or recurse. */
const hostileRun = fc
  .tuple(fc.constantFrom('${', '{{', '$(', '${A:-', '\\', '"', "'", ' ', '\t', '*', '-a ', ';', '@', ':', '%(', '#{', '}', '\u001b[2J', '\u202e'), fc.integer({ min: 1, max: 3000 }))
  .map(([unit, n]) => unit.repeat(n));
const word = fc.constantFrom('cache', 'redis', 'r1', 'svc', 'a.conf', 'x');
const includeTarget = fc.constantFrom('a.conf', 'b.conf', './*.conf', '*.conf', '../outside.conf', '/etc/redis/a.conf', 'sub/*.conf', 'missing.conf', `${OUTSIDE}/redis.conf`);

const confLine = (pw: string) =>
  fc.oneof(
    fc.constant(`requirepass ${pw}`),
    fc.constant(`masterauth ${pw}`),
    fc.constant(`user default on >${pw} ~* +@all`),
    includeTarget.map((t) => `include ${t}`),
    fc.constantFrom('port 6379', 'bind 0.0.0.0', 'protected-mode no', 'appendonly yes', 'aclfile users.acl', 'replicaof master 6379', 'user default on nopass'),
    hostileRun.map((h) => `requirepass ${h}`),
    hostileRun.map((h) => `# redis-auth-disable-next-line ${h}`),
  );

const conf = (pw: string) => fc.array(confLine(pw), { minLength: 1, maxLength: 8 }).map((lines) => `${lines.join('\n')}\n`);

const compose = (pw: string) =>
  fc
    .record({
      name: word,
      env: fc.constantFrom(`REDIS_PASSWORD: ${pw}`, `REDIS_PASSWORD: \${PW:-${pw}}`, 'ALLOW_EMPTY_PASSWORD: "yes"'),
      command: fc.oneof(fc.constant(`redis-server --requirepass ${pw}`), hostileRun.map((h) => `redis-server --requirepass ${h}`)),
      merges: fc.integer({ min: 0, max: 50 }),
      keys: fc.integer({ min: 0, max: 300 }),
      ports: fc.constantFrom('"6379:6379"', '"127.0.0.1:6379:6379"', '"6379"'),
    })
    .map(({ name, env, command, merges, keys, ports }) => {
      const base = ['x-base: &base', '  image: bitnami/redis:7', '  environment:', `    ${env}`, ...Array.from({ length: keys }, (_, i) => `    K${i}: v`)];
      const services = [`  ${name}:`, '    <<: *base', `    command: ${JSON.stringify(command)}`, `    ports: [${ports}]`, ...Array.from({ length: merges }, (_, i) => `  m${i}:\n    <<: *base`)];
      return `${base.join('\n')}\nservices:\n${services.join('\n')}\n`;
    });

const values = (pw: string) =>
  fc.oneof(
    fc.constant(`redis:\n  auth:\n    enabled: true\n    password: ${pw}\n`),
    hostileRun.map((h) => `redis:\n  auth:\n    password: ${JSON.stringify(h)}\n  commonConfiguration: ${JSON.stringify(`requirepass ${h}`)}\n`),
  );

const dotenv = (pw: string) =>
  fc.oneof(fc.constant(`REDIS_PASSWORD=${pw}\nREDIS_URL=redis://:${pw}@cache:6379\n`), hostileRun.map((h) => `REDIS_PASSWORD=${h}\nREDIS_URL=redis://:${h}@h\n`));

const extras = fc.subarray(
  [
    ['.gitignore', '*a*a*a*a*a*a*a*a*c\n*.min.*\n'],
    ['escape.conf', { symlink: join(OUTSIDE, 'redis.conf') }],
    ['deploy/values-prod.yaml', { symlink: join(OUTSIDE, 'values.yaml') }],
    ['zero.conf', { symlink: '/dev/zero' }],
    ['pipe.conf', { fifo: true }],
    ['redis-auth.config.json', { symlink: '/proc/self/environ' }],
    [`${'a'.repeat(200)}.yml`, 'services:\n  c:\n    image: redis\n'],
  ] as [string, hostile.Entry][],
);

/** A generated repository and the secrets it holds. */
const repository = secret.chain((pw) =>
  fc
    .record({
      a: conf(pw),
      b: conf(pw),
      sub: conf(pw),
      compose: compose(pw),
      values: values(pw),
      dotenv: dotenv(pw),
      extras,
    })
    .map((r) => ({
      secrets: [pw],
      files: {
        'a.conf': r.a,
        'b.conf': r.b,
        'sub/c.conf': r.sub,
        'users.acl': `user default on >${pw} ~* +@all\n`,
        'docker-compose.yml': r.compose,
        'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 20.0.0\n',
        'chart/values.yaml': r.values,
        '.env': r.dotenv,
        ...Object.fromEntries(r.extras),
      },
    })),
);

/** The issue's table (the 20,000-file row is in the slow suite), as fixed first examples. */
const TABLE: { secrets: string[]; files: Record<string, hostile.Entry> }[] = [
  hostile.includeDiamond(),
  hostile.includeGlobFan(),
  hostile.includeRepeated(),
  hostile.composeMergeBomb(),
  hostile.nestedDollarBraces(),
  hostile.helmBraces(),
  hostile.gitignoreBacktracking(),
  hostile.configIgnoreBacktracking(),
  hostile.gitignoreDevZero(),
  hostile.gitignoreFifo(),
  hostile.configToEnviron('redis-auth.config.json'),
  hostile.configToEnviron('package.json'),
  hostile.terminalPaint(),
  hostile.driftPaint(),
  hostile.shortPasswords(),
].map((files) => ({ secrets: [hostile.SECRET], files }));

function snapshot(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((name) => `${name}:${statSync(join(dir, name)).size}:${readFileSync(join(dir, name), 'utf8')}`)
    .join('\n');
}

function scanWithinBudget(repo: { secrets: string[]; files: Record<string, hostile.Entry> }): void {
  const root = hostile.materialize(repo.files);
  const before = snapshot(OUTSIDE);
  const cpu = process.cpuUsage();
  const heap = process.memoryUsage().heapUsed;
  let printed = '';
  let human = '';
  expect(() => {
    const outcome = runScan({ root });
    for (const format of ['json', 'sarif', 'gitlab'] as const) printed += formatOutcome(format, outcome, { checks: catalog() });
    for (const format of ['stylish', 'github'] as const) human += formatOutcome(format, outcome, { checks: catalog() });
    printed += human;
    // A broken config is a usage error in the CLI; the engine with an explicit config must cope too.
    runScan({ root, config: { ...defaultConfig(), ignore: ['*a*a*a*a*c', 'x/**/y'] } });
  }).not.toThrow();
  const used = process.cpuUsage(cpu);
  expect((used.user + used.system) / 1000, 'CPU ms').toBeLessThan(BUDGET.cpuMs);
  expect((process.memoryUsage().heapUsed - heap) / 1024 / 1024, 'heap MB').toBeLessThan(BUDGET.rssMb);
  for (const s of [...repo.secrets, CANARY]) expect(printed).not.toContain(s);
  // Machine formats are JSON (controls escaped by JSON itself); the human ones escape them all.
  expectNoTerminalControls(human);
  expect(snapshot(OUTSIDE)).toBe(before);
}

describe('fuzz: generated hostile repositories', () => {
  it('every scan finishes within budget, never throws, leaks no secret, stays inside its root', () => {
    fc.assert(
      fc.property(repository, (repo) => scanWithinBudget(repo)),
      { numRuns: 25, examples: TABLE.map((t) => [t]), seed: Number(process.env.FUZZ_SEED ?? 1337) },
    );
  }, 240_000);
});
