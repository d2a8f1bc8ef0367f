/**
 * Terraform `helm_release` resources (`*.tf`): the chart (`chart`, `repository`), the values list
 * (`file("...")`, `templatefile("...", {...})`, `yamlencode({...})`, heredoc YAML, in order) and
 * `set` / `set_sensitive` (blocks, or the list form of provider 3), layered as the provider hands
 * them to Helm and checked as the release's values.
 */
import { environmentOf } from '../../src/core/environment';
import { mentionsRedis } from '../../src/core/redis-names';
import type { Diagnostic } from '../../src/core/finding';
import type { Origin } from '../../src/engine/kit/yaml-tree';
import { emptyResult, mergeResults, type ScanContext, type ScanResult, type SourceFile } from '../../src/engine/kit/contract';
import { analyzeValues } from '../../src/engine/kit/helm-values/analyze';
import { dirname, familyOfChart } from '../../src/engine/kit/helm-values/chart';
import { loadValuesTree, resolveFrom, setPathTree } from '../../src/engine/kit/helm-values/values-file';
import { mergeValues, type PNode } from '../../src/engine/kit/yaml-tree';
import { embeddedYamlDocs } from '../../src/engine/kit/yaml-embedded';
import { attribute, literalText, parseHcl, type HclBlock, type HclValue, type Pos } from './hcl';

export function isTerraformPath(path: string): boolean {
  return /\.tf$/i.test(path);
}

/** Cheap claim: a `helm_release` resource in a file that names a Redis-family chart. */
export function detectTerraform(text: string): boolean {
  return /resource\s+"helm_release"/.test(text) && mentionsRedis(text);
}

/** `referenced`: the values files the releases read (checked as part of them, not on their own). */
export function scanTerraform(file: SourceFile, ctx: ScanContext, referenced: Set<string> = new Set()): ScanResult {
  const result = emptyResult();
  const body = parseHcl(file.text);
  const fileEnv = environmentOf(file.path, ctx.environment);
  for (const block of body.blocks) {
    if (block.type !== 'resource' || block.labels[0] !== 'helm_release') continue;
    const name = block.labels[1] ?? '(unnamed)';
    const chartName = literalText(attribute(block.body, 'chart')?.value);
    const repository = literalText(attribute(block.body, 'repository')?.value);
    // `chart = "redis"` with a repository, `bitnami/redis`, `oci://.../redis`, a local `.tgz`.
    const family = familyOfChart(chartName?.replace(/-\d+(\.\d+)*\.tgz$/i, ''), repository);
    if (!family) continue;
    const { layers, files } = valuesLayers(block, file, ctx, result.diagnostics);
    files.forEach((f) => referenced.add(f.path));
    let root: PNode | undefined;
    for (const layer of layers) root = mergeValues(root, layer);
    root = mergeValues(root, setLayers(block, file));
    // No values at all: the chart's defaults, found at the resource.
    root ??= { kind: 'map', at: origin(file, block.at), entries: new Map() };
    const named = [...files].reverse().find((f) => environmentOf(f.path, ctx.environment) !== undefined);
    const environment = fileEnv ?? (named ? environmentOf(named.path, ctx.environment) : undefined);
    mergeResults(
      result,
      analyzeValues({
        root,
        chart: { name: chartName, family, dependencies: [], known: family !== undefined },
        subjectPrefix: `helm:${file.path}:${name}`,
        where: `Terraform helm_release ${name}`,
        file: fileEnv === undefined && named ? named.path : file.path,
        environment,
      }),
    );
  }
  return result;
}

function origin(file: SourceFile, at: Pos, anchor?: string): Origin {
  return anchor ? { file: file.path, line: at.line, column: at.column, anchor } : { file: file.path, line: at.line, column: at.column };
}

