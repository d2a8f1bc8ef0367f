import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatrix, checkDrift, driftChecks } from '../../../src/drift';
import { client, cred, ref, server } from './build-facts';

const ids = (facts: Parameters<typeof checkDrift>[0]) => checkDrift(facts).findings.map((f) => f.ruleId);

describe('checkDrift: weaker than production', () => {
  it('flags a dev without authentication at the dev line, naming prod and its line', () => {
    const { findings } = checkDrift([
      server({ env: 'dev', file: 'chart/values-dev.yaml', auth: 'none', authLine: 3 }),
      server({ env: 'prod', file: 'chart/values-prod.yaml', auth: 'password', authLine: 5 }),
    ]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      ruleId: 'drift-weaker-than-production',
      category: 'drift',
      severity: 'warning',
      file: 'chart/values-dev.yaml',
      line: 3,
      column: 1,
    });
    expect(f.message).toContain('in dev has no authentication');
    expect(f.message).toContain('set at chart/values-dev.yaml:3');
    expect(f.message).toContain('weaker than prod');
    expect(f.message).toContain('chart/values-prod.yaml:5');
    expect(f.helpUri).toMatch(/docs\/checks\/drift-weaker-than-production\.md$/);
  });

  it('reports a weakness inherited from the base file at the base line, once for every environment sharing it', () => {
    const { findings } = checkDrift([
      server({ env: 'dev', file: 'chart/values-dev.yaml', auth: 'none', authFile: 'chart/values.yaml', authLine: 7 }),
      server({ env: 'staging', file: 'chart/values-staging.yaml', auth: 'none', authFile: 'chart/values.yaml', authLine: 7 }),
      server({ env: 'prod', file: 'chart/values-prod.yaml', auth: 'password', authLine: 2 }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'chart/values.yaml', line: 7, severity: 'warning' });
    expect(findings[0].message).toContain('in dev, staging has no authentication (inherited from chart/values.yaml:7)');
  });

  it('flags a literal secret source in staging when production uses a secret reference', () => {
    const { findings } = checkDrift([
      server({ env: 'staging', file: 'v-staging.yaml', credentials: [cred('literal', ref('v-staging.yaml', 9), 'Zr8xq!Lm3pQw')] }),
      server({ env: 'prod', file: 'v-prod.yaml', credentials: [cred('secret-ref', ref('v-prod.yaml', 4))] }),
    ]);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['drift-weaker-than-production', 'v-staging.yaml', 9]]);
    expect(findings[0].message).toContain('literal in the repository');
    expect(findings[0].message).not.toContain('Zr8xq!Lm3pQw');
  });

  it('reports only the missing authentication, not also the missing secret, when dev has no auth', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'd.yaml', auth: 'none' }),
        server({ env: 'prod', file: 'p.yaml', credentials: [cred('secret-ref', ref('p.yaml', 4))] }),
      ]),
    ).toEqual(['drift-weaker-than-production']);
  });

  it('gives one finding per rule and line, naming every weaker setting on it', () => {
    // Nothing sets TLS in dev: its finding falls back to the auth element, the same line as auth.
    const { findings } = checkDrift([
      server({ env: 'dev', file: 'redis-dev.conf', auth: 'none', authLine: 1, tls: false }),
      server({ env: 'prod', file: 'redis-prod.conf', tls: true, tlsAt: ref('redis-prod.conf', 2) }),
    ]);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['drift-weaker-than-production', 'redis-dev.conf', 1]]);
    expect(findings[0].message).toContain('has no authentication (set at redis-dev.conf:1), weaker than prod');
    expect(findings[0].message).toContain('; redis (helm chart chart) in dev has TLS off (by default), weaker than prod, which uses TLS (redis-prod.conf:2)');
  });

  it('flags TLS off and a public port in dev, each at its own line', () => {
    const { findings } = checkDrift([
      server({ env: 'dev', file: 'd.yml', tls: false, tlsAt: ref('d.yml', 11), exposure: 'public', exposureAt: ref('d.yml', 14) }),
      server({ env: 'prod', file: 'p.yml', tls: true, tlsAt: ref('p.yml', 3), exposure: 'internal' }),
    ]);
    expect(findings.map((f) => f.line)).toEqual([11, 14]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('does not call loopback versus internal drift, in either direction', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'd.yml', exposure: 'loopback' }),
        server({ env: 'prod', file: 'p.yml', exposure: 'internal' }),
      ]),
    ).toEqual([]);
  });

  it('compares protected mode only when neither side has authentication', () => {
    const pm = (env: string, auth: 'none' | 'password', on: boolean) =>
      server({ env, file: `${env}.conf`, auth, protectedMode: on, protectedModeAt: ref(`${env}.conf`, 4) });
    expect(checkDrift([pm('dev', 'none', false), pm('prod', 'none', true)]).findings.map((f) => [f.file, f.line])).toEqual([
      ['dev.conf', 4],
    ]);
    expect(ids([pm('dev', 'password', false), pm('prod', 'password', true)])).toEqual([]);
  });

  it('does not hold missing TLS against a loopback-only server or a client of localhost', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'd.conf', exposure: 'loopback', tls: false }),
        server({ env: 'prod', file: 'p.conf', exposure: 'internal', tls: true }),
      ]),
    ).toEqual([]);
    const local = client({ env: 'dev', file: '.env.development', tls: false });
    expect(ids([{ ...local, host: '127.0.0.1' }, client({ env: 'prod', file: '.env.production', tls: true })])).toEqual([]);
    // Production itself on loopback without TLS is not weaker either.
    expect(
      ids([
        server({ env: 'staging', file: 's.conf', tls: true }),
        server({ env: 'prod', file: 'p.conf', exposure: 'loopback', tls: false }),
      ]),
    ).toEqual([]);
  });

  it('compares client connections too (TLS on the URL)', () => {
    expect(
      ids([
        client({ env: 'dev', file: '.env.development', tls: false }),
        client({ env: 'prod', file: '.env.production', tls: true }),
      ]),
    ).toEqual(['drift-weaker-than-production']);
  });
});

