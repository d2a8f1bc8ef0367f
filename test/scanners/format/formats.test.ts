import { describe, expect, it } from 'vitest';
import type { ScanOutcome } from '../../../src/engine/run';
import { formatOutcome } from '../../../src/cli/format';
import type { CheckMeta } from '../../../src/engine/kit/contract';
import { sarifErrors } from './sarif-validator';

const checks: CheckMeta[] = [
  { id: 'conf-no-auth', category: 'missing-auth', defaultSeverity: 'error', description: 'The default user needs no password.' },
  { id: 'compose-port-exposed', category: 'exposure', defaultSeverity: 'warning', description: 'Redis port published on all interfaces.' },
];

function outcome(): ScanOutcome {
  return {
    findings: [
      { ruleId: 'conf-no-auth', category: 'missing-auth', severity: 'error', file: 'config/redis.conf', line: 1, column: 1, message: 'Redis runs without a password: set `requirepass`.' },
      { ruleId: 'not-in-catalogue', category: 'transport', severity: 'note', file: 'config/redis.conf', line: 3, column: 1, message: 'TLS is off.' },
      { ruleId: 'compose-port-exposed', category: 'exposure', severity: 'warning', file: 'deploy dir/docker-compose.yml', line: 7, column: 9, endLine: 7, endColumn: 20, message: 'Port 6379 is published on 0.0.0.0, a,b:c 100%\nsecond line' },
    ],
    suppressed: [
      {
        finding: { ruleId: 'conf-no-auth', category: 'missing-auth', severity: 'error', file: 'ci/redis.conf', line: 2, column: 1, message: 'Redis runs without a password.' },
        reason: 'throwaway CI instance',
        line: 1,
      },
    ],
    diagnostics: [
      { file: 'blob.conf', message: 'binary file; skipped' },
      { file: 'charts/bad.yaml', line: 4, column: 3, message: 'YAML syntax error: bad indentation; document skipped' },
    ],
    facts: [],
    filesScanned: 4,
    filesConsidered: 9,
  };
}

describe('stylish', () => {
  it('groups by file, aligns columns, summarizes and lists diagnostics apart', () => {
    const text = formatOutcome('stylish', outcome(), { checks });
    expect(text).toBe(
      [
        'config/redis.conf',
        '  1:1  error  Redis runs without a password: set `requirepass`.  conf-no-auth',
        '  3:1  note   TLS is off.                                        not-in-catalogue',
        '',
        'deploy dir/docker-compose.yml',
        '  7:9  warning  Port 6379 is published on 0.0.0.0, a,b:c 100% second line  compose-port-exposed',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 note)',
        '  1 suppressed inline (see --format json for the reasons)',
        '',
        '2 file problems (not findings; these files were skipped or partly read):',
        '  blob.conf: binary file; skipped',
        '  charts/bad.yaml:4: YAML syntax error: bad indentation; document skipped',
        '',
      ].join('\n'),
    );
  });
  it('says so when there is nothing to report', () => {
    const text = formatOutcome('stylish', { ...outcome(), findings: [], suppressed: [], diagnostics: [] }, { checks });
    expect(text).toBe('✔ no problems found in 4 files\n');
    const nothing = formatOutcome('stylish', { ...outcome(), findings: [], suppressed: [], diagnostics: [], filesScanned: 0, filesConsidered: 1 }, { checks });
    expect(nothing).toBe('✔ no Redis configuration found (1 candidate file looked at)\n');
  });
});

describe('json', () => {
  it('keeps findings, suppressed (with reasons) and diagnostics apart, with a summary', () => {
    const body = JSON.parse(formatOutcome('json', outcome(), { checks }));
    expect(Object.keys(body)).toEqual(['findings', 'suppressed', 'diagnostics', 'summary']);
    expect(body.findings).toHaveLength(3);
    expect(body.suppressed[0]).toMatchObject({ reason: 'throwaway CI instance', line: 1, finding: { ruleId: 'conf-no-auth', file: 'ci/redis.conf' } });
    expect(body.diagnostics).toHaveLength(2);
    expect(body.summary).toMatchObject({ findings: 3, errors: 1, warnings: 1, notes: 1, suppressed: 1, diagnostics: 2, filesScanned: 4 });
    expect(body.summary.byCategory).toMatchObject({ 'missing-auth': 1, exposure: 1, transport: 1, drift: 0 });
  });
});

describe('github', () => {
  it('writes one escaped workflow command per finding and a warning per diagnostic', () => {
    const lines = formatOutcome('github', outcome(), { checks }).trimEnd().split('\n');
    expect(lines[0]).toBe('::error file=config/redis.conf,line=1,col=1,title=redis-auth conf-no-auth::Redis runs without a password: set `requirepass`.');
    expect(lines[1]).toBe('::notice file=config/redis.conf,line=3,col=1,title=redis-auth not-in-catalogue::TLS is off.');
    expect(lines[2]).toBe(
      '::warning file=deploy dir/docker-compose.yml,line=7,col=9,endLine=7,endColumn=20,title=redis-auth compose-port-exposed::Port 6379 is published on 0.0.0.0, a,b:c 100%25%0Asecond line',
    );
    expect(lines[3]).toBe('::warning file=blob.conf,title=redis-auth%3A file skipped::binary file; skipped');
    expect(lines).toHaveLength(5);
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatOutcome('sarif', outcome(), { checks }));
  const run = log.runs[0];

  it('is valid SARIF 2.1.0', () => {
    expect(sarifErrors(log)).toEqual([]);
  });
  it('describes every catalogue rule, plus ids only findings know', () => {
    expect(run.tool.driver.name).toBe('redis-auth');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['conf-no-auth', 'compose-port-exposed', 'not-in-catalogue']);
    expect(run.tool.driver.rules[1]).toMatchObject({
      shortDescription: { text: 'Redis port published on all interfaces.' },
      helpUri: expect.stringMatching(/docs\/checks\/compose-port-exposed\.md$/),
      defaultConfiguration: { level: 'warning' },
      properties: { category: 'exposure', tags: expect.arrayContaining(['security', 'exposure']), 'security-severity': '5.0' },
    });
    expect(run.tool.driver.rules[1].help.text).toContain('Redis port published on all interfaces.');
  });
  it('points results at repository-relative, percent-encoded URIs with ruleIndex, level and category', () => {
    const exposed = run.results.find((r: { ruleId: string }) => r.ruleId === 'compose-port-exposed');
    expect(exposed).toMatchObject({
      ruleIndex: 1,
      level: 'warning',
      properties: { category: 'exposure' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy%20dir/docker-compose.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 9, endLine: 7, endColumn: 20 } } }],
    });
    expect(Object.keys(exposed.partialFingerprints)).toEqual(['redisAuthFinding/v1']);
  });
  it('keeps inline suppressions as SARIF suppressions with their justification', () => {
    const suppressed = run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions).toEqual([{ kind: 'inSource', state: 'accepted', justification: 'throwaway CI instance' }]);
  });
  it('reports diagnostics as tool execution notifications', () => {
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text)).toEqual([
      'binary file; skipped',
      'YAML syntax error: bad indentation; document skipped',
    ]);
  });
  it('detects an invalid log (the validator can fail)', () => {
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    expect(sarifErrors(broken).length).toBeGreaterThan(0);
  });
});
