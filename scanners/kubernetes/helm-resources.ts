/**
 * Helm values that Kubernetes resources hand to a chart: Flux `HelmRelease` (`spec.values`,
 * `spec.valuesFrom` ConfigMaps/Secrets with `valuesKey` and `targetPath`, `spec.chart.spec.valuesFiles`)
 * and Argo CD `Application` / `ApplicationSet` sources (`helm.valueFiles` relative to the source
 * path or to a `$ref` source, `helm.values`, `helm.valuesObject`, `helm.parameters`). Layered the
 * way the controller hands them to Helm, over the chart's own values.yaml when the chart is in the
 * repository, and checked with the Helm values checks. Values files keep their own lines, and a
 * Redis configured through a values file keeps that file's subject, so it is one row in drift.
 */
import { environmentOf, type Environment } from '../../src/core/environment';
import type { Diagnostic } from '../../src/core/finding';
import { analyzeValues } from '../../src/engine/kit/helm-values/analyze';
import { dirname, familyOfChart, familyOfChartName, findChart, joinPath, type ChartInfo } from '../../src/engine/kit/helm-values/chart';
import type { ChartLike } from '../../src/engine/kit/helm-values/instances';
import { cleanRelative, loadValuesTree, readRepoPath, setPathTree, valuesFileOrigin, type ValuesFileOrigin } from '../../src/engine/kit/helm-values/values-file';
import { HELM_HARDCODED_PASSWORD, HELM_WEAK_PASSWORD } from '../../src/engine/kit/helm-values/checks';
import { passwordFinding } from '../../src/engine/kit/literal';
import { isCredentialName } from '../../src/core/credential-names';
import { isRedisRelatedName } from '../../src/core/redis-names';
import { boolOf, mergeValues, textOf, valueAt, type PMap, type PNode, type PScalar } from '../../src/engine/kit/yaml-tree';
import { isDeployTimeValue } from '../../src/core/secrets';
import { decodeBase64Text } from './secrets';
import { emptyResult, mergeResults, type ScanContext, type ScanResult, type SourceFile } from '../../src/engine/kit/contract';
import { embeddedYamlDocs } from '../../src/engine/kit/yaml-embedded';
import { loadResources, seqMaps, type Resource } from './manifests';
import { applicationSetElements, identityEnvironment } from './argo-generators';

export function isHelmResource(r: Resource): boolean {
  return (r.kind === 'HelmRelease' && r.apiVersion.startsWith('helm.toolkit.fluxcd.io/')) || ((r.kind === 'Application' || r.kind === 'ApplicationSet') && r.apiVersion.startsWith('argoproj.io/'));
}

/** What one release deploys: its chart and its values layers, lowest first. */
interface Release {
  chartName?: string;
  /** The chart repository (Argo CD `repoURL`), when it says whose chart this is. */
  repository?: string;
  /** The chart's folder in the repository, when the source is a path in it. */
  chart?: ChartInfo;
  layers: PNode[];
  /** Values files read, in order. */
  files: SourceFile[];
  /** A `valuesFrom` it names is not here (a kustomize base whose overlays generate it). */
  incomplete?: boolean;
  /** The environment an ApplicationSet element names (`env: prod`): it wins over the manifest's folder. */
  environment?: Environment;
  /** The environment the Application's name, namespace or destination names (`redis-prod`). */
  identity?: Environment;
}

export function analyzeHelmResource(r: Resource, environment: Environment | undefined, ctx: ScanContext, resources: readonly Resource[]): ScanResult {
  const result = emptyResult();
  const releases = r.kind === 'HelmRelease' ? [fluxRelease(r, ctx, resources, result.diagnostics)] : argoReleases(r, ctx, result.diagnostics);
  for (const release of releases) {
    if (release.layers.length === 0) continue;
    let root: PNode | undefined;
    for (const layer of release.layers) root = mergeValues(root, layer);
    const family = release.chart ? release.chart.family : familyOfChart(release.chartName, release.repository);
    const chart: ChartLike = release.chart
      ? { name: release.chart.name, family, dependencies: release.chart.dependencies, known: true }
      : { name: release.chartName, family, dependencies: [], known: family !== undefined };
    // The environment: a generated Application's own parameter, the resource's path, the
    // Application's name/namespace/destination, else the one its values files name.
    const named = [...release.files].reverse().find((f) => environmentOf(f.path, ctx.environment) !== undefined);
    const env = release.environment ?? environment ?? release.identity ?? (named ? environmentOf(named.path, ctx.environment) : undefined);
    const origin = release.chart
      ? { subjectPrefix: `helm:${release.chart.dir || '.'}`, where: `chart ${release.chart.dir || '.'}, ${r.kind} ${r.name}` }
      : release.files.length
        ? { ...pick(valuesFileOrigin(release.files[0].path, ctx, new Map())), where: `${r.kind} ${r.name}` }
        : { subjectPrefix: `helm:${r.kind}/${withoutEnvironmentWords(r.name, ctx) || release.chartName || r.name}`, where: `${r.kind} ${r.name}` };
    const analysed = analyzeValues({ root, chart, ...origin, file: environment === undefined && named ? named.path : r.file.path, environment: env });
    // Without the values its overlays add, a base release is no Redis of its own in drift.
    if (release.incomplete && env === undefined) analysed.facts = [];
    mergeResults(result, analysed);
  }
  if (r.kind !== 'HelmRelease') result.findings.push(...parameterFindings(r));
  return result;
}

