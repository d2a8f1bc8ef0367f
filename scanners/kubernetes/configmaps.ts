/**
 * redis.conf text kept in ConfigMaps: found by data key or by content, followed from a container's
 * conf path through its volumeMounts and volumes, and analysed by the conf scanner on the
 * ConfigMap's own lines (with the container's command-line arguments when one mounts it).
 */
import type { ServerFact } from '../../src/facts';
import type { Finding } from '../../src/finding';
import type { ConfAnalysis } from '../redis-conf';
import { analyzeEmbedded } from '../helm/embedded-conf';
import { textOf, valueAt, type PScalar } from '../helm/tree';
import type { ContainerInput } from './container';
import { seqMaps, type Resource } from './manifests';

const REDIS_CONF_KEY = /^(redis|valkey|keydb|master|replica|slave|primary)([._-][\w.-]*)?\.conf$|^redis[\w.-]*\.conf$/i;
/** Directives no other common conf format uses. */
const STRONG_DIRECTIVE = /^\s*(requirepass|masterauth|primaryauth|protected-mode|appendonly|appendfsync|maxmemory-policy|aclfile|replicaof|slaveof|cluster-enabled|rename-command|dbfilename|save\s+\d+\s+\d+|tls-auth-clients)\b/im;

export function isRedisConf(key: string, text: string): boolean {
  if (/^\s*sentinel\s+monitor\b/im.test(text)) return false; // sentinel.conf: not a server conf
  if (REDIS_CONF_KEY.test(key)) return true;
  return key.endsWith('.conf') || !key.includes('.') ? STRONG_DIRECTIVE.test(text) : false;
}

interface ConfEntry {
  resource: Resource;
  key: string;
  value: PScalar;
}

export class ConfIndex {
  private readonly byName = new Map<string, Resource>();
  private readonly used = new Set<ConfEntry>();
  private readonly entries = new Map<string, ConfEntry[]>();
  readonly findings: Finding[] = [];

  constructor(resources: Resource[]) {
    for (const r of resources) {
      if (r.kind !== 'ConfigMap') continue;
      this.byName.set(r.name, r);
      const data = valueAt(r.node, ['data']);
      if (data?.kind !== 'map') continue;
      const list: ConfEntry[] = [];
      for (const [key, e] of data.entries) {
        if (e.value.kind !== 'scalar' || typeof e.value.value !== 'string') continue;
        list.push({ resource: r, key, value: e.value });
      }
      this.entries.set(r.name, list);
    }
  }

  /** Analyses the ConfigMap entry a container's conf path comes from, if it is in the scan. */
  analyzeMounted(confPath: string, args: string[], input: ContainerInput, subject: string, label: string, product: ServerFact['product']): ConfAnalysis | undefined {
    const entry = this.resolve(confPath, input);
    if (!entry) return undefined;
    this.used.add(entry);
    const result = analyzeEmbedded(entry.value, {
      args,
      // The container's own args are checked (and their secrets reported) by the container analysis.
      argsExpanded: true,
      reportArgSecrets: false,
      subject,
      label,
      product,
      environment: input.environment,
      protectedModeDefault: input.family === 'bitnami-redis' || input.family === 'bitnami-valkey' ? undefined : false,
    });
    if (!result) return undefined;
    this.findings.push(...result.findings);
    return result.analysis;
  }

  /** ConfigMap confs no container in the scan mounts: checked on their own. */
  analyzeUnused(environmentOf: (path: string) => string | undefined): void {
    for (const list of this.entries.values()) {
      for (const entry of list) {
        if (this.used.has(entry) || !isRedisConf(entry.key, String(entry.value.value))) continue;
        const file = entry.resource.file.path;
        const result = analyzeEmbedded(entry.value, {
          subject: `k8s:ConfigMap/${entry.resource.name}#${entry.key}`,
          label: `${entry.key} in ConfigMap ${entry.resource.name}`,
          environment: environmentOf(file),
        });
        // Without the container we cannot see its --requirepass argument (Helm-rendered Bitnami
        // confs get it from a start script), so an absent password is not reported here.
        if (result) this.findings.push(...result.findings.filter((f) => f.category !== 'missing-auth'));
      }
    }
  }

  private resolve(confPath: string, input: ContainerInput): ConfEntry | undefined {
    for (const mount of seqMaps(valueAt(input.container, ['volumeMounts']))) {
      const mountPath = (textOf(valueAt(mount, ['mountPath'])) ?? '').replace(/\/+$/, '');
      const subPath = textOf(valueAt(mount, ['subPath']));
      const volumeName = textOf(valueAt(mount, ['name']));
      if (!mountPath || !volumeName) continue;
      let fileInVolume: string | undefined;
      if (subPath && mountPath === confPath) fileInVolume = subPath;
      else if (!subPath && confPath.startsWith(`${mountPath}/`)) fileInVolume = confPath.slice(mountPath.length + 1);
      if (!fileInVolume) continue;
      const volume = seqMaps(valueAt(input.pod.spec, ['volumes'])).find((v) => textOf(valueAt(v, ['name'])) === volumeName);
      if (!volume) continue;
      const sources = [valueAt(volume, ['configMap']), ...seqMaps(valueAt(volume, ['projected', 'sources'])).map((s) => valueAt(s, ['configMap']))];
      for (const source of sources) {
        if (source?.kind !== 'map') continue;
        const cmName = textOf(valueAt(source, ['name']));
        if (!cmName) continue;
        // `items` maps data keys to other file names.
        const item = seqMaps(valueAt(source, ['items'])).find((i) => textOf(valueAt(i, ['path'])) === fileInVolume);
        const key = item ? textOf(valueAt(item, ['key'])) : fileInVolume;
        const entry = this.entries.get(cmName)?.find((e) => e.key === key);
        if (entry) return entry;
      }
    }
    return undefined;
  }
}
