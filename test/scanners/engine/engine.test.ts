import { describe, expect, it } from 'vitest';
import { runScan } from '../../../src/engine/run';
import { defaultConfig, resolveConfig } from '../../../src/engine/config';
import type { Scanner } from '../../../src/engine/kit/contract';
import { fakeScanner, makeRepo } from './helpers';

const where = (fs: { file: string; line: number; ruleId: string }[]) => fs.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

describe('runScan', () => {
  it('offers each candidate to the scanners in order, first claim wins, one scan call per scanner', () => {
    const root = makeRepo({
      'a.conf': 'sentinel-ish conf\nBAD\n',
      'b.conf': 'conf\nok\nBAD\n',
      'deploy/values.yaml': 'yaml: 1\n# BAD\n',
      'README.md': 'conf BAD\n',
    });
    const sentinelCalls: string[][] = [];
    const confCalls: string[][] = [];
    const yamlCalls: string[][] = [];
    const scanners: Scanner[] = [
      fakeScanner('sentinel', 'sentinel', sentinelCalls),
      fakeScanner('redis-conf', 'conf', confCalls),
      fakeScanner('helm', 'yaml', yamlCalls),
    ];
    const outcome = runScan({ root, scanners, config: defaultConfig() });
    expect(sentinelCalls).toEqual([['a.conf']]);
    expect(confCalls).toEqual([['b.conf']]);
    expect(yamlCalls).toEqual([['deploy/values.yaml']]);
    expect(where(outcome.findings)).toEqual(['a.conf:2 sentinel-bad', 'b.conf:3 redis-conf-bad', 'deploy/values.yaml:2 helm-bad']);
    expect(outcome.filesScanned).toBe(3);
    expect(outcome.findings[0].helpUri).toMatch(/docs\/checks\/sentinel-bad\.md$/);
  });

  it('turns a scanner that throws into a diagnostic for that file only', () => {
    const root = makeRepo({ 'a.conf': 'conf BAD\n', 'b.conf': 'conf THROW\n', 'c.conf': 'conf\nBAD\n' });
    const outcome = runScan({ root, scanners: [fakeScanner('redis-conf', 'conf')], config: defaultConfig() });
    expect(where(outcome.findings)).toEqual(['a.conf:1 redis-conf-bad', 'c.conf:2 redis-conf-bad']);
    expect(outcome.diagnostics).toEqual([{ file: 'b.conf', message: 'redis-conf scanner failed: cannot handle b.conf; file skipped' }]);
  });

  it('keeps every diagnostic on one line', () => {
    const root = makeRepo({ 'a.conf': 'conf\n' });
    const chatty: Scanner = {
      ...fakeScanner('redis-conf', 'conf'),
      scan: (files) => ({ facts: [], findings: [], diagnostics: [{ file: files[0].path, line: 1, message: 'bad thing:\n  at line 1\n  more' }] }),
    };
    expect(runScan({ root, scanners: [chatty], config: defaultConfig() }).diagnostics).toEqual([{ file: 'a.conf', line: 1, message: 'bad thing: at line 1 more' }]);
  });

  it('turns a detect that throws into a diagnostic', () => {
    const root = makeRepo({ 'a.conf': 'conf BAD\n' });
    const broken: Scanner = { ...fakeScanner('sentinel', 'x'), detect: () => { throw new Error('boom'); } };
    const outcome = runScan({ root, scanners: [broken, fakeScanner('redis-conf', 'conf')], config: defaultConfig() });
    expect(where(outcome.findings)).toEqual(['a.conf:1 redis-conf-bad']);
    expect(outcome.diagnostics).toEqual([{ file: 'a.conf', message: 'sentinel detection failed: boom' }]);
  });

  it('applies rule severities, off and ignore globs from the config', () => {
    const root = makeRepo({ 'a.conf': 'conf BAD\n', 'x.yaml': 'yaml BAD\n', 'legacy/c.conf': 'conf BAD\n' });
    const scanners = [fakeScanner('redis-conf', 'conf'), fakeScanner('helm', 'yaml')];
    const config = resolveConfig({ rules: { 'redis-conf-bad': 'note', 'helm-bad': 'off' }, ignore: ['legacy/'] }, 'test');
    const outcome = runScan({ root, scanners, config });
    expect(outcome.findings.map((f) => `${f.file} ${f.severity}`)).toEqual(['a.conf note']);
  });

  it('reads the config file at the root when none is passed, and survives a bad one', () => {
    const good = makeRepo({ 'a.conf': 'conf BAD\n', 'redis-auth.config.json': '{"rules":{"redis-conf-bad":"warning"}}' });
    expect(runScan({ root: good, scanners: [fakeScanner('redis-conf', 'conf')] }).findings[0].severity).toBe('warning');
    const bad = makeRepo({ 'a.conf': 'conf BAD\n', 'redis-auth.config.json': '{"rules":{"redis-conf-bad":"loud"}}' });
    const outcome = runScan({ root: bad, scanners: [fakeScanner('redis-conf', 'conf')] });
    expect(outcome.findings[0].severity).toBe('error');
    expect(outcome.diagnostics).toEqual([
      { file: 'redis-auth.config.json', message: 'invalid configuration: rules.redis-conf-bad must be one of "off", "error", "warning", "note"; using defaults' },
    ]);
  });

  it('suppresses with disable-next-line and disable-file, keeping the reason', () => {
    const root = makeRepo({
      'a.conf': [
        'conf',
        '# redis-auth-disable-next-line redis-conf-bad -- throwaway CI instance',
        'BAD',
        '# redis-auth-disable-next-line other-rule -- does not cover it',
        'BAD',
        '  # redis-auth-disable-next-line',
        'BAD',
        'BAD',
      ].join('\n'),
      'b.conf': 'conf BAD\n# redis-auth-disable-file redis-conf-bad -- generated file\n',
    });
    const outcome = runScan({ root, scanners: [fakeScanner('redis-conf', 'conf')], config: defaultConfig() });
    expect(where(outcome.findings)).toEqual(['a.conf:5 redis-conf-bad', 'a.conf:8 redis-conf-bad']);
    expect(outcome.suppressed.map((s) => `${s.finding.file}:${s.finding.line} by ${s.line} '${s.reason}'`)).toEqual([
      "a.conf:3 by 2 'throwaway CI instance'",
      "a.conf:7 by 6 ''",
      "b.conf:1 by 2 'generated file'",
    ]);
  });

  it('restricts to `only` files and prefers readOverride content', () => {
    const root = makeRepo({ 'a.conf': 'conf BAD\n', 'b.conf': 'conf BAD\n', 'node_modules/x/c.conf': 'conf BAD\n' });
    const outcome = runScan({
      root,
      only: ['b.conf', 'node_modules/x/c.conf', 'README.md', '../outside.conf'],
      readOverride: (p) => (p === 'b.conf' ? 'conf\n\nBAD\n' : undefined),
      scanners: [fakeScanner('redis-conf', 'conf')],
      config: defaultConfig(),
    });
    expect(where(outcome.findings)).toEqual(['b.conf:3 redis-conf-bad']);
  });

  it('reports unreadable candidates as diagnostics and never throws', () => {
    const root = makeRepo({ 'bin.conf': Buffer.from([0x63, 0x00, 0x01]), 'latin1.conf': Buffer.from([0x63, 0xe9, 0x0a]), 'ok.conf': 'conf BAD' });
    const outcome = runScan({ root, paths: ['.', 'missing'], scanners: [fakeScanner('redis-conf', 'conf')], config: defaultConfig() });
    expect(where(outcome.findings)).toEqual(['ok.conf:1 redis-conf-bad']);
    expect(outcome.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'bin.conf: binary file; skipped',
      'latin1.conf: not valid UTF-8; skipped',
      'missing: path not found; skipped',
    ]);
  });
});