describe('checkDrift: production weaker', () => {
  it('is an error at the production line, naming the stronger environment', () => {
    const { findings } = checkDrift([
      server({ env: 'dev', file: 'values-dev.yaml', tls: false }),
      server({ env: 'staging', file: 'values-staging.yaml', tls: true, tlsAt: ref('values-staging.yaml', 12) }),
      server({ env: 'prod', file: 'values-prod.yaml', tls: false, tlsAt: ref('values.yaml', 30) }),
    ]);
    // dev is not weaker than prod on TLS (both off); prod is weaker than staging.
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'drift-production-weaker', severity: 'error', file: 'values.yaml', line: 30 });
    expect(findings[0].message).toContain('weaker than staging');
    expect(findings[0].message).toContain('values-staging.yaml:12');
    expect(findings[0].message).toContain('inherited from values.yaml:30');
  });

  it('production dropping the base password in its override is an error', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'docker-compose.override.yml', auth: 'password' }),
        server({ env: 'prod', file: 'docker-compose.prod.yml', auth: 'none' }),
      ]),
    ).toEqual(['drift-production-weaker']);
  });
});

describe('checkDrift: what is not drift', () => {
  it('a subject with only a base file produces nothing', () => {
    expect(ids([server({ file: 'chart/values.yaml', auth: 'none' })])).toEqual([]);
  });

  it('a base fact beside environment facts is not compared', () => {
    expect(
      ids([
        server({ file: 'chart/values.yaml', auth: 'none' }),
        server({ env: 'prod', file: 'chart/values-prod.yaml', auth: 'password' }),
      ]),
    ).toEqual([]);
  });

  it('all environments alike produce nothing', () => {
    const same = (env: string) =>
      server({ env, file: `values-${env}.yaml`, credentials: [cred('secret-ref', ref(`values-${env}.yaml`, 3))], tls: true });
    expect(ids(['dev', 'test', 'staging', 'prod'].map(same))).toEqual([]);
  });

  it('without a production environment there is no reference', () => {
    expect(
      ids([server({ env: 'dev', file: 'd.yaml', auth: 'none' }), server({ env: 'staging', file: 's.yaml', auth: 'password' })]),
    ).toEqual([]);
  });

  it('unknown never counts as weaker or stronger', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'd.yaml', auth: 'none', exposure: 'public', tls: 'unknown' }),
        server({ env: 'prod', file: 'p.yaml', auth: 'unknown', exposure: 'unknown', tls: true }),
      ]),
    ).toEqual([]);
    expect(
      ids([
        server({ env: 'dev', file: 'd.yaml', credentials: [cred('unknown', ref('d.yaml', 2))] }),
        server({ env: 'prod', file: 'p.yaml', credentials: [cred('secret-ref', ref('p.yaml', 2))] }),
      ]),
    ).toEqual([]);
  });

  it('different Redis are never compared with each other', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'a-dev.yaml', subject: 'helm:a#redis', auth: 'none' }),
        server({ env: 'prod', file: 'b-prod.yaml', subject: 'helm:b#redis', auth: 'password' }),
      ]),
    ).toEqual([]);
  });
});

