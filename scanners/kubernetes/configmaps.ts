/**
 * redis.conf text kept in ConfigMaps: found by data key or by content, followed from a container's
 * conf path through its volumeMounts and volumes, and analysed by the conf scanner on the
 * ConfigMap's own lines (with the container's command-line arguments when one mounts it).
 */
import type { ServerFact } from '../../src/core/facts';
import type { Finding } from '../../src/core/finding';
import type { ConfAnalysis } from '../../src/engine/kit/conf';
import { analyzeEmbedded } from '../../src/engine/kit/conf/embedded';
import { textOf, valueAt, type PNode, type PScalar } from '../../src/engine/kit/yaml-tree';
import { decodeBase64Text } from './secrets';
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

/** The conf a container mounts, analysed with its arguments; `confFile` when it is a file of its own. */
export type MountedConf = ConfAnalysis & { confFile?: string };

interface ConfEntry {
  resource: Resource;
  key: string;
  value: PScalar;
}

export class ConfIndex {
  private readonly used = new Set<ConfEntry>();
  private readonly entries = new Map<string, ConfEntry[]>();
  readonly findings: Finding[] = [];

  constructor(resources: Resource[]) {
    for (const r of resources) {
      if (r.kind !== 'ConfigMap' && r.kind !== 'Secret') continue;
      const list: ConfEntry[] = [];
      // A Secret can carry the conf too (`stringData`, or base64 `data` placed at the value).
      for (const field of r.kind === 'ConfigMap' ? ['data'] : ['stringData', 'data']) {
        const data = valueAt(r.node, [field]);
        if (data?.kind !== 'map') continue;
        for (const [key, e] of data.entries) {
          if (e.value.kind !== 'scalar' || typeof e.value.value !== 'string') continue;
          if (r.kind === 'Secret' && field === 'data') {
            const decoded = decodeBase64Text(e.value.value);
            if (decoded !== undefined) list.push({ resource: r, key, value: { kind: 'scalar', at: e.value.at, value: decoded } });
            continue;
          }
          list.push({ resource: r, key, value: e.value });
        }
      }
      // Two kustomizations may generate one name (a base and the overlay that merges into it).
      const key = `${r.kind}/${r.name}`;
      this.entries.set(key, [...(this.entries.get(key) ?? []), ...list]);
    }
  }

  /** Analyses the ConfigMap entry a container's conf path comes from, if it is in the scan. */
  analyzeMounted(confPath: string, args: string[], input: ContainerInput, subject: string, label: string, product: ServerFact['product']): MountedConf | undefined {
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
      protectedModeDefault: input.image.family.startsWith('bitnami-') ? undefined : false,
    });
    if (!result) return undefined;
    this.findings.push(...result.findings);
    // A generated ConfigMap (Kustomize `configMapGenerator` files) holds a repository conf file.
    const confFile = entry.value.at.file !== entry.resource.file.path ? entry.value.at.file : undefined;
    return { ...result.analysis, confFile };
  }

  /**
   * Repository conf files (Kustomize `configMapGenerator` files) in the ConfigMaps any container
   * of the pod mounts, init containers included: the candidates when the server's conf path is
   * not a mount (an init container copies or links one of them).
   */
  podConfFiles(input: ContainerInput): string[] {
    const out = new Set<string>();
    for (const volume of seqMaps(valueAt(input.pod.spec, ['volumes']))) {
      const names = [textOf(valueAt(volume, ['configMap', 'name'])), ...seqMaps(valueAt(volume, ['projected', 'sources'])).map((p) => textOf(valueAt(p, ['configMap', 'name'])))];
      for (const name of names) {
        if (!name) continue;
        for (const entry of this.entries.get(`ConfigMap/${name}`) ?? []) {
          const file = entry.value.at.file;
          if (file !== entry.resource.file.path && isRedisConf(entry.key, String(entry.value.value))) out.add(file);
        }
      }
    }
    return [...out].sort();
  }

  /** Confs no container in the scan mounts: checked on their own. */
  analyzeUnused(environmentOf: (path: string) => string | undefined): void {
    for (const list of this.entries.values()) {
      for (const entry of list) {
        if (this.used.has(entry) || !isRedisConf(entry.key, String(entry.value.value))) continue;
        // A Secret's other keys (passwords) are the Secret check's; only real conf files here.
        if (entry.resource.kind === 'Secret' && !entry.key.endsWith('.conf')) continue;
        const file = entry.resource.file.path;
        const result = analyzeEmbedded(entry.value, {
          subject: `k8s:${entry.resource.kind}/${entry.resource.name}#${entry.key}`,
          label: `${entry.key} in ${entry.resource.kind} ${entry.resource.name}`,
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
      const projected = seqMaps(valueAt(volume, ['projected', 'sources']));
      const sources: [string, PNode | undefined, string][] = [
        ['ConfigMap', valueAt(volume, ['configMap']), 'name'],
        ['Secret', valueAt(volume, ['secret']), 'secretName'],
        ...projected.map((p): [string, PNode | undefined, string] => ['ConfigMap', valueAt(p, ['configMap']), 'name']),
        ...projected.map((p): [string, PNode | undefined, string] => ['Secret', valueAt(p, ['secret']), 'name']),
      ];
      for (const [kind, source, nameKey] of sources) {
        if (source?.kind !== 'map') continue;
        const name = textOf(valueAt(source, [nameKey]));
        if (!name) continue;
        // `items` maps data keys to other file names.
        const item = seqMaps(valueAt(source, ['items'])).find((i) => textOf(valueAt(i, ['path'])) === fileInVolume);
        const key = item ? textOf(valueAt(item, ['key'])) : fileInVolume;
        const entry = this.entries.get(`${kind}/${name}`)?.find((e) => e.key === key);
        if (entry) return entry;
      }
    }
    return undefined;
  }
}
