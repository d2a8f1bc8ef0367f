/**
 * `kubectl kustomize <overlay>` on positioned trees: a kustomization's `resources` (and the older
 * `bases`), `components`, `configMapGenerator` / `secretGenerator` (literals, files, env files,
 * `behavior: merge|replace`), `patches` / `patchesStrategicMerge` / `patchesJson6902` (with
 * `target` selectors), `images` and `namespace`, resolved into the effective resources. Every value
 * keeps the file and line that wrote it. Names keep their base spelling (`namePrefix` and hash
 * suffixes are left out) so the same workload lines up across overlays. Remote bases are skipped.
 */
import type { Diagnostic } from '../../../src/core/finding';
import type { ScanContext, SourceFile } from '../../../src/engine/kit/contract';
import { dirname, joinPath } from '../../../src/engine/kit/helm-values/chart';
import { embeddedYamlDocs } from '../../../src/engine/kit/yaml-embedded';
import { buildTree, parseYaml, textOf, valueAt, type Origin, type PMap, type PNode, type PScalar } from '../../../src/engine/kit/yaml-tree';
import { applyJsonPatch } from './json-patch';
import { strategicMerge } from './strategic-merge';

export const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Overlays of overlays are a handful deep; a cycle or a monster stops here. */
const MAX_DEPTH = 16;
const MAX_RESOURCES = 5000;

export interface KItem {
  node: PMap;
}

export interface KustomizeResult {
  items: KItem[];
  /** Files read as patches: partial resources that must not be checked as complete ones. */
  patchFiles: Set<string>;
  /** Every file the build read (kustomizations, resources, patches, generated files). */
  files: Set<string>;
  diagnostics: Diagnostic[];
}

interface State {
  ctx: ScanContext;
  patchFiles: Set<string>;
  files: Set<string>;
  diagnostics: Diagnostic[];
  stack: string[];
  count: number;
}

export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
      else out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

function docsOf(file: SourceFile, state: State): PNode[] {
  const { file: yaml, diagnostics } = parseYaml(file.path, file.text);
  state.diagnostics.push(...diagnostics);
  state.files.add(file.path);
  return yaml.docs.map((d) => buildTree(yaml, file.text, d.contents).tree).filter((t): t is PNode => t !== undefined);
}

function kustomizationIn(dir: string, state: State): SourceFile | undefined {
  for (const name of NAMES) {
    const file = state.ctx.readFile(joinPath(dir, name));
    if (file) return file;
  }
  return undefined;
}

function strings(node: PNode | undefined): PScalar[] {
  if (node?.kind !== 'seq') return [];
  return node.items.filter((i): i is PScalar => i.kind === 'scalar' && typeof i.value === 'string');
}

function maps(node: PNode | undefined): PMap[] {
  return node?.kind === 'seq' ? node.items.filter((i): i is PMap => i.kind === 'map') : [];
}