describe('checkDrift: other environment names', () => {
  it('holds a user-mapped name to production', () => {
    const { findings } = checkDrift([
      server({ env: 'acc', file: 'values-acc.yaml', auth: 'none' }),
      server({ env: 'prod', file: 'values-prod.yaml' }),
    ]);
    expect(findings.map((f) => [f.ruleId, f.file])).toEqual([['drift-weaker-than-production', 'values-acc.yaml']]);
    expect(findings[0].message).toContain('in acc has no authentication');
  });

  it('treats prod-eu as production: weaker than prod is an error, and it is a reference for dev', () => {
    const { findings } = checkDrift([
      server({ env: 'dev', file: 'values-dev.yaml', auth: 'none' }),
      server({ env: 'prod-eu', file: 'values-prod-eu.yaml', auth: 'none' }),
      server({ env: 'prod', file: 'values-prod.yaml' }),
    ]);
    expect(findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['drift-weaker-than-production', 'values-dev.yaml'],
      ['drift-production-weaker', 'values-prod-eu.yaml'],
    ]);
  });

  it('a config-mapped file beside the environment\'s own is its own production column', () => {
    // values-eu.yaml is prod only because the config maps `eu` to prod.
    const facts = [
      server({ env: 'dev', file: 'chart/values-dev.yaml', tls: false, tlsAt: ref('chart/values-dev.yaml', 4) }),
      server({ env: 'prod', file: 'chart/values-prod.yaml', tls: true, tlsAt: ref('chart/values-prod.yaml', 6) }),
      server({ env: 'prod', file: 'chart/values-eu.yaml', tls: false, tlsAt: ref('chart/values-eu.yaml', 2) }),
    ];
    expect(buildMatrix(facts).environments).toEqual(['dev', 'prod', 'prod (values-eu.yaml)']);
    expect(buildMatrix(facts).production).toEqual(['prod', 'prod (values-eu.yaml)']);
    const { findings } = checkDrift(facts);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['drift-weaker-than-production', 'chart/values-dev.yaml', 4],
      ['drift-production-weaker', 'chart/values-eu.yaml', 2],
    ]);
    expect(findings[1].message).toContain('in prod (values-eu.yaml) has TLS off');
    expect(findings[1].message).toContain('weaker than prod, which uses TLS (chart/values-prod.yaml:6)');
  });

  it('an environment with several facts is as strong as its weakest', () => {
    const { findings } = checkDrift([
      server({ env: 'prod', file: 'values-prod.yaml', tls: true }),
      server({ env: 'prod', file: 'values-live.yaml', tls: false, tlsAt: ref('values-live.yaml', 8) }),
      server({ env: 'staging', file: 'values-staging.yaml', tls: true, tlsAt: ref('values-staging.yaml', 6) }),
    ]);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['drift-production-weaker', 'values-live.yaml', 8]]);
  });
});

