/**
 * One verdict per key and value, whatever the file kind: the same password shapes go through a
 * compose file, a .env file, Helm values, a Kubernetes Deployment's env and a Secret, redis.conf,
 * and the ESLint rules, and every one of them must say the same thing.
 */
import { placesOf } from '../../src/engine/baseline';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding';
import { runScan } from '../../src/engine/run';
import { rules } from '../../rules';
import { makeRepo } from '../scanners/engine/helpers';

type Verdict = 'hardcoded' | 'weak' | 'quiet' | 'unexpanded';

/** YAML double-quoted scalars accept JSON strings. */
const y = (value: string) => JSON.stringify(value);

/** Every place a password sits in each file kind: path -> content, given the env-style name, the key-style name and the value. */
const KINDS: Record<string, (env: string, key: string, value: string) => Record<string, string> | undefined> = {
  compose: (env, _key, value) => ({
    'compose/docker-compose.yml': `services:\n  app:\n    image: node:20\n    environment:\n      REDIS_URL: redis://cache:6379\n      ${env}: ${y(value.replaceAll('$', () => '$$'))}\n  cache:\n    image: redis:7\n    command: ["redis-server", "--requirepass", "$$\${REDIS_PASSWORD:?}"]\n`,
  }),
  dotenv: (env, _key, value) => ({ 'dotenv/.env': `REDIS_HOST=cache.internal\n${env}='${value}'\n` }),
  'helm values': (_env, key, value) => ({ 'helm/values.yaml': `redis:\n  auth:\n    ${key}: ${y(value)}\n` }),
  'helm extraEnvVars': (env, _key, value) => ({
    'helm-env/values.yaml': `app:\n  extraEnvVars:\n    - name: ${env}\n      value: ${y(value)}\n`,
  }),
  'k8s Deployment env': (env, _key, value) => ({
    'k8s-env/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: node:20\n          env:\n            - name: REDIS_HOST\n              value: cache\n            - name: ${env}\n              value: ${y(value)}\n`,
  }),
  'k8s Secret': (_env, key, value) => ({
    'k8s-secret/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: redis-auth\nstringData:\n  ${key}: ${y(value)}\n`,
  }),
  'redis.conf': (_env, key, value) =>
    key === 'password' ? { 'conf/redis.conf': `bind 127.0.0.1\nrequirepass "${value.replaceAll('"', '\\"')}"\n` } : undefined,
};

function verdictOf(findings: readonly Finding[]): Verdict {
  const ids = findings.map((f) => f.ruleId);
  const kinds = new Set<Verdict>(
    findings.flatMap((f): Verdict[] =>
      /not-expanded|unexpanded/.test(f.ruleId) ? ['unexpanded'] : f.category === 'hardcoded-secret' ? ['hardcoded'] : f.category === 'weak-password' ? ['weak'] : [],
    ),
  );
  if (kinds.size > 1) throw new Error(`more than one verdict: ${ids.join(', ')}`);
  return [...kinds][0] ?? 'quiet';
}

function scanVerdicts(env: string, key: string, value: string): Record<string, Verdict> {
  const files: Record<string, string> = {};
  const dirs: Record<string, string> = {};
  for (const [kind, make] of Object.entries(KINDS)) {
    const made = make(env, key, value);
    if (!made) continue;
    Object.assign(files, made);
    dirs[Object.keys(made)[0].split('/')[0]] = kind;
  }
  const outcome = runScan({ root: makeRepo(files) });
  expect(outcome.diagnostics).toEqual([]);
  const out: Record<string, Verdict> = {};
  // One value in several files is one finding with related locations: judge every place.
  const places = outcome.findings.flatMap(placesOf);
  for (const [dir, kind] of Object.entries(dirs)) out[kind] = verdictOf(places.filter((f) => f.file.startsWith(`${dir}/`)));
  return out;
}

const linter = new Linter({ configType: 'flat' });
function eslintVerdict(value: string): Verdict {
  const messages = linter.verify(
    `import Redis from 'ioredis';\nnew Redis({ host: 'cache.internal', password: ${JSON.stringify(value)} });\n`,
    [
      {
        files: ['**/*.js'],
        plugins: { 'redis-auth': { rules } as never },
        rules: { 'redis-auth/no-hardcoded-credentials': 'error', 'redis-auth/no-weak-password': 'error' },
        languageOptions: { sourceType: 'module' },
      },
    ],
    { filename: 'src/cache.js' },
  );
  const ids = new Set(messages.map((m) => m.ruleId));
  if (ids.size > 1) throw new Error(`more than one verdict: ${[...ids].join(', ')}`);
  return ids.has('redis-auth/no-hardcoded-credentials') ? 'hardcoded' : ids.has('redis-auth/no-weak-password') ? 'weak' : 'quiet';
}

const ALL = [...Object.keys(KINDS), 'ESLint'];

describe('one verdict per value, in every file kind and the ESLint rules', () => {
  const values: [string, Verdict, Partial<Record<string, Verdict>>?][] = [
    ['Xq8vpL2rT9wZk4Hs', 'hardcoded'],
    ['hunter2hunter2', 'hardcoded'],
    ['changeme', 'weak'],
    ['foobared', 'weak'],
    ['short', 'weak'],
    ['<your-redis-password>', 'weak'],
    ['xxxxxxxx', 'weak'],
    ['ENC[AES256_GCM,data:Tr4nZ9w=,iv:q8Z=,tag:k3Y=,type:str]', 'quiet'],
    ['vault:secret/data/redis#password', 'quiet'],
    ['ref+vault://secret/redis#/password', 'quiet'],
    ['<path:secret/data/redis#password>', 'quiet'],
    ['{{ .Values.redis.password }}', 'quiet'],
    // Redis reads its own config: a `${VAR}` there is the password's literal text.
    ['${REDIS_PASSWORD}', 'quiet', { 'redis.conf': 'unexpanded' }],
  ];
  it.each(values)('%j', (value, expected, exceptions = {}) => {
    const got = { ...scanVerdicts('REDIS_PASSWORD', 'password', value), ESLint: eslintVerdict(value) };
    const want = Object.fromEntries(ALL.map((kind) => [kind, exceptions[kind] ?? expected]));
    expect(got).toEqual(want);
  });
});

describe('one answer to "is this key a password?" in every file kind', () => {
  const secret = 'Xq8vpL2rT9wZk4Hs';
  const keys: [env: string, key: string, Verdict][] = [
    ['REDIS_PASSWORD', 'password', 'hardcoded'],
    ['REDIS_PASS', 'redisPassword', 'hardcoded'],
    ['SENTINEL_PASSWORD', 'auth-pass', 'hardcoded'],
    ['REDISCLI_AUTH', 'sentinelPassword', 'hardcoded'],
    ['REDIS_USER_PASSWORD', 'userPassword', 'hardcoded'],
    ['REDIS_PASSWORD_FILE', 'passwordFile', 'quiet'],
    ['REDIS_USE_PASSWORD', 'usePassword', 'quiet'],
    ['REDIS_HOST', 'existingSecretPasswordKey', 'quiet'],
  ];
  it.each(keys)('%s / %s', (env, key, expected) => {
    const got = scanVerdicts(env, key, secret);
    delete got['redis.conf'];
    expect(got).toEqual(Object.fromEntries(Object.keys(got).map((kind) => [kind, expected])));
  });
});