function pick(origin: ValuesFileOrigin): { subjectPrefix: string; rootKey?: string } {
  return { subjectPrefix: origin.subjectPrefix, rootKey: origin.rootKey };
}

/** A values file named relative to `base` (a chart folder in the repository, or a `$ref` repository). */
function readValues(from: string, path: string, ctx: ScanContext, diagnostics: Diagnostic[]): { file: SourceFile; tree: PNode } | undefined {
  const file = readRepoPath(from, path, ctx);
  const tree = file ? loadValuesTree(file, diagnostics) : undefined;
  return file && tree ? { file, tree } : undefined;
}

/** The chart a repository path names (`charts/redis`), with its values.yaml as the lowest layer. */
function repoChart(from: string, chartPath: string, ctx: ScanContext, release: Release, diagnostics: Diagnostic[]): string | undefined {
  const clean = cleanRelative(chartPath);
  if (clean === undefined) return undefined;
  const chartFile = readRepoPath(from, joinPath(clean, 'Chart.yaml'), ctx);
  if (!chartFile) return undefined;
  const dir = dirname(chartFile.path);
  release.chart = findChart(joinPath(dir, 'values.yaml'), ctx, new Map());
  const defaults = ctx.readFile(joinPath(dir, 'values.yaml'));
  const tree = defaults ? loadValuesTree(defaults, diagnostics) : undefined;
  if (defaults && tree) {
    release.layers.push(tree);
    release.files.push(defaults);
  }
  return dir;
}

function argoReleases(r: Resource, ctx: ScanContext, diagnostics: Diagnostic[]): Release[] {
  const spec = r.kind === 'ApplicationSet' ? valueAt(r.node, ['spec', 'template', 'spec']) : valueAt(r.node, ['spec']);
  const sources = [valueAt(spec, ['source']), ...seqMaps(valueAt(spec, ['sources']))].filter((s): s is PMap => s?.kind === 'map');
  // `ref: values` sources: `$values/<path>` is a path in that repository (taken to be this one).
  const refs = new Set(sources.map((s) => textOf(valueAt(s, ['ref']))).filter((x): x is string => Boolean(x)));
  const out: Release[] = [];
  const redisChart = sources.some((s) => familyOfChart(textOf(valueAt(s, ['chart'])), textOf(valueAt(s, ['repoURL']))) !== undefined);
  const elements = r.kind === 'ApplicationSet' ? applicationSetElements(r, ctx, diagnostics, redisChart) : [{ fill: (t: string) => t, environment: undefined }];
  for (const { fill, environment } of elements) {
    const identity = identityEnvironment(r, spec, fill, ctx);
    for (const source of sources) {
      const helm = valueAt(source, ['helm']);
      const chartText = textOf(valueAt(source, ['chart']));
      const release: Release = { chartName: chartText === undefined ? undefined : fill(chartText), repository: textOf(valueAt(source, ['repoURL'])), layers: [], files: [], environment, identity };
      const pathText = textOf(valueAt(source, ['path']));
      const path = pathText === undefined ? undefined : fill(pathText).replace(/\/+$/, '');
      const chartDir = release.chartName === undefined && path ? repoChart(r.file.path, path, ctx, release, diagnostics) : undefined;
      release.chartName ??= path;
      if (helm?.kind !== 'map') {
        // No `helm:` block: Helm installs the chart with its own defaults (values.yaml in the
        // repository, the package's data for a known Redis chart).
        const family = release.chart ? release.chart.family : familyOfChart(release.chartName, release.repository);
        if (release.layers.length === 0 && family !== undefined && (chartDir !== undefined || chartText !== undefined)) release.layers.push({ kind: 'map', at: source.at, entries: new Map() });
        if (release.layers.length) out.push(release);
        continue;
      }
      const valueFiles = valueAt(helm, ['valueFiles']);
      for (const item of valueFiles?.kind === 'seq' ? valueFiles.items : []) {
        const raw = textOf(item)?.trim();
        if (!raw) continue;
        const text = fill(raw);
        const ref = /^\$([\w-]+)\/(.+)$/.exec(text);
        // A file of a chart from a chart repository lives in the chart package: not here.
        const rel = ref ? (refs.has(ref[1]) ? ref[2] : undefined) : chartDir !== undefined ? joinPath(chartDir, text) : undefined;
        const read = rel === undefined ? undefined : ref ? readValues(r.file.path, rel, ctx, diagnostics) : readChartFile(rel, ctx, diagnostics);
        if (!read) continue;
        release.layers.push(read.tree);
        release.files.push(read.file);
      }
      // The generator's parameters fill the template everywhere, values included.
      const text = filled(valueAt(helm, ['values']), fill);
      if (text?.kind === 'scalar' && typeof text.value === 'string') {
        const tree = embeddedYamlDocs(text)[0];
        if (tree) release.layers.push(tree);
      }
      const object = filled(valueAt(helm, ['valuesObject']), fill);
      if (object?.kind === 'map') release.layers.push(object);
      for (const p of seqMaps(valueAt(helm, ['parameters']))) {
        const name = textOf(valueAt(p, ['name']));
        const value = filled(valueAt(p, ['value']), fill);
        const tree = name && value ? setPathTree(name, value) : undefined;
        if (tree) release.layers.push(tree);
      }
      out.push(release);
    }
  }
  return out;
}