describe('checkDrift: shared literal secret', () => {
  const secret = 'Zr8xq!Lm3pQwT7';

  it('flags the same literal in dev and prod at both lines, masked, as an error', () => {
    const { findings } = checkDrift([
      server({ env: 'dev', file: 'values-dev.yaml', credentials: [cred('literal', ref('values-dev.yaml', 4), secret)] }),
      server({ env: 'prod', file: 'values-prod.yaml', credentials: [cred('literal', ref('values-prod.yaml', 6), secret)] }),
    ]);
    const shared = findings.filter((f) => f.ruleId === 'drift-shared-secret');
    expect(shared.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['values-dev.yaml', 4, 'error'],
      ['values-prod.yaml', 6, 'error'],
    ]);
    for (const f of findings) expect(f.message).not.toContain(secret);
    expect(shared[0].message).toContain('`Zr****T7`');
    expect(shared[0].message).toContain('prod (values-prod.yaml:6)');
  });

  it('flags one base line inherited by dev and prod once', () => {
    const at = ref('values.yaml', 5);
    const shared = checkDrift([
      server({ env: 'dev', file: 'values-dev.yaml', credentials: [cred('literal', at, secret)] }),
      server({ env: 'prod', file: 'values-prod.yaml', credentials: [cred('literal', at, secret)] }),
    ]).findings.filter((f) => f.ruleId === 'drift-shared-secret');
    expect(shared.map((f) => [f.file, f.line])).toEqual([['values.yaml', 5]]);
    expect(shared[0].message).toContain('dev, prod (here)');
  });

  it('names at most five other places', () => {
    const facts = ['dev', 'test', 'staging', 'prod', 'qa', 'uat', 'live', 'stage'].map((env, i) =>
      server({ env, file: `v${i}.yaml`, subject: `helm:c${i}#redis`, credentials: [cred('literal', ref(`v${i}.yaml`, 2), secret)] }),
    );
    const shared = checkDrift(facts).findings.filter((f) => f.ruleId === 'drift-shared-secret');
    expect(shared).toHaveLength(8);
    expect(shared[0].message).toMatch(/\(here\)(, [^,]+ \(v\d\.yaml:2\)){5} and 2 more\./);
  });

  it('is a warning when production is not involved', () => {
    const shared = checkDrift([
      server({ env: 'dev', file: 'a.yaml', credentials: [cred('literal', ref('a.yaml', 1), secret)] }),
      client({ env: 'staging', file: '.env.staging', credentials: [cred('literal', ref('.env.staging', 2), secret)] }),
    ]).findings.filter((f) => f.ruleId === 'drift-shared-secret');
    expect(shared.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('does not flag different secrets, one environment using its own secret twice, or references', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'a.yaml', credentials: [cred('literal', ref('a.yaml', 1), 'dev-only-Secret-1')] }),
        server({ env: 'prod', file: 'b.yaml', credentials: [cred('literal', ref('b.yaml', 1), 'prod-only-Secret-2')] }),
      ]),
    ).toEqual([]);
    expect(
      ids([
        server({ env: 'prod', file: 'values-prod.yaml', credentials: [cred('literal', ref('values-prod.yaml', 3), secret)] }),
        client({ env: 'prod', file: '.env.production', credentials: [cred('literal', ref('.env.production', 1), secret)] }),
      ]),
    ).toEqual([]);
    expect(
      ids([
        server({ env: 'dev', file: 'a.yml', credentials: [cred('literal', ref('a.yml', 1), '${REDIS_PASSWORD}')] }),
        server({ env: 'prod', file: 'b.yml', credentials: [cred('literal', ref('b.yml', 1), '${REDIS_PASSWORD}')] }),
      ]),
    ).toEqual([]);
    expect(
      ids([
        server({ env: 'dev', file: 'a.yml', credentials: [cred('env', ref('a.yml', 1), secret)] }),
        server({ env: 'prod', file: 'b.yml', credentials: [cred('env', ref('b.yml', 1), secret)] }),
      ]),
    ).toEqual([]);
  });

  it('does not flag the same placeholder in several environments', () => {
    expect(
      ids([
        server({ env: 'dev', file: 'a.yaml', credentials: [cred('literal', ref('a.yaml', 1), '<redis-password>')] }),
        server({ env: 'prod', file: 'b.yaml', credentials: [cred('literal', ref('b.yaml', 1), '<redis-password>')] }),
      ]),
    ).toEqual([]);
  });

  it('ignores literals in base facts that no environment uses', () => {
    expect(
      ids([
        server({ file: 'values.yaml', credentials: [cred('literal', ref('values.yaml', 1), secret)] }),
        server({ env: 'prod', file: 'values-prod.yaml', credentials: [cred('literal', ref('values-prod.yaml', 1), secret)] }),
      ]),
    ).toEqual([]);
  });
});

