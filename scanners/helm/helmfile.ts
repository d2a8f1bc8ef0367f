/**
 * helmfile releases: `releases[].values` (inline maps and values files beside the helmfile) and
 * `set`/`setString` entries, layered in helmfile's order and checked as the release's values.
 */
import { environmentOf } from '../../src/core/environment';
import type { Diagnostic } from '../../src/core/finding';
import { emptyResult, mergeResults, type ScanContext, type ScanResult, type SourceFile } from '../../src/engine/kit/contract';
import { analyzeValues } from '../../src/engine/kit/helm-values/analyze';
import { dirname, familyOfChartName } from '../../src/engine/kit/helm-values/chart';
import { loadValuesTree, resolveFrom, setPathTree } from '../../src/engine/kit/helm-values/values-file';
import { buildTree, mergeValues, parseYaml, textOf, truncatedMessage, valueAt, type PMap, type PNode } from '../../src/engine/kit/yaml-tree';

/** `helmfile.yaml`, `helmfile.prod.yaml`, `helmfile.d/redis.yaml`. */
export function isHelmfilePath(path: string): boolean {
  return /(^|\/)(helmfile([._-][^/]*)?\.ya?ml|helmfile\.d\/[^/]+\.ya?ml)$/i.test(path);
}

/** `referenced`: the values files the releases read (checked as part of them, not on their own). */
export function scanHelmfile(file: SourceFile, ctx: ScanContext, referenced: Set<string> = new Set()): ScanResult {
  const result = emptyResult();
  const { file: yaml, diagnostics } = parseYaml(file.path, file.text);
  result.diagnostics.push(...diagnostics);
  const environment = environmentOf(file.path, ctx.environment);
  for (const doc of yaml.docs) {
    const built = buildTree(yaml, file.text, doc.contents);
    if (built.truncated) result.diagnostics.push({ file: file.path, line: 1, message: truncatedMessage('document') });
    const releases = valueAt(built.tree, ['releases']);
    if (releases?.kind !== 'seq') continue;
    for (const release of releases.items) {
      if (release.kind !== 'map') continue;
      if (textOf(valueAt(release, ['installed'])) === 'false') continue;
      const name = textOf(valueAt(release, ['name'])) ?? '(unnamed)';
      const chart = textOf(valueAt(release, ['chart']));
      const family = familyOfChartName(chart);
      let values: PNode | undefined;
      for (const layer of valueLayers(release, file, ctx, result.diagnostics, referenced)) values = mergeValues(values, layer);
      values = mergeValues(values, setTree(release));
      mergeResults(
        result,
        analyzeValues({
          root: values,
          chart: { name: chart, family, dependencies: [], known: family !== undefined },
          subjectPrefix: `helm:${file.path}:${name}`,
          where: `helmfile release ${name}`,
          file: file.path,
          environment,
        }),
      );
    }
  }
  return result;
}

/** Inline maps, and values files the release names (relative to the helmfile, no templates). */
function valueLayers(release: PMap, file: SourceFile, ctx: ScanContext, diagnostics: Diagnostic[], referenced: Set<string>): PNode[] {
  const list = valueAt(release, ['values']);
  if (list?.kind !== 'seq') return [];
  const layers: PNode[] = [];
  for (const item of list.items) {
    if (item.kind === 'map') {
      layers.push(item);
      continue;
    }
    const path = textOf(item);
    const resolved = path ? resolveFrom(dirname(file.path), path) : undefined;
    const valuesFile = resolved ? ctx.readFile(resolved) : undefined;
    const tree = valuesFile ? loadValuesTree(valuesFile, diagnostics) : undefined;
    if (valuesFile && tree) {
      layers.push(tree);
      referenced.add(valuesFile.path);
    }
  }
  return layers;
}

/** `set: [{name: auth.password, value: x}]` as a values tree positioned at each value. */
function setTree(release: PMap): PNode | undefined {
  let tree: PNode | undefined;
  for (const key of ['set', 'setString']) {
    const list = valueAt(release, [key]);
    if (list?.kind !== 'seq') continue;
    for (const item of list.items) {
      if (item.kind !== 'map') continue;
      const name = textOf(valueAt(item, ['name']));
      const value = valueAt(item, ['value']);
      if (!name || !value) continue;
      const node = setPathTree(name, value);
      if (!node) continue;
      tree = mergeValues(tree, node);
    }
  }
  return tree;
}
