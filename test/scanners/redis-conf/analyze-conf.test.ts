import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { analyzeConf, redisConfScanner } from '../../../scanners/redis-conf';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-conf-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const brief = (a: ReturnType<typeof analyzeConf>) => a.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`);

describe('analyzeConf positions', () => {
  it('maps lines and columns of embedded text through lineOffset/columnOffset', () => {
    // As a Helm values block scalar: the conf starts on line 13 (offset 12), indented 4.
    const a = analyzeConf('maxmemory 1gb\nrequirepass hunter2hunter2\nprotected-mode no\n', {
      file: 'deploy/values.yaml',
      lineOffset: 12,
      columnOffset: 4,
    });
    expect(brief(a)).toEqual(['conf-hardcoded-password deploy/values.yaml:14:17']);
    expect(a.findings[0]).toMatchObject({ line: 14, column: 17, endColumn: 31 });
    expect(a.fact.authAt).toMatchObject({ file: 'deploy/values.yaml', line: 14, column: 5 });
  });

  it('reports missing auth at the first line of the embedded text', () => {
    const a = analyzeConf('maxmemory 1gb\n', { file: 'values.yaml', lineOffset: 40, columnOffset: 6 });
    expect(brief(a)).toEqual(['conf-no-auth values.yaml:41:7']);
    expect(a.fact.auth).toBe('none');
  });

  it('never prints a secret in full', () => {
    const a = analyzeConf('requirepass Zq8v-Lm3p-Xr7t-Wn2k\nmasterauth foobared\nuser app on >App-Secret-Value-9 ~* +@all\n', { file: 'r.conf' });
    for (const f of a.findings) {
      expect(f.message).not.toMatch(/Zq8v-Lm3p|foobared|App-Secret-Value/);
    }
  });
});

describe('analyzeConf command-line args', () => {
  const argsAt = { file: 'docker-compose.yml', line: 7, column: 14, anchor: 'services.cache.command' };

  it('points findings about args at argsAt (another file)', () => {
    const a = analyzeConf('', { file: 'docker-compose.yml', noConfFile: true, args: ['--requirepass', 'Zq8v-Lm3p-Xr7t-Wn2k'], argsAt, argsExpanded: false });
    expect(brief(a)).toEqual(['conf-hardcoded-password docker-compose.yml:7:14']);
    expect(a.fact.auth).toBe('password');
    expect(a.fact.credentials).toEqual([expect.objectContaining({ source: 'literal', username: 'default' })]);
  });

  it('uses per-argument places when given', () => {
    const a = analyzeConf('', {
      file: 'compose.yaml',
      noConfFile: true,
      args: ['--appendonly', 'yes', '--requirepass', 'foobared'],
      argsAt,
      argRefs: [undefined, undefined, { file: 'compose.yaml', line: 9, column: 11 }, { file: 'compose.yaml', line: 10, column: 11 }],
    });
    expect(brief(a)).toEqual(['conf-weak-password compose.yaml:10:11']);
  });

  it('treats ${VAR} in already-interpolated args as a reference, and can leave secrets to the caller', () => {
    const env = analyzeConf('', { file: 'c.yml', noConfFile: true, args: ['--requirepass', '${REDIS_PASSWORD}'] });
    expect(env.findings).toEqual([]);
    expect(env.fact.credentials[0]).toMatchObject({ source: 'env', reference: 'REDIS_PASSWORD' });
    const quiet = analyzeConf('', { file: 'c.yml', noConfFile: true, args: ['--requirepass', 'Zq8v-Lm3p-Xr7t-Wn2k'], reportArgSecrets: false });
    expect(quiet.findings).toEqual([]);
    expect(quiet.fact.auth).toBe('password');
  });

  it('with no conf file: all interfaces, image protected-mode default, missing auth at argsAt', () => {
    const a = analyzeConf('', { file: 'compose.yaml', noConfFile: true, args: ['--appendonly', 'yes'], argsAt, protectedModeDefault: false });
    expect(brief(a)).toEqual(['conf-no-auth docker-compose.yml:7:14']);
    expect(a.findings[0].severity).toBe('error');
    expect(a.fact).toMatchObject({ auth: 'none', protectedMode: false, exposure: 'unknown' });
  });

  it('lets args override the file: --protected-mode no reported at the arg', () => {
    const a = analyzeConf('bind 0.0.0.0\n', { file: 'redis.conf', args: ['--protected-mode', 'no'], argsAt });
    expect(brief(a)).toEqual(['conf-no-auth redis.conf:1:1', 'conf-protected-mode-off docker-compose.yml:7:14']);
  });
});

describe('analyzeConf severities and facts', () => {
  it('downgrades missing auth to a warning when only loopback or a unix socket listens', () => {
    expect(analyzeConf('bind 127.0.0.1 -::1\n', { file: 'a.conf' }).findings[0].severity).toBe('warning');
    expect(analyzeConf('port 0\nunixsocket /tmp/r.sock\n', { file: 'a.conf' }).findings[0].severity).toBe('warning');
    expect(analyzeConf('bind 0.0.0.0\n', { file: 'a.conf' }).findings[0].severity).toBe('error');
  });
  it('records TLS, protected-mode and product facts', () => {
    const a = analyzeConf('port 0\ntls-port 6379\nprotected-mode yes\nprimaryauth ${P}\n', { file: 'valkey/valkey.conf' });
    expect(a.fact).toMatchObject({ tls: true, tlsAt: { line: 2 }, protectedMode: true, protectedModeAt: { line: 3 }, product: 'valkey' });
  });
  it('keeps scanning after a bad line, with a one-line diagnostic', () => {
    const a = analyzeConf('port 6379\nrequirepass "unbalanced\nprotected-mode no\nmasterauth Zq8v-Lm3p-Xr7t-Wn2k\n', { file: 'r.conf' });
    expect(a.diagnostics).toEqual([expect.objectContaining({ file: 'r.conf', line: 2, column: 13, message: expect.stringMatching(/unbalanced quotes/) })]);
    // The requirepass line could not be read: no verdict, no false missing-auth finding.
    expect(a.fact.auth).toBe('unknown');
    expect(brief(a)).toEqual(['conf-hardcoded-password r.conf:4:12']);
  });
});

describe('include and aclfile inside the repository', () => {
  it('reports a shared include once, at the severity of the conf that exposes it most', () => {
    // The conf scanner used to keep the first sighting (here the loopback conf's warning);
    // it now uses the one dedupe of src/core/finding (the most severe wins).
    const root = repo({
      'a/redis.conf': 'bind 127.0.0.1\ninclude ../common/auth.conf\n',
      'b/redis.conf': 'bind 0.0.0.0\ninclude ../common/auth.conf\n',
      'common/auth.conf': 'requirepass ""\n',
    });
    const { ctx } = createContext(root);
    const files = ['a/redis.conf', 'b/redis.conf'].map((p) => ctx.readFile(p)!);
    const noAuth = redisConfScanner.scan(files, ctx).findings.filter((f) => f.ruleId === 'conf-no-auth');
    expect(noAuth.map((f) => [f.file, f.line, f.severity])).toEqual([['common/auth.conf', 1, 'error']]);
  });

  it('follows globs in alphabetical order, last directive wins, findings point into the included file', () => {
    const root = repo({
      'redis/redis.conf': 'include conf.d/*.conf\n',
      'redis/conf.d/20-auth.conf': 'requirepass Zq8v-Lm3p-Xr7t-Wn2k\n',
      'redis/conf.d/10-dev.conf': 'requirepass ""\n',
    });
    const { ctx } = createContext(root);
    const a = analyzeConf('include conf.d/*.conf\n', { file: 'redis/redis.conf', ctx });
    expect(a.fact.auth).toBe('password');
    expect(brief(a)).toEqual(['conf-hardcoded-password redis/conf.d/20-auth.conf:1:13']);
    expect(a.filesRead).toEqual(['redis/redis.conf', 'redis/conf.d/10-dev.conf', 'redis/conf.d/20-auth.conf']);
  });

  it('ignores a relative glob with no match, as Redis does', () => {
    const { ctx } = createContext(repo({ 'redis.conf': '' }));
    const a = analyzeConf('include conf.d/*.conf\nbind 0.0.0.0\n', { file: 'redis.conf', ctx });
    expect(a.diagnostics).toEqual([]);
    expect(a.fact.auth).toBe('none');
  });

  it('refuses an include that leaves the repository, with a diagnostic, and gives no verdict', () => {
    const { ctx } = createContext(repo({ 'conf/redis.conf': '' }));
    const a = analyzeConf('include ../../etc/redis/secret.conf\n', { file: 'conf/redis.conf', ctx });
    expect(a.diagnostics).toEqual([expect.objectContaining({ file: 'conf/redis.conf', line: 1, message: expect.stringMatching(/leaves the repository/) })]);
    expect(a.fact.auth).toBe('unknown');
  });

  it('guards include cycles', () => {
    const root = repo({ 'a.conf': 'include b.conf\nrequirepass Zq8v-Lm3p-Xr7t-Wn2k\n', 'b.conf': 'include a.conf\n' });
    const { ctx } = createContext(root);
    const a = analyzeConf('include b.conf\nrequirepass Zq8v-Lm3p-Xr7t-Wn2k\n', { file: 'a.conf', ctx });
    expect(a.diagnostics).toEqual([expect.objectContaining({ file: 'b.conf', message: expect.stringMatching(/include cycle: a.conf -> b.conf -> a.conf/) })]);
    expect(a.fact.auth).toBe('password');
  });

  it('finds a container-path aclfile next to the conf, and resolvePath can map it', () => {
    const root = repo({ 'redis/users.acl': 'user default off\n', 'acl/prod.acl': 'user default on nopass\n' });
    const { ctx } = createContext(root);
    expect(analyzeConf('aclfile /usr/local/etc/redis/users.acl\n', { file: 'redis/redis.conf', ctx }).fact.auth).toBe('acl');
    const mapped = analyzeConf('', { file: 'compose.yaml', ctx, noConfFile: true, args: ['--aclfile', '/data/users.acl'], resolvePath: () => 'acl/prod.acl' });
    expect(mapped.fact.auth).toBe('none');
    expect(brief(mapped)).toEqual(['conf-no-auth compose.yaml:1:1']);
  });

  it('scans a file included by another conf only through its includer', () => {
    const root = repo({ 'redis.conf': 'include common.conf\nrequirepass Zq8v-Lm3p-Xr7t-Wn2k\n', 'common.conf': 'maxmemory 1gb\nappendonly yes\n' });
    const { ctx } = createContext(root);
    const files = ['redis.conf', 'common.conf'].map((p) => ctx.readFile(p)!);
    const result = redisConfScanner.scan(files, ctx);
    expect(result.facts.map((f) => f.file)).toEqual(['redis.conf']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['conf-hardcoded-password']);
  });
});

describe('analyzeConf on Helm-templated text', () => {
  it('treats {{ }} values as supplied by Helm', () => {
    const a = analyzeConf('requirepass {{ .Values.auth.password }}\nmasterauth "{{ .Values.auth.password }}"\n', { file: 'templates/configmap.yaml', lineOffset: 5, columnOffset: 4 });
    expect(a.findings).toEqual([]);
    expect(a.fact.auth).toBe('password');
    expect(a.diagnostics).toEqual([]);
  });
});

describe('container paths', () => {
  it('does not map an absolute include onto the including file itself', () => {
    const root = repo({ 'redis/redis.conf': 'include /etc/redis/redis.conf\n' });
    const { ctx } = createContext(root);
    const a = analyzeConf('include /etc/redis/redis.conf\n', { file: 'redis/redis.conf', ctx });
    expect(a.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/is not in the repository/)]);
    expect(a.fact.auth).toBe('unknown');
  });
});

describe('replica evidence across files', () => {
  const findings = (files: Record<string, string>) => {
    const root = repo(files);
    const { ctx } = createContext(root);
    const sources = Object.keys(files).map((p) => ctx.readFile(p)!);
    return redisConfScanner.scan(sources, ctx).findings.filter((f) => f.ruleId === 'conf-replica-no-masterauth');
  };
  const scan = (files: Record<string, string>) => findings(files).map((f) => f.file);
  const messages = (files: Record<string, string>) => findings(files).map((f) => f.message);
  const master = 'requirepass "Zq8v-Lm3p-Xr7t-Wn2k"\n';
  it('uses a protected master in the same or a sibling folder', () => {
    expect(scan({ 'redis/master.conf': master, 'redis/replica.conf': 'replicaof redis-0 6379\n' })).toEqual(['redis/replica.conf']);
    expect(scan({ 'deploy/master/redis.conf': master, 'deploy/replica/redis.conf': 'replicaof cache 6379\n' })).toEqual(['deploy/replica/redis.conf']);
  });
  it('does not tie unrelated top-level projects together unless the host names the master', () => {
    expect(scan({ 'billing/redis.conf': master, 'search/redis.conf': 'replicaof search-primary 6379\n' })).toEqual([]);
    expect(scan({ 'master/redis.conf': master, 'replica/redis.conf': 'replicaof redis-master 6379\n' })).toEqual(['replica/redis.conf']);
  });
  it('names the master the host names, among several top-level projects', () => {
    const files = {
      'billing/redis.conf': master,
      'orders-store/redis.conf': master,
      'replica/redis.conf': 'replicaof orders-store-0.orders 6379\n',
    };
    expect(messages(files)).toEqual([expect.stringContaining('the master config orders-store/redis.conf in this repository')]);
    // A name of two letters says nothing (`db` is in many hosts); the file name `redis` is not in the host.
    expect(scan({ 'db/redis.conf': master, 'replica/redis.conf': 'replicaof db-0 6379\n' })).toEqual([]);
  });
  it('names the first master by scan order when several fit', () => {
    const files = {
      'deploy/a/redis.conf': master,
      'deploy/b/redis.conf': master,
      'deploy/replica/redis.conf': 'replicaof cache 6379\n',
      'cache/redis.conf': master,
      'replica.conf': 'replicaof cache 6379\n',
    };
    expect(messages(files)).toEqual([
      expect.stringContaining('the master config deploy/a/redis.conf in this repository'),
      expect.stringContaining('the master config cache/redis.conf in this repository'),
    ]);
  });
});

describe('Kubernetes args expansion', () => {
  const at = { file: 'k8s/redis.yaml', line: 20, column: 13 };
  const run = (value: string) =>
    analyzeConf('', { file: 'k8s/redis.yaml', noConfFile: true, args: ['--requirepass', value], argsAt: at, argsExpansion: 'kubernetes' });
  it('treats $(VAR) as expanded and ${VAR} as the literal text', () => {
    expect(run('$(REDIS_PASSWORD)').findings).toEqual([]);
    expect(run('$(REDIS_PASSWORD)').fact.credentials[0]).toMatchObject({ source: 'env', reference: 'REDIS_PASSWORD' });
    const literal = run('${REDIS_PASSWORD}');
    expect(literal.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['conf-env-var-not-expanded k8s/redis.yaml:20']);
    expect(literal.findings[0].message).toMatch(/Kubernetes expands only `\$\(VAR\)`/);
  });
});