describe('checkDrift: half-formed facts', () => {
  it('never throws, and drops what it cannot read', () => {
    const broken = [
      { ...server({ env: 'dev', file: 'a.yaml', auth: 'none' }), credentials: undefined, authAt: undefined },
      { ...server({ env: 'prod', file: 'b.yaml' }), auth: 'sometimes', exposure: 42, credentials: [null, { source: 'literal' }] },
      { ...server({ env: 'staging', file: 'c.yaml' }), tls: 'maybe', label: undefined },
      { ...server({ env: 'prod', file: 'd.yaml' }), subject: undefined },
      { ...server({ env: 42 as unknown as string, file: 'e.yaml' }) },
      null,
    ] as unknown as Parameters<typeof checkDrift>[0];
    expect(() => checkDrift(broken)).not.toThrow();
    expect(() => buildMatrix(broken)).not.toThrow();
    // prod's auth is unreadable, so dev's missing auth is not provable drift.
    expect(checkDrift(broken).findings.filter((f) => f.message.includes('authentication'))).toEqual([]);
    for (const f of checkDrift(broken).findings) expect(f.message).not.toMatch(/undefined|NaN/);
  });
});

describe('driftChecks', () => {
  it('lists every id checkDrift can emit, each with a docs page', () => {
    expect(driftChecks.map((c) => c.id).sort()).toEqual([
      'drift-production-weaker',
      'drift-shared-secret',
      'drift-weaker-than-production',
    ]);
    for (const c of driftChecks) {
      expect(c.category).toBe('drift');
      expect(existsSync(join(__dirname, '../../../docs/checks', `${c.id}.md`)), `docs/checks/${c.id}.md`).toBe(true);
    }
  });
});

describe('cells and messages agree with what they list', () => {
  it('the shared-secret message counts the places it lists (two dev files, three environments)', () => {
    const secret = 'Zr8qW2xK9pLmT7';
    const facts = [
      server({ env: 'dev', file: 'values-dev.yaml', credentials: [cred('literal', ref('values-dev.yaml', 3), secret)] }),
      server({ env: 'dev', file: 'values-local.yaml', credentials: [cred('literal', ref('values-local.yaml', 4), secret)] }),
      server({ env: 'staging', file: 'values-staging.yaml', credentials: [cred('literal', ref('values-staging.yaml', 5), secret)] }),
      server({ env: 'prod', file: 'values-prod.yaml', credentials: [cred('literal', ref('values-prod.yaml', 6), secret)] }),
    ];
    const shared = checkDrift(facts).findings.filter((f) => f.ruleId === 'drift-shared-secret');
    expect(shared).toHaveLength(4);
    for (const f of shared) {
      const listed = (f.message.match(/\((here|values-[a-z]+\.yaml:\d+)\)/g) ?? []).length;
      expect(f.message).toContain('is used in 4 places across 3 environments (dev, staging, prod)');
      expect(listed).toBe(4);
    }
  });

  it('a cell without a password never shows a secret source (one part open, one with a generated password)', () => {
    const facts = [
      server({ env: 'dev', file: 'values-dev.yaml', auth: 'none' }),
      server({ env: 'dev', file: 'values-local.yaml', auth: 'password', credentials: [cred('generated', ref('values-local.yaml', 2))] }),
      server({ env: 'prod', file: 'values-prod.yaml', auth: 'password', credentials: [cred('secret-ref', ref('values-prod.yaml', 2))] }),
    ];
    const dev = buildMatrix(facts).rows[0].cells.dev!;
    expect([dev.settings.auth.value, dev.settings.secret.value]).toEqual(['none', 'n/a']);
    const prod = buildMatrix([facts[1], { ...facts[2], file: 'values-local.yaml', environment: 'dev' }, facts[2]]).rows[0].cells.dev!;
    expect([prod.settings.auth.value, prod.settings.secret.value]).toEqual(['password', 'generated']);
  });
});