/** A template subtree with its `{{param}}` strings filled (the same nodes when nothing changes). */
function filled(node: PNode | undefined, fill: (text: string) => string): PNode | undefined {
  if (!node) return node;
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || !node.value.includes('{{')) return node;
    const value = fill(node.value);
    return value === node.value ? node : { ...node, value };
  }
  if (node.kind === 'seq') return { ...node, items: node.items.map((i) => filled(i, fill) ?? i) };
  return { ...node, entries: new Map([...node.entries].map(([k, e]) => [k, { ...e, value: filled(e.value, fill) ?? e.value }])) };
}

/** `redis-prod` -> `redis`: one Redis across the Applications that install it per environment. */
function withoutEnvironmentWords(name: string, ctx: ScanContext): string {
  return name
    .split(/[._-]+/)
    .filter((w) => w && environmentOf(w, { aliases: ctx.environment.aliases }) === undefined)
    .join('-');
}

/** A path already relative to the scan root (a file of an in-repository chart). */
function readChartFile(path: string, ctx: ScanContext, diagnostics: Diagnostic[]): { file: SourceFile; tree: PNode } | undefined {
  const file = ctx.readFile(path);
  const tree = file ? loadValuesTree(file, diagnostics) : undefined;
  return file && tree ? { file, tree } : undefined;
}

