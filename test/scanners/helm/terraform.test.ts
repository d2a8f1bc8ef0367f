/**
 * Terraform `helm_release`: the chart named by `chart`/`repository`, `values = [file(...),
 * templatefile(...), yamlencode({...}), <<EOF ... EOF]` and `set`/`set_sensitive` layered as the
 * provider hands them to Helm; positions on the .tf or values file line that sets each value.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { helmScanner } from '../../../scanners/helm';
import { detectTerraform } from '../../../scanners/helm/terraform';
import { parseHcl } from '../../../scanners/helm/hcl';
import type { ServerFact } from '../../../src/core/facts';

function repo(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'helm-tf-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { ctx } = createContext(root);
  const given = Object.entries(files)
    .filter(([path, text]) => helmScanner.detect(path, text))
    .map(([path, text]) => ({ path, absPath: join(root, path), text }));
  const r = helmScanner.scan(given, ctx);
  return { ...r, servers: r.facts as ServerFact[] };
}
const at = (f: ServerFact) => `${f.authAt.file}:${f.authAt.line}`;

const release = (body: string) => `resource "helm_release" "redis" {\n  name       = "redis"\n  repository = "https://charts.bitnami.com/bitnami"\n  chart      = "redis"\n${body}}\n`;

describe('Terraform helm_release', () => {
  it('reads set blocks (string and boolean values) per environment folder', () => {
    const r = repo({
      'envs/staging/redis.tf': release('  set {\n    name  = "auth.enabled"\n    value = "false"\n  }\n'),
      'envs/prod/redis.tf': release('  set {\n    name  = "auth.enabled"\n    value = true\n  }\n  set_sensitive {\n    name  = "auth.password"\n    value = var.redis_password\n  }\n'),
    });
    expect(r.servers.map((f) => [f.subject, f.environment, f.auth, f.credentials.map((c) => c.source).join(), at(f)]).sort()).toEqual([
      ['helm:envs/prod/redis.tf:redis#.', 'prod', 'password', 'env', 'envs/prod/redis.tf:7'],
      ['helm:envs/staging/redis.tf:redis#.', 'staging', 'none', '', 'envs/staging/redis.tf:7'],
    ]);
    expect(r.findings.map((f) => [f.ruleId, `${f.file}:${f.line}`])).toEqual([['helm-auth-disabled', 'envs/staging/redis.tf:7']]);
  });

  it('layers file(), yamlencode() and heredoc values, then set; a literal password is reported where it is written', () => {
    const body = [
      '  values = [',
      '    file("${path.module}/values/redis-prod.yaml"),',
      '    yamlencode({',
      '      master = { service = { type = "LoadBalancer" } }',
      '    }),',
      '    <<-EOT',
      '      auth:',
      '        password: Zt6vQ9rKx2LpM5nB',
      '    EOT',
      '  ]',
      '',
    ].join('\n');
    const r = repo({ 'infra/redis.tf': release(body), 'infra/values/redis-prod.yaml': 'architecture: standalone\nauth:\n  enabled: true\n' });
    expect(r.servers.map((f) => [f.subject, f.environment, f.auth, f.exposure, f.credentials.map((c) => `${c.source}@${c.at?.line}`).join()])).toEqual([
      // The values file is part of the release: not a second Redis of its own.
      ['helm:infra/redis.tf:redis#.', 'prod', 'password', 'public', 'literal@12'],
    ]);
    expect(r.findings.map((f) => [f.ruleId, `${f.file}:${f.line}`]).sort()).toEqual([
      ['helm-hardcoded-password', 'infra/redis.tf:12'],
      ['helm-service-exposed', 'infra/redis.tf:8'],
    ]);
  });

  it('reads the provider 3 list form of set and a "${file(...)}" template; ignores other charts and releases it cannot read', () => {
    const body = '  values = ["${file("values.yaml")}"]\n  set = [\n    { name = "auth.enabled", value = "false" },\n  ]\n';
    const r = repo({ 'redis.tf': release(body), 'values.yaml': 'architecture: standalone\n' });
    expect(r.servers.map((f) => [f.auth, at(f)])).toEqual([['none', 'redis.tf:7']]);
    const other = repo({ 'main.tf': 'resource "helm_release" "pg" {\n  chart = "postgresql"\n  set {\n    name = "auth.enabled"\n    value = false\n  }\n}\n# redis is elsewhere\n' });
    expect(other.servers).toEqual([]);
    // OT-Container-Kit's `redis` chart is not Bitnami's: read as the operator's chart, it has no
    // password until `redisStandalone.redisSecret` names a Secret (Bitnami's would generate one).
    const ot = repo({ 'redis.tf': 'resource "helm_release" "redis_user" {\n  repository = "https://ot-container-kit.github.io/helm-charts/"\n  chart      = "redis"\n}\n' });
    expect(ot.servers.map((f) => [f.product, f.auth])).toEqual([['redis', 'none']]);
    const otSecret = repo({ 'redis.tf': 'resource "helm_release" "redis_user" {\n  repository = "https://ot-container-kit.github.io/helm-charts/"\n  chart      = "redis"\n  set {\n    name  = "redisStandalone.redisSecret.secretName"\n    value = "redis-secret"\n  }\n}\n' });
    expect(otSecret.servers.map((f) => [f.auth, f.credentials[0]?.source])).toEqual([['password', 'secret-ref']]);
    const bitnami = repo({ 'redis.tf': 'resource "helm_release" "cache" {\n  chart = "../charts/redis-17.9.3.tgz"\n}\n' });
    expect(bitnami.servers.map((f) => [f.subject, f.auth])).toEqual([['helm:redis.tf:cache#.', 'password']]);
  });

  it('parses hostile HCL without throwing', () => {
    for (const text of ['resource "helm_release" "x" {', '"unterminated', '<<EOF\nno end', '{'.repeat(5000), `a = ${'['.repeat(5000)}`, 'x = "${"${"${"}"}"}"', '/* open']) {
      expect(() => parseHcl(text)).not.toThrow();
    }
    expect(parseHcl('resource "helm_release" "r" {\n  chart = "redis"\n}\n').blocks[0]).toMatchObject({ type: 'resource', labels: ['helm_release', 'r'] });
  });
});

describe('HCL at scale', () => {
  it('reads a large file of opaque expressions in linear time', () => {
    const text = 'locals {\n' + Array.from({ length: 10_000 }, (_, i) => `  v${i} = var.a${i} + 1\n`).join('') + '}\n';
    const body = parseHcl(text);
    expect(body.blocks[0].body.attributes).toHaveLength(10_000);
  });
});

describe('detectTerraform', () => {
  it('claims a helm_release that names any Redis-family chart (the words of src/core/redis-names), nothing else', () => {
    const release = (chart: string) => `resource "helm_release" "cache" {\n  chart = "${chart}"\n}\n`;
    for (const chart of ['redis', 'valkey', 'keydb', 'oci://ghcr.io/dragonflydb/dragonfly/helm/dragonfly']) expect(detectTerraform(release(chart))).toBe(true);
    expect(detectTerraform(release('postgresql'))).toBe(false);
    expect(detectTerraform('variable "redis_password" {}\n')).toBe(false);
  });
});
