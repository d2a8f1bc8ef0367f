/**
 * Kubernetes-style env entries (`{ name, value }`, `{ name, valueFrom: { secretKeyRef } }`) as
 * EnvSettings: what a workload container or an app chart's `env` / `extraEnvVars` sets each
 * variable to. One reading for the Kubernetes and Helm scanners.
 */
import type { EnvSetting, SecretSource, SourceRef } from '../../core/facts';
import { isRedisUrl, parseRedisUrl } from '../../core/redis-url';
import { isReference } from '../../core/secrets';
import { entryAt, textOf, valueAt, type PMap, type PNode } from './yaml-tree';

/** A ConfigMap value the scan can see, for `configMapKeyRef` / `envFrom.configMapRef`. */
export type ConfigMapLookup = (name: string, key: string) => { value: string; at: SourceRef } | undefined;

/** `$(PW)` (Kubernetes dependent variables), `${PW}`, `{{ .Values.pw }}`: filled in at deploy time. */
function isDeployTime(text: string): boolean {
  return /\$\(|\$\{|\{\{/.test(text) || isReference(text);
}

/** A Redis URL's host and where its password comes from. */
export function urlInfo(text: string, at: SourceRef): EnvSetting['url'] {
  const url = parseRedisUrl(text.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '__$1__'));
  if (!url) return undefined;
  let password: SecretSource = 'none';
  if (url.password !== undefined && url.password !== '') {
    const raw = parseRedisUrl(text)?.password ?? url.password;
    password = isDeployTime(raw) || /^__\w+__$/.test(url.password) ? 'env' : 'literal';
  }
  return { host: url.host ?? url.socketPath, password, passwordAt: at, tls: url.tls };
}

/** One literal value: empty, a deploy-time expression, a URL or plain text. */
export function literalSetting(name: string, text: string, at: SourceRef): EnvSetting {
  const trimmed = text.trim();
  if (trimmed === '') return { name, source: 'none', at };
  const setting: EnvSetting = isDeployTime(trimmed) && !isRedisUrl(trimmed)
    ? { name, source: 'env', reference: trimmed, at }
    : { name, source: 'literal', value: trimmed, at };
  if (isRedisUrl(trimmed)) setting.url = urlInfo(trimmed, at);
  return setting;
}

export function envEntrySetting(name: string, entry: PMap, configMap?: ConfigMapLookup): EnvSetting {
  const value = entryAt(entry, ['value'])?.value;
  const from = valueAt(entry, ['valueFrom']);
  if (from) {
    const secret = valueAt(from, ['secretKeyRef']);
    if (secret) {
      const reference = `${textOf(valueAt(secret, ['name'])) ?? ''}/${textOf(valueAt(secret, ['key'])) ?? ''}`;
      return { name, source: 'secret-ref', reference, at: secret.at };
    }
    const cm = valueAt(from, ['configMapKeyRef']);
    if (cm) {
      const hit = configMap?.(textOf(valueAt(cm, ['name'])) ?? '', textOf(valueAt(cm, ['key'])) ?? '');
      if (hit) return literalSetting(name, hit.value, hit.at);
    }
    return { name, source: 'unknown', at: from.at };
  }
  const text = textOf(value);
  return literalSetting(name, text ?? '', value?.at ?? entry.at);
}

/** The `env:` list of a container (or a chart's `extraEnvVars`); a map form (`env: { K: v }`) too. */
export function envSettings(node: PNode | undefined, configMap?: ConfigMapLookup): EnvSetting[] {
  const out: EnvSetting[] = [];
  if (node?.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind !== 'map') continue;
      const name = textOf(valueAt(item, ['name']));
      if (name) out.push(envEntrySetting(name, item, configMap));
    }
  } else if (node?.kind === 'map') {
    for (const [name, e] of node.entries) {
      if (e.value.kind === 'map') out.push(envEntrySetting(name, e.value, configMap));
      else out.push(literalSetting(name, textOf(e.value) ?? '', e.value.at));
    }
  }
  return out;
}
