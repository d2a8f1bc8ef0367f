/**
 * Helm values that live inside Kubernetes resources: Flux `HelmRelease.spec.values` and Argo CD
 * `Application.spec.source(s).helm.{valuesObject, values, parameters}`. They are checked with the
 * Helm values checks, on the manifest's own lines.
 */
import type { Environment } from '../../src/core/environment';
import { analyzeValues } from '../../src/engine/kit/helm-values/analyze';
import { familyOfChartName } from '../../src/engine/kit/helm-values/chart';
import { HELM_HARDCODED_PASSWORD, HELM_WEAK_PASSWORD } from '../../src/engine/kit/helm-values/checks';
import { passwordFinding } from '../../src/engine/kit/literal';
import { isCredentialName } from '../../src/core/credential-names';
import { isRedisRelatedName } from '../../src/core/redis-names';
import { textOf, toTree, valueAt, type Origin, type PNode, type PScalar } from '../../src/engine/kit/yaml-tree';
import { emptyResult, mergeResults, type ScanResult } from '../../src/engine/kit/contract';
import { parseYaml } from '../../src/engine/kit/yaml';
import { seqMaps, type Resource } from './manifests';

export function isHelmResource(r: Resource): boolean {
  return (r.kind === 'HelmRelease' && r.apiVersion.startsWith('helm.toolkit.fluxcd.io/')) || ((r.kind === 'Application' || r.kind === 'ApplicationSet') && r.apiVersion.startsWith('argoproj.io/'));
}

export function analyzeHelmResource(r: Resource, environment: Environment | undefined): ScanResult {
  const result = emptyResult();
  const subjectPrefix = `helm:${r.kind}/${r.name}`;
  const where = `${r.kind} ${r.name}`;
  const run = (chartName: string | undefined, root: PNode | undefined) => {
    const family = familyOfChartName(chartName);
    mergeResults(
      result,
      analyzeValues({
        root,
        chart: { name: chartName, family, dependencies: [], known: family !== undefined },
        subjectPrefix,
        where,
        file: r.file.path,
        environment,
      }),
    );
  };
  if (r.kind === 'HelmRelease') {
    const chart = textOf(valueAt(r.node, ['spec', 'chart', 'spec', 'chart'])) ?? textOf(valueAt(r.node, ['spec', 'chartRef', 'name']));
    run(chart, valueAt(r.node, ['spec', 'values']));
    return result;
  }
  const spec = r.kind === 'ApplicationSet' ? valueAt(r.node, ['spec', 'template', 'spec']) : valueAt(r.node, ['spec']);
  const sources = [valueAt(spec, ['source']), ...seqMaps(valueAt(spec, ['sources']))].filter((s) => s?.kind === 'map');
  for (const source of sources) {
    const chart = textOf(valueAt(source, ['chart'])) ?? textOf(valueAt(source, ['path']))?.replace(/\/+$/, '');
    const helm = valueAt(source, ['helm']);
    if (helm?.kind !== 'map') continue;
    const object = valueAt(helm, ['valuesObject']);
    if (object) run(chart, object);
    const text = valueAt(helm, ['values']);
    if (text?.kind === 'scalar' && typeof text.value === 'string') run(chart, embeddedValues(r, text));
    for (const p of seqMaps(valueAt(helm, ['parameters']))) {
      const name = textOf(valueAt(p, ['name']));
      const value = valueAt(p, ['value']);
      const v = textOf(value);
      if (!name || v === undefined || !value) continue;
      const last = name.split('.').pop() ?? '';
      if (!isCredentialName(last) || !(familyOfChartName(chart) || isRedisRelatedName(name))) continue;
      const f = passwordFinding(v, value.at, `${r.kind}/${r.name}.helm.parameters.${name}`, `Helm parameter \`${name}\``, 'Reference a Kubernetes Secret (`existingSecret`) instead.', {
        hardcoded: HELM_HARDCODED_PASSWORD,
        weak: HELM_WEAK_PASSWORD,
      });
      if (f) result.findings.push(f);
    }
  }
  return result;
}

/** `helm.values: |` is YAML inside YAML: parse it and move its positions onto the manifest. */
function embeddedValues(r: Resource, scalar: PScalar): PNode | undefined {
  const text = String(scalar.value);
  const { file } = parseYaml(r.file.path, text);
  const doc = file.docs[0];
  if (!doc) return undefined;
  const tree = toTree(file, text, doc.contents);
  const p = scalar.placement;
  const move = p?.exact
    ? (o: Origin): Origin => ({ ...o, line: o.line + p.lineOffset, column: o.column + p.columnOffset, endLine: o.endLine !== undefined ? o.endLine + p.lineOffset : undefined, endColumn: o.endColumn !== undefined ? o.endColumn + p.columnOffset : undefined })
    : (o: Origin): Origin => ({ file: o.file, line: scalar.at.line, column: scalar.at.column, anchor: o.anchor });
  return tree ? shift(tree, move, Boolean(p?.exact)) : undefined;
}

function shift(node: PNode, move: (o: Origin) => Origin, exact: boolean): PNode {
  const clean = (o: Origin) => {
    const m = move(o);
    if (m.endLine === undefined) delete m.endLine;
    if (m.endColumn === undefined) delete m.endColumn;
    return m;
  };
  if (node.kind === 'map') {
    const entries = new Map([...node.entries].map(([k, e]) => [k, { key: k, keyAt: clean(e.keyAt), value: shift(e.value, move, exact) }]));
    return { kind: 'map', at: clean(node.at), entries };
  }
  if (node.kind === 'seq') return { kind: 'seq', at: clean(node.at), items: node.items.map((i) => shift(i, move, exact)) };
  const out: PScalar = { kind: 'scalar', at: clean(node.at), value: node.value };
  // Inside quoted outer text, inner positions collapse onto the value: leave placement unset.
  if (exact && node.placement && scalarExact(node)) {
    const moved = clean({ file: node.at.file, line: node.placement.lineOffset + 1, column: node.placement.columnOffset + 1, endLine: node.placement.endLine });
    out.placement = { ...node.placement, lineOffset: moved.line - 1, columnOffset: moved.column - 1, endLine: moved.endLine ?? moved.line };
  }
  return out;
}

function scalarExact(node: PScalar): boolean {
  return Boolean(node.placement?.exact);
}