const isRemote = (ref: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(github\.com|gitlab\.com|bitbucket\.org|git@)/.test(ref) || ref.includes('?ref=');

export const kindOf = (n: PNode) => textOf(valueAt(n, ['kind']));
export const nameOf = (n: PNode) => textOf(valueAt(n, ['metadata', 'name']));

/** The effective resources of the kustomization in `dir` (a folder holding kustomization.yaml). */
export function buildKustomization(dir: string, ctx: ScanContext): KustomizeResult {
  const state: State = { ctx, patchFiles: new Set(), files: new Set(), diagnostics: [], stack: [], count: 0 };
  const items = build(dir, [], state);
  return { items, patchFiles: state.patchFiles, files: state.files, diagnostics: state.diagnostics };
}

function build(dir: string, inherited: KItem[], state: State): KItem[] {
  const file = kustomizationIn(dir, state);
  if (!file) return inherited;
  if (state.stack.includes(file.path) || state.stack.length >= MAX_DEPTH) {
    state.diagnostics.push({ file: file.path, message: 'kustomization includes itself or nests too deep; not followed' });
    return inherited;
  }
  state.stack.push(file.path);
  try {
    const k = docsOf(file, state)[0];
    if (k?.kind !== 'map') return inherited;
    let items = [...inherited];
    for (const ref of [...strings(valueAt(k, ['resources'])), ...strings(valueAt(k, ['bases']))]) {
      items.push(...resourcesAt(joinPath(dir, String(ref.value)), state));
    }
    items = generate(k, dir, items, state);
    // A component is applied to what its parent has gathered so far.
    for (const ref of strings(valueAt(k, ['components']))) {
      const path = String(ref.value);
      if (!isRemote(path)) items = build(normalize(joinPath(dir, path)), items, state);
    }
    items = patch(k, dir, items, state);
    items = images(k, items);
    const namespace = valueAt(k, ['namespace']);
    if (namespace?.kind === 'scalar' && textOf(namespace)) items = items.map((i) => withNamespace(i, namespace));
    return items;
  } finally {
    state.stack.pop();
  }
}

/** A resources entry: a manifest file, or a folder with its own kustomization. */
function resourcesAt(ref: string, state: State): KItem[] {
  if (isRemote(ref)) return [];
  const path = normalize(ref);
  const file = /\.(ya?ml|json)$/i.test(path) ? state.ctx.readFile(path) : undefined;
  if (!file) return build(path, [], state);
  const out: KItem[] = [];
  for (const doc of docsOf(file, state)) {
    if (doc.kind !== 'map') continue;
    const kind = kindOf(doc);
    if (kind && /List$/.test(kind)) out.push(...maps(valueAt(doc, ['items'])).map((node) => ({ node })));
    else if (kind) out.push({ node: doc });
    if (++state.count > MAX_RESOURCES) break;
  }
  return out;
}

function scalar(value: string, at: Origin): PScalar {
  return { kind: 'scalar', at, value };
}

function entry(key: string, value: PNode, at: Origin) {
  return [key, { key, keyAt: at, value }] as const;
}

/** `configMapGenerator` / `secretGenerator` as ConfigMap / Secret resources (Secret text in `stringData`). */
function generate(k: PMap, dir: string, items: KItem[], state: State): KItem[] {
  const out = [...items];
  for (const [field, kind, dataKey] of [
    ['configMapGenerator', 'ConfigMap', 'data'],
    ['secretGenerator', 'Secret', 'stringData'],
  ] as const) {
    for (const gen of maps(valueAt(k, [field]))) {
      const name = textOf(valueAt(gen, ['name']));
      if (!name) continue;
      const data: PMap = { kind: 'map', at: gen.at, entries: new Map() };
      for (const lit of strings(valueAt(gen, ['literals']))) {
        const text = String(lit.value);
        const eq = text.indexOf('=');
        if (eq > 0) data.entries.set(text.slice(0, eq).trim(), { key: text.slice(0, eq).trim(), keyAt: lit.at, value: scalar(text.slice(eq + 1), lit.at) });
      }
      for (const ref of strings(valueAt(gen, ['files']))) {
        const text = String(ref.value);
        const eq = text.indexOf('=');
        const key = eq > 0 ? text.slice(0, eq) : text.slice(text.lastIndexOf('/') + 1);
        const file = state.ctx.readFile(normalize(joinPath(dir, eq > 0 ? text.slice(eq + 1) : text)));
        if (!file) continue;
        state.files.add(file.path);
        // The file's own text, positioned on its own lines, so an embedded redis.conf is judged there.
        const lines = file.text.split('\n').length;
        const value: PScalar = { kind: 'scalar', at: { file: file.path, line: 1, column: 1 }, value: file.text, placement: { lineOffset: 0, columnOffset: 0, exact: true, endLine: lines } };
        data.entries.set(key, { key, keyAt: ref.at, value });
      }
      const envs = [...strings(valueAt(gen, ['envs'])), ...(valueAt(gen, ['env'])?.kind === 'scalar' ? [valueAt(gen, ['env']) as PScalar] : [])];
      for (const ref of envs) {
        const file = state.ctx.readFile(normalize(joinPath(dir, String(ref.value))));
        if (!file) continue;
        state.files.add(file.path);
        file.text.split('\n').forEach((line, i) => {
          const m = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/.exec(line);
          if (!m || line.trim().startsWith('#')) return;
          const at = { file: file.path, line: i + 1, column: line.indexOf(m[2]) + 1 };
          data.entries.set(m[1], { key: m[1], keyAt: at, value: scalar(m[2], at) });
        });
      }
      const behavior = textOf(valueAt(gen, ['behavior'])) ?? 'create';
      const existing = out.findIndex((i) => kindOf(i.node) === kind && nameOf(i.node) === name);
      if (existing >= 0 && behavior !== 'create') {
        const base = out[existing].node;
        const merged = behavior === 'replace' ? data : strategicMerge(valueAt(base, [dataKey]) ?? valueAt(base, ['data']), data);
        const node: PMap = { kind: 'map', at: base.at, entries: new Map(base.entries) };
        node.entries.set(dataKey, { key: dataKey, keyAt: gen.at, value: merged ?? data });
        out[existing] = { node };
        continue;
      }
      const at = gen.at;
      const node: PMap = {
        kind: 'map',
        at,
        entries: new Map([
          entry('apiVersion', scalar('v1', at), at),
          entry('kind', scalar(kind, at), at),
          entry('metadata', { kind: 'map', at, entries: new Map([entry('name', scalar(name, at), at)]) }, at),
          entry(dataKey, data, at),
        ]),
      };
      out.push({ node });
    }
  }
  return out;
}

interface Target {
  kind?: string;
  name?: RegExp;
  namespace?: string;
  labels: [string, string][];
}

function targetOf(node: PNode | undefined): Target | undefined {
  if (node?.kind !== 'map') return undefined;
  const name = textOf(valueAt(node, ['name']));
  let nameRe: RegExp | undefined;
  try {
    nameRe = name ? new RegExp(`^(?:${name})$`) : undefined;
  } catch {
    nameRe = undefined;
  }
  const labels = (textOf(valueAt(node, ['labelSelector'])) ?? '')
    .split(',')
    .map((s) => s.split('=').map((x) => x.trim()) as [string, string])
    .filter((p) => p.length === 2 && p[0]);
  return { kind: textOf(valueAt(node, ['kind'])), name: nameRe, namespace: textOf(valueAt(node, ['namespace'])), labels };
}

function matches(item: KItem, t: Target): boolean {
  if (t.kind && kindOf(item.node) !== t.kind) return false;
  if (t.name && !t.name.test(nameOf(item.node) ?? '')) return false;
  if (t.namespace && textOf(valueAt(item.node, ['metadata', 'namespace'])) !== t.namespace) return false;
  const labels = valueAt(item.node, ['metadata', 'labels']);
  return t.labels.every(([k, v]) => textOf(valueAt(labels, [k])) === v);
}

/** The patch documents of one entry: a file (marked as a patch) or inline text. */
function patchDocs(entryNode: PNode, dir: string, state: State): PNode[] {
  if (entryNode.kind === 'scalar' && typeof entryNode.value === 'string') {
    // patchesStrategicMerge lists file paths, or inline YAML.
    const text = entryNode.value;
    if (!text.includes('\n') && /\.(ya?ml|json)$/i.test(text.trim())) return fileDocs(joinPath(dir, text.trim()), state);
    return embeddedYamlDocs(entryNode);
  }
  if (entryNode.kind !== 'map') return [];
  const path = textOf(valueAt(entryNode, ['path']));
  if (path) return fileDocs(joinPath(dir, path), state);
  const inline = valueAt(entryNode, ['patch']);
  return inline?.kind === 'scalar' && typeof inline.value === 'string' ? embeddedYamlDocs(inline) : [];
}

function fileDocs(path: string, state: State): PNode[] {
  const file = state.ctx.readFile(normalize(path));
  if (!file) return [];
  state.patchFiles.add(file.path);
  return docsOf(file, state);
}

function applyPatch(items: KItem[], doc: PNode, target: Target | undefined): KItem[] {
  if (doc.kind === 'seq') {
    // JSON 6902: needs a target.
    return target ? items.map((i) => (matches(i, target) ? { node: applyJsonPatch(i.node, doc) as PMap } : i)) : items;
  }
  if (doc.kind !== 'map') return items;
  const own: Target = { kind: kindOf(doc), name: nameOf(doc) ? new RegExp(`^${nameOf(doc)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : undefined, labels: [] };
  const t = target ?? own;
  if (!t.kind && !t.name && t.labels.length === 0) return items;
  const out: KItem[] = [];
  for (const item of items) {
    if (!matches(item, t)) {
      out.push(item);
      continue;
    }
    // With a target, the patch's own name may differ; metadata.name of the resource stays.
    const merged = strategicMerge(item.node, target ? withoutName(doc) : doc);
    if (merged?.kind === 'map') out.push({ node: merged });
  }
  return out;
}

function withoutName(doc: PMap): PMap {
  const metadata = valueAt(doc, ['metadata']);
  if (metadata?.kind !== 'map') return doc;
  const m: PMap = { ...metadata, entries: new Map([...metadata.entries].filter(([k]) => k !== 'name')) };
  return { ...doc, entries: new Map([...doc.entries].map(([k, e]) => [k, k === 'metadata' ? { ...e, value: m } : e])) };
}

function patch(k: PMap, dir: string, items: KItem[], state: State): KItem[] {
  let out = items;
  for (const e of strings(valueAt(k, ['patchesStrategicMerge']))) for (const doc of patchDocs(e, dir, state)) out = applyPatch(out, doc, undefined);
  for (const e of maps(valueAt(k, ['patches']))) {
    const target = targetOf(valueAt(e, ['target']));
    for (const doc of patchDocs(e, dir, state)) out = applyPatch(out, doc, target);
  }
  for (const e of maps(valueAt(k, ['patchesJson6902']))) {
    const target = targetOf(valueAt(e, ['target']));
    for (const doc of patchDocs(e, dir, state)) out = applyPatch(out, doc, target);
  }
  return out;
}

/** `images: [{name, newName, newTag, digest}]` on every container and init container. */
function images(k: PMap, items: KItem[]): KItem[] {
  const rules = maps(valueAt(k, ['images']));
  if (rules.length === 0) return items;
  return items.map((item) => {
    let node: PNode = item.node;
    for (const path of [['spec', 'template', 'spec'], ['spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']]) {
      for (const list of ['containers', 'initContainers']) {
        const seq = valueAt(node, [...path, list]);
        if (seq?.kind !== 'seq') continue;
        const items2 = seq.items.map((c) => retag(c, rules));
        if (items2.every((c, i) => c === seq.items[i])) continue;
        const patchNode = nest([...path, list], { kind: 'seq', at: seq.at, items: items2 }, seq.at);
        node = strategicMerge(node, { kind: 'map', at: node.at, entries: new Map([...(patchNode as PMap).entries]) }) ?? node;
      }
    }
    return node === item.node ? item : { node: node as PMap };
  });
}

function nest(path: string[], value: PNode, at: Origin): PNode {
  let node = value;
  for (let i = path.length - 1; i >= 0; i--) node = { kind: 'map', at, entries: new Map([[path[i], { key: path[i], keyAt: at, value: node }]]) };
  return node;
}

function retag(container: PNode, rules: PMap[]): PNode {
  if (container.kind !== 'map') return container;
  const image = container.entries.get('image');
  const text = textOf(image?.value);
  if (!image || !text) return container;
  const [, repo, tag, digest] = /^(.+?)(?::([\w][\w.-]*))?(?:@(.+))?$/.exec(text) ?? [];
  for (const rule of rules) {
    if (textOf(valueAt(rule, ['name'])) !== repo) continue;
    const newName = valueAt(rule, ['newName']);
    const newTag = valueAt(rule, ['newTag']);
    const newDigest = valueAt(rule, ['digest']);
    const value = `${textOf(newName) ?? repo}${textOf(newDigest) ? `@${textOf(newDigest)}` : textOf(newTag) ? `:${textOf(newTag)}` : tag ? `:${tag}` : digest ? `@${digest}` : ''}`;
    const at = (newName ?? newTag ?? newDigest ?? rule).at;
    const entries = new Map(container.entries);
    entries.set('image', { key: 'image', keyAt: at, value: scalar(value, at) });
    return { kind: 'map', at: container.at, entries };
  }
  return container;
}

function withNamespace(item: KItem, namespace: PScalar): KItem {
  const metadata = valueAt(item.node, ['metadata']);
  const m: PMap = metadata?.kind === 'map' ? { ...metadata, entries: new Map(metadata.entries) } : { kind: 'map', at: item.node.at, entries: new Map() };
  m.entries.set('namespace', { key: 'namespace', keyAt: namespace.at, value: namespace });
  const entries = new Map(item.node.entries);
  entries.set('metadata', { key: 'metadata', keyAt: item.node.entries.get('metadata')?.keyAt ?? item.node.at, value: m });
  return { node: { kind: 'map', at: item.node.at, entries } };
}

export { dirname };
