/**
 * Kubernetes resources as positioned trees: every document of every file (and the items of a
 * `kind: List`), with the pod spec of each workload kind.
 */
import type { Diagnostic } from '../../src/core/finding';
import type { SourceFile } from '../../src/engine/kit/contract';
import { buildTree, parseYaml, textOf, truncatedMessage, valueAt, type PMap, type PNode } from '../../src/engine/kit/yaml-tree';

export interface Resource {
  file: SourceFile;
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  node: PMap;
}

export function loadResources(file: SourceFile): { resources: Resource[]; diagnostics: Diagnostic[] } {
  const { file: yaml, diagnostics } = parseYaml(file.path, file.text);
  const resources: Resource[] = [];
  for (const doc of yaml.docs) {
    const built = buildTree(yaml, file.text, doc.contents);
    if (built.truncated) {
      const line = doc.range ? yaml.lines.linePos(doc.range[0]).line : 1;
      diagnostics.push({ file: file.path, line, message: truncatedMessage('document') });
    }
    collect(file, built.tree, resources, 0);
  }
  return { resources, diagnostics };
}

function collect(file: SourceFile, node: PNode | undefined, out: Resource[], depth: number): void {
  if (node?.kind !== 'map' || depth > 2) return;
  const kind = textOf(valueAt(node, ['kind']));
  const apiVersion = textOf(valueAt(node, ['apiVersion']));
  if (!kind || !apiVersion) return;
  if (kind === 'List' || kind.endsWith('List')) {
    const items = valueAt(node, ['items']);
    if (items?.kind === 'seq') for (const item of items.items) collect(file, item, out, depth + 1);
    return;
  }
  out.push({
    file,
    kind,
    apiVersion,
    name: textOf(valueAt(node, ['metadata', 'name'])) ?? textOf(valueAt(node, ['metadata', 'generateName'])) ?? '(unnamed)',
    namespace: textOf(valueAt(node, ['metadata', 'namespace'])),
    node,
  });
}

const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'Rollout']);

export interface PodTemplate {
  spec: PMap;
  labels: Map<string, string>;
  /** Values path of the pod spec, for anchors. */
  path: string[];
}

/** The pod spec a workload runs, if it is a workload. */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  let path: string[] | undefined;
  let labelsPath: string[] = ['metadata', 'labels'];
  if (resource.kind === 'Pod') path = ['spec'];
  else if (TEMPLATE_KINDS.has(resource.kind)) {
    path = ['spec', 'template', 'spec'];
    labelsPath = ['spec', 'template', 'metadata', 'labels'];
  } else if (resource.kind === 'CronJob') {
    path = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    labelsPath = ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'];
  }
  if (!path) return undefined;
  const spec = valueAt(resource.node, path);
  if (spec?.kind !== 'map') return undefined;
  return { spec, labels: stringMap(valueAt(resource.node, labelsPath)), path };
}

export function stringMap(node: PNode | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (node?.kind !== 'map') return out;
  for (const [k, e] of node.entries) {
    const v = textOf(e.value);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

export function seqMaps(node: PNode | undefined): PMap[] {
  if (node?.kind !== 'seq') return [];
  return node.items.filter((i): i is PMap => i.kind === 'map');
}
