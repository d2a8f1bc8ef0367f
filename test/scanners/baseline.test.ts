import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding';
import {
  BaselineError,
  baselineSummary,
  compareWithBaseline,
  createBaseline,
  createLineReader,
  fingerprintOf,
  parseBaseline,
  readBaseline,
  scanScope,
  serializeBaseline,
  writeBaseline,
  type LineReader,
} from '../../src/engine/baseline';

/** A line reader over in-memory files. */
function reader(files: Record<string, string>): LineReader {
  return (file, line) => files[file]?.split('\n')[line - 1];
}

/** A hardcoded-secret finding pointing at `secret` on the line of `text` that contains it. */
function secretAt(files: Record<string, string>, file: string, secret: string, occurrence = 0): Finding {
  const lines = files[file].split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(secret) ? [i] : []));
  const i = hits[occurrence];
  const column = lines[i].indexOf(secret) + 1;
  return {
    ruleId: 'conf-hardcoded-password',
    category: 'hardcoded-secret',
    severity: 'error',
    file,
    line: i + 1,
    column,
    endLine: i + 1,
    endColumn: column + secret.length,
    message: `requirepass holds a committed password (${secret.slice(0, 2)}****${secret.slice(-2)}).`,
  };
}

function missingAuth(file: string, line: number, anchor?: string): Finding {
  return {
    ruleId: 'compose-no-auth',
    category: 'missing-auth',
    severity: 'error',
    file,
    line,
    column: 5,
    message: 'Redis service runs without a password.',
    anchor,
  };
}

const SECRET = 'S3cr3t-Very-Long-Password';
const conf = (before: string) => `${before}port 6379\nrequirepass ${SECRET}\n`;

