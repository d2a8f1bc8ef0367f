import { describe, expect, it } from 'vitest';
import { dotenvScanner } from '../../../scanners/dotenv';
import { dotenvEntries } from '../../../src/engine/kit/dotenv-parse';
import { isTemplate, layeringsOf } from '../../../scanners/dotenv/layers';
import type { ClientFact } from '../../../src/core/facts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext } from '../../../src/engine/kit/context';
import { scanTree, writeTree } from '../compose/tree';

describe('dotenvEntries', () => {
  it('finds keys and values, with export, quotes, comments and multi-line values; the last assignment wins', () => {
    const text = ['# c', 'export A=1', '  B = "two"  # note', "C='x", 'D=not a key', "'", 'A=3', 'E=v # comment'].join('\n');
    const byName = Object.fromEntries(dotenvEntries(text).map((e) => [e.name, [e.line, e.column, e.valueColumn, e.quoted]]));
    expect(byName).toEqual({
      B: [3, 3, 7, true],
      C: [4, 1, 3, true],
      A: [7, 1, 3, false],
      E: [8, 1, 3, false],
    });
  });
});

describe('layering', () => {
  it('knows templates', () => {
    for (const t of ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.production.example', 'api/.env.tpl']) expect(isTemplate(t), t).toBe(true);
    for (const t of ['.env', '.env.local', '.env.production', 'app.env', '.env.test.local']) expect(isTemplate(t), t).toBe(false);
  });
  it('layers .env < .env.local < .env.<mode> < .env.<mode>.local (no .env.local for test)', () => {
    expect(layeringsOf(['.env', '.env.local', '.env.production', '.env.production.local', '.env.test', '.env.example'])).toEqual([
      { layers: ['.env'], file: '.env' },
      { layers: ['.env', '.env.local', '.env.production', '.env.production.local'], file: '.env.production' },
      { layers: ['.env', '.env.test'], file: '.env.test' },
      { layers: ['.env', '.env.local'], file: '.env.local' },
    ]);
  });
});

describe('dotenv scanner', () => {
  it('detects .env, .env.* and *.env files that mention Redis', () => {
    expect(dotenvScanner.detect('.env', 'REDIS_URL=redis://x')).toBe(true);
    expect(dotenvScanner.detect('apps/api/.env.production', 'CACHE=valkey://x')).toBe(true);
    expect(dotenvScanner.detect('deploy/redis.env', 'REDIS_PASSWORD=x')).toBe(true);
    expect(dotenvScanner.detect('.env', 'DATABASE_URL=postgres://x')).toBe(false);
    expect(dotenvScanner.detect('environment.ts', 'REDIS_URL=redis://x')).toBe(false);
  });

  it('emits effective client facts per mode, a value from a lower layer keeping its own file', () => {
    const r = scanTree(dotenvScanner, {
      '.env': 'REDIS_URL=redis://redis:6379\nREDIS_PASSWORD=\n',
      '.env.production': 'REDIS_PASSWORD=${REDIS_PASSWORD_FROM_CI}\n',
      '.env.example': 'REDIS_URL=redis://:<password>@localhost:6379\n',
    });
    const facts = (r.facts as ClientFact[]).map((f) => [f.subject, f.environment, f.file, f.auth, `${f.authAt.file}:${f.authAt.line}`]);
    expect(facts).toEqual([
      ['dotenv:.#REDIS_URL', undefined, '.env', 'none', '.env:1'],
      ['dotenv:.#REDIS_URL', 'prod', '.env.production', 'password', '.env.production:1'],
    ]);
    // REDIS_PASSWORD is the credential of REDIS_URL (same section): one row, not a second Redis.
    const prod = (r.facts as ClientFact[]).find((f) => f.environment === 'prod')!;
    expect(prod.credentials).toEqual([expect.objectContaining({ source: 'env', reference: 'REDIS_PASSWORD_FROM_CI' })]);
    // .env: the empty password is weak, and with it the URL has no password at all.
    expect(r.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['dotenv-no-auth@.env:1', 'dotenv-weak-password@.env:2']);
  });

  it('keeps a password of another section, or one with no URL, as its own row', () => {
    const r = scanTree(dotenvScanner, {
      '.env.production': 'REDIS_CACHE_URL=redis://cache.internal:6379\nREDIS_QUEUE_PASSWORD=${QUEUE_SECRET}\n',
      'worker/.env.production': 'REDIS_PASSWORD_FILE=/run/secrets/redis\n',
    });
    expect((r.facts as ClientFact[]).map((f) => f.subject).sort()).toEqual([
      'dotenv:.#REDIS_CACHE_URL',
      'dotenv:.#REDIS_QUEUE_PASSWORD',
      'dotenv:worker#REDIS_PASSWORD',
    ]);
  });

  it('does not repeat a lower layer’s password as missing in an upper layer', () => {
    const r = scanTree(dotenvScanner, {
      '.env': 'REDIS_PASSWORD=${VAULT_REDIS}\n',
      '.env.staging': 'REDIS_URL=redis://redis.staging.internal:6379\n',
    });
    expect(r.findings).toEqual([]);
  });

  it('never prints a password whole', () => {
    const r = scanTree(dotenvScanner, { '.env.production': 'REDIS_URL=redis://:Zx8vQ2mK7pL4wR9t@cache:6379\nREDIS_PASSWORD=Zx8vQ2mK7pL4wR9t\n' });
    expect(r.findings).toHaveLength(2);
    for (const f of r.findings) expect(f.message).not.toContain('Zx8vQ2mK7pL4wR9t');
  });

  it('turns an unreadable sibling layer into a diagnostic and goes on', () => {
    const root = writeTree({ '.env': 'REDIS_URL=redis://redis.internal:6379\n' });
    writeFileSync(join(root, '.env.production'), Buffer.from([0x52, 0x45, 0xff, 0xfe, 0x3d, 0x0a]));
    const { ctx, diagnostics } = createContext(root);
    const r = dotenvScanner.scan([ctx.readFile('.env')!], ctx);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['dotenv-no-auth']);
    expect(diagnostics).toEqual([expect.objectContaining({ file: '.env.production', message: expect.stringMatching(/UTF-8/) })]);
  });
});
