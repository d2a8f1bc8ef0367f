import { describe, expect, it } from 'vitest';
import { buildMatrix, checkDrift } from '../../../src/drift';
import { formatTable } from '../../../src/drift/format-table';
import { escapeHtml, formatHtml } from '../../../src/drift/format-html';
import { client, cred, ref, server } from './build-facts';

const SECRET = 'Zr8xq!Lm3pQwT7';

function scenario() {
  return [
    server({ env: 'prod', file: 'chart/values-prod.yaml', credentials: [cred('secret-ref', ref('chart/values-prod.yaml', 4))], tls: true }),
    server({ env: 'dev', file: 'chart/values-dev.yaml', auth: 'none', authLine: 3 }),
    server({ env: 'acc', file: 'chart/values-acc.yaml', credentials: [cred('literal', ref('chart/values-acc.yaml', 5), SECRET)] }),
    server({ env: 'staging', file: 'chart/values-staging.yaml', credentials: [cred('secret-ref', ref('chart/values-staging.yaml', 4))], tls: true }),
    client({ env: 'dev', file: '.env.development', credentials: [cred('literal', ref('.env.development', 1), SECRET)] }),
    client({ env: 'prod', file: '.env.production', credentials: [cred('env', ref('.env.production', 1))], tls: true }),
    server({ file: 'other/values.yaml', subject: 'helm:other#redis', auth: 'none' }),
  ];
}

describe('buildMatrix', () => {
  const matrix = buildMatrix(scenario());

  it('orders columns dev, test, staging, other names, production', () => {
    expect(matrix.environments).toEqual(['dev', 'staging', 'acc', 'prod']);
    expect(matrix.production).toEqual(['prod']);
  });

  it('has one row per Redis with environments, and lists base-only Redis apart', () => {
    expect(matrix.rows.map((r) => r.subject)).toEqual(['dotenv:.#REDIS_URL', 'helm:chart#redis']);
    expect(matrix.baseOnly).toEqual([{ subject: 'helm:other#redis', label: 'redis (helm chart chart)', files: ['other/values.yaml'] }]);
  });

  it('fills each cell with the posture, where each setting comes from, and weaker marks', () => {
    const helm = matrix.rows.find((r) => r.subject === 'helm:chart#redis')!;
    expect(helm.cells.dev).toMatchObject({
      environment: 'dev',
      files: ['chart/values-dev.yaml'],
      grade: 'open',
      settings: {
        auth: { value: 'none', tone: 'bad', at: { file: 'chart/values-dev.yaml', line: 3, column: 1 }, weakerThan: 'prod' },
        secret: { value: 'n/a', tone: 'na' },
        tls: { value: 'off', weakerThan: 'prod' },
        exposure: { value: 'internal', tone: 'good' },
      },
    });
    expect(helm.cells.dev!.weaker).toEqual([
      { dimension: 'auth', than: 'prod', ruleId: 'drift-weaker-than-production', severity: 'warning' },
      { dimension: 'tls', than: 'prod', ruleId: 'drift-weaker-than-production', severity: 'warning' },
    ]);
    expect(helm.cells.acc).toMatchObject({ grade: 'weak', settings: { secret: { value: 'literal', weakerThan: 'prod' } } });
    expect(helm.cells.staging).toMatchObject({ grade: 'strong', weaker: [] });
    expect(helm.cells.prod).toMatchObject({ grade: 'strong', weaker: [] });
    expect(helm.cells.prod!.settings.secret).toEqual({ value: 'secret-ref', tone: 'good', at: { file: 'chart/values-prod.yaml', line: 4, column: 1 } });
  });

  it('leaves null where a Redis has no file for an environment', () => {
    const dotenv = matrix.rows.find((r) => r.kind === 'client')!;
    expect(dotenv.cells.staging).toBeNull();
    expect(dotenv.cells.acc).toBeNull();
    expect(dotenv.cells.dev!.settings.exposure.value).toBe('n/a');
  });

  it('never holds a secret value', () => {
    const json = JSON.stringify(matrix);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('Zr****');
  });

  it('is empty for no facts', () => {
    expect(buildMatrix([])).toEqual({ version: 1, environments: [], production: [], rows: [], baseOnly: [] });
  });
});

describe('formatTable', () => {
  const facts = scenario();
  const text = formatTable(buildMatrix(facts), checkDrift(facts).findings);

  it('prints one column per environment, the settings per Redis, and marks weaker cells', () => {
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Redis \/ setting\s+dev\s+staging\s+acc\s+prod \(reference\)$/);
    const auth = lines.find((l) => /^\s+authentication\s+none \*/.test(l));
    expect(auth, text).toBeDefined();
    expect(auth).toMatch(/none \*\s+password\s+password\s+password$/);
    expect(lines.find((l) => /^\s+secret source\s+-\s+secret-ref\s+literal \*\s+secret-ref$/.test(l)), text).toBeDefined();
    expect(text).toContain('(no file)');
    expect(text).toContain('Not compared (only base files, no environment): redis (helm chart chart)');
    expect(text).not.toContain(SECRET);
  });

  it('lists the findings with their location and a count', () => {
    expect(text).toMatch(/chart\/values-dev\.yaml:3:1 {2}warning {2}.*drift-weaker-than-production/);
    expect(text).toContain('\n6 drift findings (0 errors, 6 warnings)\n');
  });

  it('says so when there is no production environment', () => {
    const facts = [server({ env: 'dev', file: 'd.yaml', auth: 'none' }), server({ env: 'staging', file: 's.yaml' })];
    const table = formatTable(buildMatrix(facts), checkDrift(facts).findings);
    expect(table).toContain('No production environment found: nothing to hold the others to.');
    expect(table).toContain('No drift findings.');
  });

  it('says so when there is nothing to compare', () => {
    expect(formatTable(buildMatrix([]), [])).toBe(
      'No Redis with environment-specific configuration found: nothing to compare.\n\nNo drift findings.\n',
    );
  });
});

describe('formatHtml', () => {
  it('escapes every text it prints', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const facts = [
      server({ env: 'dev', file: 'd<script>.yaml', subject: 'helm:<b>#redis', auth: 'none' }),
      server({ env: 'prod', file: 'p.yaml', subject: 'helm:<b>#redis' }),
    ];
    const html = formatHtml(buildMatrix(facts), checkDrift(facts).findings);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('helm:&lt;b&gt;#redis');
  });

  it('is self-contained: no scripts, no external resources, a CSP that forbids fetches', () => {
    const facts = scenario();
    const html = formatHtml(buildMatrix(facts), checkDrift(facts).findings);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\ssrc=/i);
    expect(html).not.toContain(SECRET);
  });
});