describe('alias bombs', () => {
  it('refuses a YAML file whose aliases expand without bound, before any scanner sees it', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    let prev = 'a';
    for (const n of 'bcdefghi') {
      bomb.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    const shared = ['x-base: &base', '  restart: always', 'services:', ...Array.from({ length: 300 }, (_, i) => `  s${i}:\n    <<: *base\n    image: yaml BAD`)];
    const root = makeRepo({ 'bomb.yaml': `yaml: 1\n${bomb.join('\n')}\n`, 'many.yaml': shared.join('\n') + '\n' });
    const calls: string[][] = [];
    const outcome = runScan({ root, scanners: [fakeScanner('helm', 'yaml', calls)], config: defaultConfig() });
    expect(calls).toEqual([['many.yaml']]);
    expect(outcome.findings).toHaveLength(300);
    expect(outcome.diagnostics).toEqual([{ file: 'bomb.yaml', line: 3, message: 'YAML aliases expand without bound (an alias bomb); file skipped' }]);
  });
});

describe('reading', () => {
  it('refuses files behind a symlinked folder that leads outside the root, even when named', async () => {
    const { symlinkSync } = await import('node:fs');
    const { join } = await import('node:path');
    const outside = makeRepo({ 'redis.conf': 'conf BAD\n' });
    const root = makeRepo({ 'ok.conf': 'conf BAD\n' });
    symlinkSync(outside, join(root, 'linked'));
    const outcome = runScan({ root, paths: ['.', 'linked'], scanners: [fakeScanner('redis-conf', 'conf')], config: defaultConfig() });
    expect(where(outcome.findings)).toEqual(['ok.conf:1 redis-conf-bad']);
    expect(outcome.diagnostics).toEqual([{ file: 'linked/redis.conf', message: 'symbolic link points outside the repository; not read' }]);
  });
});