/** Committed passwords in Argo CD `helm.parameters`, reported on the manifest's own line. */
function parameterFindings(r: Resource) {
  const spec = r.kind === 'ApplicationSet' ? valueAt(r.node, ['spec', 'template', 'spec']) : valueAt(r.node, ['spec']);
  const sources = [valueAt(spec, ['source']), ...seqMaps(valueAt(spec, ['sources']))].filter((s) => s?.kind === 'map');
  const out = [];
  for (const source of sources) {
    const chart = textOf(valueAt(source, ['chart'])) ?? textOf(valueAt(source, ['path']));
    for (const p of seqMaps(valueAt(source, ['helm', 'parameters']))) {
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
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * Flux: the chart's values.yaml (a GitRepository chart path), `spec.chart.spec.valuesFiles`,
 * each `valuesFrom` item in order (`targetPath` sets one value), then `spec.values` on top.
 */
function fluxRelease(r: Resource, ctx: ScanContext, resources: readonly Resource[], diagnostics: Diagnostic[]): Release {
  const chartSpec = valueAt(r.node, ['spec', 'chart', 'spec']);
  const chartName = textOf(valueAt(chartSpec, ['chart'])) ?? textOf(valueAt(r.node, ['spec', 'chartRef', 'name']));
  const release: Release = { chartName, layers: [], files: [] };
  const sourceKind = textOf(valueAt(chartSpec, ['sourceRef', 'kind']));
  const chartDir = chartName && (sourceKind === 'GitRepository' || sourceKind === 'Bucket') ? repoChart(r.file.path, chartName, ctx, release, diagnostics) : undefined;
  const valuesFiles = valueAt(chartSpec, ['valuesFiles']);
  if (valuesFiles?.kind === 'seq') {
    for (const item of valuesFiles.items) {
      const text = textOf(item)?.trim();
      if (!text) continue;
      const read = chartDir !== undefined ? readValues(r.file.path, text, ctx, diagnostics) : undefined;
      if (read && !release.files.some((f) => f.path === read.file.path)) {
        release.layers.push(read.tree);
        release.files.push(read.file);
      }
    }
  }
  for (const ref of seqMaps(valueAt(r.node, ['spec', 'valuesFrom']))) {
    const from = valuesFromLayer(r, ref, ctx, resources, diagnostics);
    if (!from) {
      if (boolOf(valueAt(ref, ['optional'])) !== true) release.incomplete = true;
      continue;
    }
    // SOPS-encrypted values: supplied at deploy time, nothing of them is readable here.
    if (!from.layer) continue;
    release.layers.push(from.layer);
    // A ConfigMap generated from a values file (kustomize `configMapGenerator` `files:`) is that file.
    const source = from.layer.at.file;
    // A Secret or ConfigMap manifest is no values file: its name says nothing about the release.
    if (source !== from.resource.file.path && source !== from.resource.node.at.file && !release.files.some((f) => f.path === source)) {
      const file = ctx.readFile(source);
      if (file) release.files.push(file);
    }
  }
  const values = valueAt(r.node, ['spec', 'values']);
  if (values?.kind === 'map') release.layers.push(values);
  return release;
}

/**
 * A `valuesFrom` ConfigMap/Secret of this deployment (or a manifest beside the HelmRelease): its
 * `valuesKey` as values (or, with `targetPath`, as the one value). A Secret's `data` is base64;
 * a SOPS-encrypted value (`ENC[...]`) gives no layer: with `targetPath` it is the value, supplied
 * at deploy time, else the values are unreadable.
 */
function valuesFromLayer(r: Resource, ref: PMap, ctx: ScanContext, resources: readonly Resource[], diagnostics: Diagnostic[]): { layer?: PNode; resource: Resource } | undefined {
  const kind = textOf(valueAt(ref, ['kind']));
  const name = textOf(valueAt(ref, ['name']));
  if ((kind !== 'ConfigMap' && kind !== 'Secret') || !name) return undefined;
  const key = textOf(valueAt(ref, ['valuesKey'])) ?? 'values.yaml';
  const target = textOf(valueAt(ref, ['targetPath']));
  const found = findResource(kind, name, r, ctx, resources, diagnostics);
  if (!found) return undefined;
  const dataKeys = kind === 'Secret' ? ['stringData', 'data'] : ['data'];
  for (const dataKey of dataKeys) {
    const raw = valueAt(found.node, [dataKey, key]);
    if (raw?.kind !== 'scalar') continue;
    const text = String(raw.value);
    const encrypted = isDeployTimeValue(text);
    const decoded = kind === 'Secret' && dataKey === 'data' && !encrypted ? decodeBase64Text(text) : text;
    if (decoded === undefined) return undefined;
    // Decoded text has no lines of its own in the file: its values sit on the `data` entry.
    const value: PScalar = decoded === text ? raw : { kind: 'scalar', at: raw.at, value: decoded };
    if (target) {
      const layer = setPathTree(target, value);
      return layer ? { layer, resource: found } : undefined;
    }
    if (encrypted) return { resource: found };
    const layer = typeof value.value === 'string' ? embeddedYamlDocs(value)[0] : undefined;
    return layer ? { layer, resource: found } : undefined;
  }
  return undefined;
}

/** Generated names may carry kustomize's hash suffix (`redis-values-5g2h7k9m4t`). */
function findResource(kind: string, name: string, r: Resource, ctx: ScanContext, resources: readonly Resource[], diagnostics: Diagnostic[]): Resource | undefined {
  // Never one of another environment's (a base release is not completed by a staging Secret).
  const env = environmentOf(r.file.path, ctx.environment);
  const matches = (c: Resource) => c.kind === kind && (c.name === name || c.name.replace(/-[a-z0-9]{10}$/, '') === name) && (c.file === r.file || environmentOf(c.file.path, ctx.environment) === env);
  const own = resources.find(matches);
  if (own) return own;
  // A values ConfigMap need not mention Redis, so the scan may not have claimed its file.
  const dir = dirname(r.file.path);
  for (const path of ctx.glob(joinPath(dir.replace(/[*?[\]{}()!\\]/g, '\\$&'), '*.y*ml'))) {
    if (path === r.file.path || !/\.ya?ml$/i.test(path)) continue;
    const file = ctx.readFile(path);
    if (!file || !file.text.includes(name)) continue;
    const loaded = loadResources(file);
    diagnostics.push(...loaded.diagnostics);
    const hit = loaded.resources.find(matches);
    if (hit) return hit;
  }
  return undefined;
}