describe('fingerprints', () => {
  it('survive line moves and re-indentation, not edits of the content', () => {
    const salt = 'aa'.repeat(16);
    const a = { 'redis.conf': conf('') };
    const b = { 'redis.conf': conf('# a comment\n\n\n') };
    const c = { 'redis.conf': `port 6379\n   requirepass   ${SECRET}\n` };
    const d = { 'redis.conf': 'port 6379\nrequirepass another-Long-Secret-9\n' };
    const fa = fingerprintOf(secretAt(a, 'redis.conf', SECRET), salt, reader(a));
    expect(fingerprintOf(secretAt(b, 'redis.conf', SECRET), salt, reader(b))).toBe(fa);
    expect(fingerprintOf(secretAt(c, 'redis.conf', SECRET), salt, reader(c))).toBe(fa);
    // A rotated literal is a new leak.
    expect(fingerprintOf(secretAt(d, 'redis.conf', 'another-Long-Secret-9'), salt, reader(d))).not.toBe(fa);
    // Same line in another file, or under another rule: different.
    const other = { 'other.conf': a['redis.conf'] };
    expect(fingerprintOf(secretAt(other, 'other.conf', SECRET), salt, reader(other))).not.toBe(fa);
    expect(fingerprintOf({ ...secretAt(a, 'redis.conf', SECRET), ruleId: 'x' }, salt, reader(a))).not.toBe(fa);
  });

  it('depend on the salt', () => {
    const a = { 'redis.conf': conf('') };
    const f = secretAt(a, 'redis.conf', SECRET);
    expect(fingerprintOf(f, 'aa'.repeat(16), reader(a))).not.toBe(fingerprintOf(f, 'bb'.repeat(16), reader(a)));
  });

  it('use the anchor when the scanner gives one, so an edited line with the same element keeps it', () => {
    const salt = 'cc'.repeat(16);
    const a = { 'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n' };
    const b = { 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n  cache:\n    image: redis:7.2\n' };
    const fa = fingerprintOf(missingAuth('docker-compose.yml', 3, 'services.cache'), salt, reader(a));
    expect(fingerprintOf(missingAuth('docker-compose.yml', 5, 'services.cache'), salt, reader(b))).toBe(fa);
    expect(fingerprintOf(missingAuth('docker-compose.yml', 5, 'services.other'), salt, reader(b))).not.toBe(fa);
  });
});

describe('baseline comparison', () => {
  const before = {
    'redis.conf': conf(''),
    'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n',
  };
  const beforeFindings = [secretAt(before, 'redis.conf', SECRET), missingAuth('docker-compose.yml', 3)];

  it('reports only new findings after lines moved, and lists resolved ones', () => {
    const baseline = createBaseline(beforeFindings, reader(before));
    expect(baseline.findings).toHaveLength(2);
    const after = {
      'redis.conf': conf('# moved down\nbind 0.0.0.0\n'),
      // The compose service got fixed; a new file appeared with a new problem.
      'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${P}\n',
      'sentinel.conf': `sentinel auth-pass m ${SECRET}\n`,
    };
    const moved = secretAt(after, 'redis.conf', SECRET);
    expect(moved.line).toBe(4);
    const fresh = secretAt(after, 'sentinel.conf', SECRET);
    const result = compareWithBaseline([fresh, moved], baseline, reader(after));
    expect(result.baselined).toEqual([moved]);
    expect(result.findings).toEqual([fresh]);
    expect(result.resolved).toEqual([expect.objectContaining({ ruleId: 'compose-no-auth', file: 'docker-compose.yml', line: 3, count: 1 })]);
    expect(baselineSummary(result, '.redis-auth-baseline.json')).toBe(
      '1 known finding in baseline .redis-auth-baseline.json; 1 resolved (run --write-baseline .redis-auth-baseline.json to drop it).',
    );
  });

  it('counts identical lines: two baselined copies cover two, a third is new', () => {
    const two = { 'users.acl': `user a on >${SECRET}\nuser a on >${SECRET}\n` };
    const three = { 'users.acl': `user a on >${SECRET}\nuser b on nopass\nuser a on >${SECRET}\nuser a on >${SECRET}\n` };
    const baseline = createBaseline([0, 1].map((i) => secretAt(two, 'users.acl', SECRET, i)), reader(two));
    expect(baseline.findings).toEqual([expect.objectContaining({ count: 2, line: 1 })]);
    const now = [0, 1, 2].map((i) => secretAt(three, 'users.acl', SECRET, i));
    const result = compareWithBaseline(now, baseline, reader(three));
    expect(result.baselined.map((f) => f.line)).toEqual([1, 3]);
    expect(result.findings.map((f) => f.line)).toEqual([4]);
    expect(result.resolved).toEqual([]);
    // And with one copy removed, one is resolved.
    const one = { 'users.acl': `user a on >${SECRET}\n` };
    const fewer = compareWithBaseline([secretAt(one, 'users.acl', SECRET)], baseline, reader(one));
    expect(fewer.findings).toEqual([]);
    expect(fewer.resolved).toEqual([expect.objectContaining({ count: 1 })]);
  });

  it('does not call files a partial scan skipped resolved', () => {
    const baseline = createBaseline(beforeFindings, reader(before));
    const staged = compareWithBaseline([], baseline, reader(before), scanScope(['redis.conf'], undefined));
    expect(staged.resolved.map((e) => e.file)).toEqual(['redis.conf']);
    const folder = compareWithBaseline([], baseline, reader(before), scanScope(undefined, ['sub/']));
    expect(folder.resolved).toEqual([]);
    expect(compareWithBaseline([], baseline, reader(before), scanScope(undefined, ['.'])).resolved).toHaveLength(2);
    expect(scanScope(undefined, ['deploy'])('deploy/redis.conf')).toBe(true);
    expect(scanScope(undefined, ['deploy'])('deployment/redis.conf')).toBe(false);
  });

  it('keeps the salt when a baseline is rewritten, so fingerprints stay put', () => {
    const first = createBaseline(beforeFindings, reader(before));
    const second = createBaseline(beforeFindings, reader(before), first);
    expect(second).toEqual(first);
    expect(createBaseline(beforeFindings, reader(before)).salt).not.toBe(first.salt);
  });
});

describe('baseline files', () => {
  it('never contain the secret, only hashes and masked messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-baseline-'));
    writeFileSync(join(dir, 'redis.conf'), conf(''));
    const lines = createLineReader(dir);
    const files = { 'redis.conf': conf('') };
    const path = join(dir, '.redis-auth-baseline.json');
    writeBaseline(path, createBaseline([secretAt(files, 'redis.conf', SECRET)], lines));
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(2, -2));
    expect(text).toContain('S3****rd');
    const loaded = readBaseline(path);
    expect(loaded.findings[0]).toMatchObject({ ruleId: 'conf-hardcoded-password', file: 'redis.conf', line: 2, count: 1 });
    expect(loaded.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(loaded.findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(compareWithBaseline([secretAt(files, 'redis.conf', SECRET)], loaded, lines).findings).toEqual([]);
  });

  it('reads lines through an override first (the git index for --staged)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-baseline-'));
    writeFileSync(join(dir, 'redis.conf'), 'on disk\n');
    const lines = createLineReader(dir, (p) => (p === 'redis.conf' ? 'staged\n' : undefined));
    expect(lines('redis.conf', 1)).toBe('staged');
    expect(createLineReader(dir)('redis.conf', 1)).toBe('on disk');
    expect(createLineReader(dir)('missing.conf', 1)).toBeUndefined();
  });

  it('reject what is not a baseline with one line naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redis-auth-baseline-'));
    expect(() => readBaseline(join(dir, 'none.json'))).toThrow(/^cannot read baseline .*none\.json: no such file \(create it with --write-baseline\)$/);
    expect(() => parseBaseline('{', 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{', 'b.json')).toThrow(/^b\.json: not a redis-auth baseline \(invalid JSON/);
    expect(() => parseBaseline('{"findings": []}', 'b.json')).toThrow(/expected "tool": "redis-auth"/);
    expect(() => parseBaseline('{"tool":"redis-auth","version":9,"salt":"x","findings":[]}', 'b.json')).toThrow(/version 9 is not supported/);
    expect(() => parseBaseline('{"tool":"redis-auth","version":1,"salt":"x","findings":[{}]}', 'b.json')).toThrow(/findings\[0\] lacks/);
    expect(() => parseBaseline('{', 'b.json')).toThrow(/^[^\n]*$/);
    const ok = serializeBaseline({ tool: 'redis-auth', version: 1, salt: 'ab', findings: [] });
    expect(parseBaseline(ok, 'b.json').findings).toEqual([]);
  });
});
