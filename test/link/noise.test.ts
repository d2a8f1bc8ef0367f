/**
 * Noise control of the link (issue 14 on bull-board: 139 notes): one app-env-unset note per
 * package, none for a package no deployment unit runs, none for test or example code, and a compose
 * URL without a password reported once (the app finding, the compose line its related place).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/engine/run';
import { codeReader } from '../../rules/support/read-source';

process.env.REDIS_AUTH_CACHE = '0';

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-noise-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

function scan(root: string) {
  return runScan({ root, code: codeReader(root) }).findings;
}

const CONNECT = (v: string) => `const Redis = require('ioredis');\nmodule.exports = new Redis(process.env.${v});\n`;
const APP = `services:\n  app:\n    build: .\n    environment:\n      NODE_ENV: production\n  cache:\n    image: redis:7\n    command: redis-server --requirepass \${REDIS_PASSWORD:?}\n`;

describe('app-env-unset', () => {
  it('one note per package, naming every variable read, the other connections related', () => {
    const root = repo({
      'package.json': '{"name":"shop"}',
      'docker-compose.yml': APP,
      'src/a.js': CONNECT('REDIS_URL'),
      'src/b.js': CONNECT('REDIS_URL'),
      'src/c.js': CONNECT('CACHE_URL'),
    });
    const unset = scan(root).filter((f) => f.ruleId === 'app-env-unset');
    expect(unset).toHaveLength(1);
    expect(unset[0]).toMatchObject({ file: 'src/a.js', line: 2, severity: 'note' });
    expect(unset[0].message).toContain('and 2 other connections of this package read `REDIS_URL` and `CACHE_URL`; the deployment unit that runs this package does not set them');
    expect(unset[0].related?.map((r) => `${r.file}:${r.line}`)).toEqual(['src/b.js:2', 'src/c.js:2']);
  });

  it('a package no deployment unit runs (a library, an app deployed elsewhere) gets no note', () => {
    const root = repo({ 'package.json': '{"name":"queue-ui"}', 'src/a.js': CONNECT('REDIS_URL') });
    expect(scan(root).filter((f) => f.ruleId.startsWith('app-'))).toEqual([]);
  });

  it('test and example code is not linked: the deployments do not run it', () => {
    const root = repo({
      'package.json': '{"name":"shop"}',
      'docker-compose.yml': APP,
      'tests/queue.spec.js': CONNECT('REDIS_URL'),
      'examples/basic/index.js': CONNECT('REDIS_URL'),
    });
    expect(scan(root).filter((f) => f.ruleId.startsWith('app-'))).toEqual([]);
  });
});

describe('compose-client-no-auth folds into the app finding of the same URL', () => {
  const COMPOSE = (url: string) =>
    `services:\n  app:\n    build: .\n    environment:\n      REDIS_URL: ${url}\n  cache:\n    image: redis:7\n    command: redis-server --requirepass \${REDIS_PASSWORD:?}\n`;

  it('one finding at the code line; the compose URL is its related place with the compose check named', () => {
    const root = repo({ 'package.json': '{"name":"shop"}', 'docker-compose.yml': COMPOSE('redis://cache:6379'), 'src/a.js': CONNECT('REDIS_URL') });
    const findings = scan(root);
    expect(findings.filter((f) => f.ruleId === 'compose-client-no-auth')).toEqual([]);
    const app = findings.filter((f) => f.ruleId === 'app-password-missing');
    expect(app).toHaveLength(1);
    expect(app[0].related).toEqual([expect.objectContaining({ file: 'docker-compose.yml', line: 5, ruleId: 'compose-client-no-auth' })]);
  });

  it('without code reading that URL the compose finding stays on its own', () => {
    const root = repo({ 'package.json': '{"name":"shop"}', 'docker-compose.yml': COMPOSE('redis://cache:6379'), 'src/a.js': CONNECT('OTHER_URL') });
    const findings = scan(root);
    expect(findings.filter((f) => f.ruleId === 'compose-client-no-auth').map((f) => `${f.file}:${f.line}`)).toEqual(['docker-compose.yml:5']);
  });
});

describe('one finding per cause in a package', () => {
  const COMPOSE = (password: string) =>
    `services:\n  app:\n    build: .\n    environment:\n      REDIS_AUTH: ${password}\n  cache:\n    image: redis:7\n    command: redis-server --requirepass \${REDIS_AUTH:?}\n`;
  const CLIENT = "const Redis = require('ioredis');\nmodule.exports = new Redis({ host: 'cache', password: process.env.REDIS_AUTH });\n";

  it('three connections reading the password one compose line commits: one error at the first, the others related', () => {
    const root = repo({ 'package.json': '{"name":"shop"}', 'docker-compose.yml': COMPOSE('Zq8vLm2Rt9xWk4Pn'), 'src/a.js': CLIENT, 'src/b.js': CLIENT, 'src/c.js': CLIENT });
    const secret = scan(root).filter((f) => f.ruleId === 'app-hardcoded-secret');
    expect(secret).toHaveLength(1);
    expect(secret[0]).toMatchObject({ file: 'src/a.js', line: 2, severity: 'error' });
    expect(secret[0].message).toContain('committed to the deploy config (`Zq****Pn`): `REDIS_AUTH` at docker-compose.yml:5.');
    expect(secret[0].message).toContain('2 other connections of this package read the same settings.');
    expect(secret[0].related?.map((r) => `${r.file}:${r.line}`)).toEqual(['docker-compose.yml:5', 'src/b.js:2', 'src/c.js:2']);
  });

  it('connections of two packages, or set by different lines, stay separate findings', () => {
    const root = repo({
      'package.json': '{"name":"root","private":true,"workspaces":["api","web"]}',
      'api/package.json': '{"name":"api"}',
      'api/docker-compose.yml': COMPOSE('Zq8vLm2Rt9xWk4Pn'),
      'api/src/a.js': CLIENT,
      'web/package.json': '{"name":"web"}',
      'web/docker-compose.yml': COMPOSE('Hy7cNb3Vd6sQa1Mj'),
      'web/src/a.js': CLIENT,
    });
    const secret = scan(root).filter((f) => f.ruleId === 'app-hardcoded-secret');
    expect(secret.map((f) => `${f.file}:${f.line}`)).toEqual(['api/src/a.js:2', 'web/src/a.js:2']);
  });

  it('a literal a base compose file and a dev override both commit names no environment (the base is none)', () => {
    const root = repo({
      'package.json': '{"name":"shop"}',
      'docker-compose.yml': COMPOSE('Zq8vLm2Rt9xWk4Pn'),
      'docker-compose.dev.yml': COMPOSE('Zq8vLm2Rt9xWk4Pn'),
      'src/a.js': CLIENT,
    });
    const [secret] = scan(root).filter((f) => f.ruleId === 'app-hardcoded-secret');
    expect(secret.message).toContain('committed to the deploy config (`Zq****Pn`): `REDIS_AUTH` at docker-compose.yml:5, `REDIS_AUTH` at docker-compose.dev.yml:5.');
    const staging = repo({ 'package.json': '{"name":"shop"}', 'docker-compose.staging.yml': COMPOSE('Zq8vLm2Rt9xWk4Pn'), 'src/a.js': CLIENT });
    expect(scan(staging).find((f) => f.ruleId === 'app-hardcoded-secret')?.message).toContain('committed to the deploy config of staging (`Zq****Pn`)');
  });

  it('a throwaway password a dev stack commits is a note; a generated-looking one there stays an error', () => {
    const local = (password: string) => repo({ 'package.json': '{"name":"shop"}', 'docker-compose.local.yml': COMPOSE(password), 'src/a.js': CLIENT });
    const throwaway = scan(local('dev_token')).filter((f) => f.category === 'hardcoded-secret');
    expect(throwaway.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['app-hardcoded-secret note']);
    const real = scan(local('Zq8vLm2Rt9xWk4Pn')).filter((f) => f.category === 'hardcoded-secret');
    expect(real.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['app-hardcoded-secret error']);
  });
});