/** `${path.module}/values.yaml`, `"./values.yaml"`: a path relative to the module's folder. */
function modulePath(value: HclValue | undefined, file: SourceFile): string | undefined {
  if (value?.kind !== 'string') return undefined;
  const text = value.value.replace(/^\$\{path\.(module|cwd)\}\/?/, '').replace(/^\$\{path\.root\}\/?/, '');
  if (/[$%]\{/.test(text)) return undefined;
  return resolveFrom(dirname(file.path), text);
}

function valuesLayers(block: HclBlock, file: SourceFile, ctx: ScanContext, diagnostics: Diagnostic[]): { layers: PNode[]; files: SourceFile[] } {
  const layers: PNode[] = [];
  const files: SourceFile[] = [];
  const list = attribute(block.body, 'values')?.value;
  if (list?.kind !== 'list') return { layers, files };
  for (const item of list.items) {
    if (item.kind === 'call' && (item.name === 'file' || item.name === 'templatefile')) {
      const path = modulePath(item.args[0], file);
      const valuesFile = path ? ctx.readFile(path) : undefined;
      // A template's `${...}` are filled at apply time: read as YAML they are references.
      const tree = valuesFile ? loadValuesTree(valuesFile, diagnostics) : undefined;
      if (valuesFile && tree) {
        layers.push(tree);
        files.push(valuesFile);
      }
    } else if (item.kind === 'call' && (item.name === 'yamlencode' || item.name === 'jsonencode') && item.args[0]) {
      const tree = toTree(item.args[0], file, 0);
      if (tree) layers.push(tree);
    } else if (item.kind === 'string' && !item.template) {
      const tree = heredocTree(item, file);
      if (tree) layers.push(tree);
    }
  }
  return { layers, files };
}

/** A heredoc (or quoted) YAML document, positioned on the .tf file's lines. */
function heredocTree(value: Extract<HclValue, { kind: 'string' }>, file: SourceFile): PNode | undefined {
  const at = origin(file, value.at);
  const placement = value.heredoc ? { lineOffset: value.heredoc.lineOffset, columnOffset: value.heredoc.columnOffset, exact: true, endLine: value.heredoc.endLine } : undefined;
  return embeddedYamlDocs({ kind: 'scalar', at, value: value.value, placement })[0];
}

/** An HCL value as a values tree: objects as maps, lists as sequences, literals as scalars. */
function toTree(value: HclValue, file: SourceFile, depth: number): PNode | undefined {
  const at = origin(file, value.at);
  if (depth > 40) return undefined;
  switch (value.kind) {
    case 'object':
      return {
        kind: 'map',
        at,
        entries: new Map(
          value.entries.flatMap((e) => {
            const v = toTree(e.value, file, depth + 1);
            return v ? [[e.key, { key: e.key, keyAt: origin(file, e.keyAt, e.key), value: v }] as const] : [];
          }),
        ),
      };
    case 'list':
      return { kind: 'seq', at, items: value.items.flatMap((i) => toTree(i, file, depth + 1) ?? []) };
    case 'string':
      return { kind: 'scalar', at, value: value.value };
    case 'number':
    case 'bool':
    case 'null':
      return { kind: 'scalar', at, value: value.value };
    default:
      // `var.redis_password`: set from outside, like an environment variable.
      return { kind: 'scalar', at, value: `\${${value.kind === 'expr' ? value.text : value.name}}` };
  }
}

/** `set { name = "auth.enabled" value = false }` blocks and `set = [{...}]` lists, then set_sensitive. */
function setLayers(block: HclBlock, file: SourceFile): PNode | undefined {
  let tree: PNode | undefined;
  for (const key of ['set', 'set_sensitive']) {
    const items: { name?: HclValue; value?: HclValue }[] = [];
    for (const b of block.body.blocks) if (b.type === key) items.push({ name: attribute(b.body, 'name')?.value, value: attribute(b.body, 'value')?.value });
    const list = attribute(block.body, key)?.value;
    if (list?.kind === 'list') {
      for (const item of list.items) {
        if (item.kind !== 'object') continue;
        items.push({ name: item.entries.find((e) => e.key === 'name')?.value, value: item.entries.find((e) => e.key === 'value')?.value });
      }
    }
    for (const item of items) {
      const name = literalText(item.name);
      if (!name || !item.value) continue;
      const scalar = toTree(item.value, file, 0);
      if (scalar?.kind !== 'scalar') continue;
      // `set { value = "false" }` reaches Helm as the boolean false (Helm's --set parsing).
      if (typeof scalar.value === 'string' && /^(true|false)$/.test(scalar.value)) scalar.value = scalar.value === 'true';
      const node = setPathTree(name, scalar);
      if (node) tree = mergeValues(tree, node);
    }
  }
  return tree;
}
