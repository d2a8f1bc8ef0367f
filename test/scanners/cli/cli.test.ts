/**
 * End to end: the BUILT binary (`node dist/src/cli/main.js scan …`) on small repositories:
 * exit codes, usage errors, JSON content, SARIF validity, --output, config, suppression, and the
 * last line of defence that no output format ever prints a literal secret.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sarifErrors } from '../format/sarif-validator';
import { CATEGORIES } from '../../../src/core/finding';
import { buildOnce, PACKAGE_ROOT, repo, runCli } from './built-cli';

// Each test runs the binary several times; on a loaded machine that takes a while.
vi.setConfig({ testTimeout: 180_000 });

beforeAll(() => buildOnce(), 180_000);

const WEAK_CONF = 'port 6379\nrequirepass foobared\n';
const GOOD_CONF = 'port 6379\nbind 127.0.0.1\nuser default off\nuser app on #' + 'a'.repeat(64) + ' ~app:* +@read\n';

interface JsonReport {
  findings: { ruleId: string; category: string; severity: string; file: string; line: number; column: number; message: string; helpUri: string }[];
  suppressed: { finding: { ruleId: string; file: string; line: number }; reason: string; line: number }[];
  diagnostics: { file: string; line?: number; message: string }[];
  summary: { findings: number; filesScanned: number };
}

function json(args: string[], cwd: string): { code: number | null; report: JsonReport; stderr: string } {
  const r = runCli(['scan', '--format', 'json', ...args], cwd);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

describe('exit codes', () => {
  it('0 for a clean repository, 1 for findings at or above --fail-on, 0 with --fail-on none', () => {
    expect(runCli(['scan'], repo({ 'redis.conf': GOOD_CONF, 'README.md': '# hi\n' })).code).toBe(0);
    const bad = repo({ 'redis.conf': WEAK_CONF });
    expect(runCli(['scan'], bad).code).toBe(1);
    expect(runCli(['scan', '--fail-on', 'none'], bad).code).toBe(0);
  });

  it('follows --fail-on against the configured severity', () => {
    const root = repo({ 'redis.conf': WEAK_CONF, 'redis-auth.config.json': JSON.stringify({ rules: { 'conf-weak-password': 'warning' } }) });
    expect(runCli(['scan'], root).code).toBe(0);
    expect(runCli(['scan', '--fail-on', 'warning'], root).code).toBe(1);
    expect(runCli(['scan', '--fail-on', 'note'], root).code).toBe(1);
    const off = repo({ 'redis.conf': WEAK_CONF, 'redis-auth.config.json': JSON.stringify({ rules: { 'conf-weak-password': 'off' } }) });
    expect(json([], off).report.findings.map((f) => f.ruleId)).not.toContain('conf-weak-password');
  });

  it('2 and one line on stderr for usage errors', () => {
    const root = repo({ 'redis.conf': WEAK_CONF });
    for (const args of [
      ['scan', '--bogus'],
      ['scan', 'missing-dir'],
      ['scan', '--format', 'xml'],
      ['scan', '--fail-on', 'sometimes'],
      ['scan', '--config', 'nope.json'],
      ['nonsense'],
    ]) {
      const r = runCli(args, root);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('2 with one line naming the file for an invalid config', () => {
    const root = repo({ 'redis.conf': WEAK_CONF, 'redis-auth.config.json': '{"rules": {"conf-weak-password": "loud"}}' });
    const r = runCli(['scan'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'redis-auth scan: redis-auth.config.json: invalid configuration: rules.conf-weak-password must be one of "off", "error", "warning", "note"\n',
    );
    const broken = repo({ 'redis.conf': WEAK_CONF, 'package.json': JSON.stringify({ name: 'x', 'redis-auth': { ignore: 'not-a-list' } }) });
    expect(runCli(['scan'], broken).stderr).toBe('redis-auth scan: package.json#redis-auth: invalid configuration: ignore must be array\n');
  });

  it('--quiet reports errors only; the exit code still follows --fail-on', () => {
    const root = repo({ 'a/redis.conf': WEAK_CONF, 'b/redis.conf': WEAK_CONF, 'redis-auth.config.json': JSON.stringify({ rules: { 'conf-weak-password': 'warning' } }) });
    const quiet = runCli(['scan', '--quiet', '--fail-on', 'warning', '--format', 'json'], root);
    expect(quiet.code).toBe(1);
    expect((JSON.parse(quiet.stdout) as JsonReport).findings.filter((f) => f.severity !== 'error')).toEqual([]);
    expect((JSON.parse(runCli(['scan', '--format', 'json'], root).stdout) as JsonReport).findings.some((f) => f.severity === 'warning')).toBe(true);
  });

  it('prints help with exit 0', () => {
    const r = runCli(['scan', '--help'], repo({}));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--fail-on');
  });
});

describe('json', () => {
  it('lists findings relative to the scan root with positions, category and help URI', () => {
    const root = repo({ 'config/redis.conf': WEAK_CONF });
    const { code, report } = json([], root);
    expect(code).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'conf-weak-password',
        category: 'weak-password',
        severity: 'error',
        file: 'config/redis.conf',
        line: 2,
        column: 13,
        helpUri: expect.stringMatching(/docs\/checks\/conf-weak-password\.md$/),
      }),
    );
    expect(report.summary.filesScanned).toBe(1);
  });

  it('scans named paths only, relative to the current directory', () => {
    const root = repo({ 'a/redis.conf': WEAK_CONF, 'b/redis.conf': WEAK_CONF });
    expect(json(['a'], root).report.findings.every((f) => f.file === 'a/redis.conf')).toBe(true);
    expect(json(['--root', 'b', 'b'], root).report.findings.every((f) => f.file === 'redis.conf')).toBe(true);
  });

  it('lists inline suppressions with their reason, apart from findings', () => {
    const root = repo({ 'redis.conf': 'port 6379\n# redis-auth-disable-next-line conf-weak-password -- local throwaway instance\nrequirepass foobared\n' });
    const { report } = json([], root);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('conf-weak-password');
    expect(report.suppressed).toContainEqual(expect.objectContaining({ reason: 'local throwaway instance', line: 2, finding: expect.objectContaining({ ruleId: 'conf-weak-password', line: 3 }) }));
  });

  it('--output writes the report to a file and nothing to stdout', () => {
    const root = repo({ 'redis.conf': WEAK_CONF });
    const r = runCli(['scan', '--format', 'json', '--output', 'out/report.json'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(root, 'out/report.json'), 'utf8')) as JsonReport;
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('honours config ignores and .gitignore', () => {
    const root = repo({
      'redis.conf': WEAK_CONF,
      'legacy/redis.conf': WEAK_CONF,
      'tmp/redis.conf': WEAK_CONF,
      '.gitignore': 'tmp/\n',
      'redis-auth.config.json': JSON.stringify({ ignore: ['legacy/'] }),
    });
    expect([...new Set(json([], root).report.findings.map((f) => f.file))]).toEqual(['redis.conf']);
  });
});

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with findings, suppressions and notifications', () => {
    const root = repo({
      'deploy dir/redis.conf': WEAK_CONF,
      'ci/redis.conf': '# redis-auth-disable-file -- CI only\nrequirepass foobared\n',
      'broken/docker-compose.yml': 'services:\n  cache:\n    image: redis\n    ports: [\n',
      'blob.conf': Buffer.from([0x70, 0x00, 0x01]),
    });
    const r = runCli(['scan', '--format', 'sarif'], root);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver.rules.length).toBeGreaterThan(10);
    const result = run.results.find((x: { ruleId: string; suppressions?: unknown }) => x.ruleId === 'conf-weak-password' && !x.suppressions);
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'deploy%20dir/redis.conf', uriBaseId: '%SRCROOT%' });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('conf-weak-password');
    expect(result.properties.category).toBe('weak-password');
    expect(run.results.some((x: { suppressions?: { justification: string }[] }) => x.suppressions?.[0].justification === 'CI only')).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text)).toEqual(
      expect.arrayContaining(['binary file; skipped', expect.stringMatching(/^YAML syntax error/)]),
    );
  });
});

describe('bad input', () => {
  function badRepo(): string {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const n of 'bcdefghi') {
      bomb.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    return repo({
      'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n    ports: [\n      - "6379:6379"\n',
      'conf/quoting.conf': 'port 6379\nrequirepass "unbalanced\n',
      'conf/binary.conf': Buffer.from([0x70, 0x6f, 0x72, 0x74, 0x00, 0x01]),
      'conf/latin1.conf': Buffer.from('port 6379\nrequirepass caf\xe9\n', 'latin1'),
      'conf/huge.conf': '# padding\n'.repeat(120_000),
      'conf/escape.conf': 'include ../../../etc/redis/redis.conf\nport 6379\nuser default off\n',
      'bomb/compose.yaml': `services:\n  r:\n    image: redis\n    command: redis-server --requirepass "\${REDIS_PASSWORD:?}"\n${bomb.join('\n')}\n`,
      'good/redis.conf': WEAK_CONF,
    });
  }

  it('gives one line per problem, goes on scanning, and keeps the exit code to the findings', async () => {
    const { symlinkSync } = await import('node:fs');
    const root = badRepo();
    symlinkSync('loop-b.conf', join(root, 'conf/loop-a.conf'));
    symlinkSync('loop-a.conf', join(root, 'conf/loop-b.conf'));
    const r = runCli(['scan', '--format', 'json'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.some((f) => f.file === 'good/redis.conf' && f.ruleId === 'conf-weak-password')).toBe(true);
    const lines = report.diagnostics.map((d) => (d.line ? `${d.file}:${d.line}: ${d.message}` : `${d.file}: ${d.message}`));
    expect(lines).toEqual(
      expect.arrayContaining([
        'conf/binary.conf: binary file; skipped',
        'conf/latin1.conf: not valid UTF-8; skipped',
        expect.stringMatching(/^conf\/huge\.conf: larger than 1 MiB/),
        'conf/loop-a.conf: symbolic link loop; skipped',
        expect.stringMatching(/^conf\/quoting\.conf:2: .*quote/i),
        expect.stringMatching(/^conf\/escape\.conf:1: .*leaves the repository/),
        expect.stringMatching(/^docker-compose\.yml:\d+: YAML syntax error/),
      ]),
    );
    for (const line of lines) expect(line).not.toContain('\n');

    // Stylish prints them apart from findings; with only bad input the exit code stays 0.
    const stylish = runCli(['scan'], root).stdout;
    expect(stylish).toMatch(/file problems \(not findings/);
    const onlyBad = runCli(['scan', 'conf', 'docker-compose.yml', 'bomb'], root);
    expect(onlyBad.code).toBe(0);
  });

  it('refuses a YAML alias bomb in Helm values (read as a base by values-prod.yaml too) and in a manifest', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const n of 'bcdefghi') {
      bomb.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    const root = repo({
      'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 19.0.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n',
      'chart/values.yaml': `redis:\n  auth:\n    enabled: true\n${bomb.join('\n')}\n`,
      'chart/values-prod.yaml': 'redis:\n  auth:\n    enabled: false\n',
      'k8s/redis.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis:7\nx: &x [1,2,3,4,5,6,7,8,9]\n${bomb.slice(1).join('\n').replace('*a', '*x')}\n`,
    });
    const r = runCli(['scan', '--format', 'json', '--fail-on', 'none'], root, 30_000);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.diagnostics).toEqual(
      expect.arrayContaining([
        { file: 'chart/values.yaml', line: 5, message: 'YAML aliases expand without bound (an alias bomb); file skipped' },
        expect.objectContaining({ file: 'k8s/redis.yaml', message: expect.stringMatching(/alias bomb/) }),
      ]),
    );
    // The environment file that is not a bomb is still scanned.
    expect(report.findings.some((f) => f.file === 'chart/values-prod.yaml')).toBe(true);
  });
});

describe('secrets', () => {
  const SECRETS = ['Zq8xK2vL9pW4rTmN', 'Hn3!pQ7zR5tY1uIo', 'Bv6cX9zA2sD4fG7h', 'Mk2Lp9Qw4Er7Ty1U', 'Ws5Ed8Rf1Tg4Yh7J'];
  const root = () =>
    repo({
      'redis.conf': `port 6379\nrequirepass ${SECRETS[0]}\nmasterauth ${SECRETS[1]}\n`,
      'users.acl': `user default off\nuser app on >${SECRETS[1]} ~* +@all\n`,
      'docker-compose.yml': `services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${SECRETS[2]}\n    healthcheck:\n      test: ["CMD", "redis-cli", "-a", "${SECRETS[2]}", "ping"]\n  app:\n    image: node:20\n    environment:\n      REDIS_URL: redis://:${SECRETS[3]}@cache:6379\n`,
      'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 19.0.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n',
      'chart/values.yaml': `redis:\n  auth:\n    enabled: true\n    password: ${SECRETS[4]}\n`,
      '.env': `REDIS_PASSWORD=${SECRETS[3]}\nREDIS_URL=redis://default:${SECRETS[4]}@redis.internal:6379/0\n`,
      'ci/redis.conf': `# redis-auth-disable-next-line -- test instance\nrequirepass ${SECRETS[0]}\n`,
    });

  it('never prints a literal secret, in any format', () => {
    const dir = root();
    const report = json([], dir).report;
    expect(report.findings.filter((f) => f.category === 'hardcoded-secret').length).toBeGreaterThanOrEqual(3);
    for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab']) {
      const r = runCli(['scan', '--format', format], dir);
      expect(r.code, format).toBe(1);
      for (const secret of SECRETS) {
        expect(r.stdout.includes(secret), `${format} prints ${secret}`).toBe(false);
        expect(r.stderr.includes(secret), `${format} prints ${secret} on stderr`).toBe(false);
      }
    }
    expect(existsSync(dir)).toBe(true);
  });
});

describe('demo repository (npm run demo)', () => {
  const DEMO_SECRETS = ['Tq7mVx2Lp9Rw4Kz8', 'Hb4nWq8Zr2Lm6Xt9'];

  it('shows at least one finding of each of the six categories, and exits 0 with --fail-on none', () => {
    // --root: seen from this repository, fixtures/ is the test tier and everything would be a note.
    const r = runCli(['scan', 'fixtures/demo', '--root', 'fixtures/demo', '--fail-on', 'none', '--format', 'json'], PACKAGE_ROOT);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    const categories = new Set(report.findings.map((f) => f.category));
    for (const category of CATEGORIES) expect(categories, category).toContain(category);
    expect(report.diagnostics).toEqual([]);
    expect(report.findings.every((f) => !f.file.startsWith('fixtures/'))).toBe(true);
  });

  it('prints them in the default format without a secret, and fails the build without --fail-on none', () => {
    const r = runCli(['scan', 'fixtures/demo', '--root', 'fixtures/demo'], PACKAGE_ROOT);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ \d+ problems/);
    for (const secret of DEMO_SECRETS) expect(r.stdout).not.toContain(secret);
  });
});
