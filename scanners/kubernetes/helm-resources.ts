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
import { textOf, valueAt, type PNode, type PScalar } from '../../src/engine/kit/yaml-tree';
import { emptyResult, mergeResults, type ScanResult } from '../../src/engine/kit/contract';
import { embeddedYamlDocs } from '../../src/engine/kit/yaml-embedded';
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

/** `helm.values: |` is YAML inside YAML: parsed, its positions moved onto the manifest. */
function embeddedValues(_r: Resource, scalar: PScalar): PNode | undefined {
  return embeddedYamlDocs(scalar)[0];
}
