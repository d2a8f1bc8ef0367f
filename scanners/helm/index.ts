/**
 * Helm values scanner. Groups values files by chart (the nearest Chart.yaml, or the folder that
 * holds the environments), merges each environment's file over the base values.yaml the way Helm
 * does, and checks the effective values of every environment plus the base file on its own.
 */
import { environmentOf } from '../../src/core/environment';
import { compareFindings, dedupeFindings, type Diagnostic } from '../../src/core/finding';
import { emptyResult, mergeResults, type ScanContext, type Scanner, type SourceFile } from '../../src/engine/kit/contract';
import { analyzeValues } from '../../src/engine/kit/helm-values/analyze';
import { dirname, findChart, joinPath, type ChartInfo } from '../../src/engine/kit/helm-values/chart';
import { valuesFileOrigin } from '../../src/engine/kit/helm-values/values-file';
import { HELM_CHECKS } from '../../src/engine/kit/helm-values/checks';
import { isHelmfilePath, scanHelmfile } from './helmfile';
import { detectTerraform, isTerraformPath, scanTerraform } from './terraform';
import { appUnit } from './app-unit';
import { buildTree, mergeValues, parseYaml, truncatedMessage, type PNode } from '../../src/engine/kit/yaml-tree';
import { mentionsRedis } from '../../src/core/redis-names';
import { REDIS_UNMODELED } from '../../src/engine/kit/unmodeled';
import { unmodeledImageBlocks } from './image-blocks';

export { analyzeValues } from '../../src/engine/kit/helm-values/analyze';
export type { ValuesInput } from '../../src/engine/kit/helm-values/analyze';
export { HELM_CHECKS } from '../../src/engine/kit/helm-values/checks';

/**
 * `values.yaml`, `values-prod.yaml`, `values.production.yml`, `helm/app/values/prod.yaml`, and
 * per-release files such as `redis-values.yaml` / `redis-ha.values.prod.yaml`.
 */
const VALUES_FILE = /(^|\/)(([\w.-]*[._-])?values([._-][^/]*)?|values\/[^/]+)\.ya?ml$/i;

export function isValuesPath(path: string): boolean {
  return VALUES_FILE.test(path) && !/(^|\/)templates\//.test(path);
}

export const helmScanner: Scanner = {
  kind: 'helm',
  checks: [...HELM_CHECKS, REDIS_UNMODELED],
  // Any YAML (detect keeps values files and helmfiles), and Terraform for its helm_release resources.
  fileNames: ['*.yml', '*.yaml', '*.tf'],
  // By name only: a subchart alias (`cache:` for redis-ha) is known only from Chart.yaml, which
  // scan() reads. Values files are few and small; scan() finds nothing in unrelated ones.
  detect(path, text) {
    if (isTerraformPath(path)) return detectTerraform(text);
    if (isHelmfilePath(path)) return mentionsRedis(text);
    // A manifest that happens to be called `*-values.yaml` belongs to the Kubernetes scanner.
    return isValuesPath(path) && !(/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text));
  },
  scan(files, ctx) {
    return scanValuesFiles(files, ctx);
  },
};

/** A parsed values file: its first document as a positioned tree. */
interface Loaded {
  tree: PNode | undefined;
}

export function scanValuesFiles(files: SourceFile[], ctx: ScanContext) {
  const result = emptyResult();
  const diagnostics: Diagnostic[] = [];
  const loaded = new Map<string, Loaded>();
  const charts = new Map<string, ChartInfo | null>();
  const given = new Map(files.map((f) => [f.path, f]));

  const load = (file: SourceFile): Loaded => {
    let l = loaded.get(file.path);
    if (!l) {
      const parsed = parseYaml(file.path, file.text);
      diagnostics.push(...parsed.diagnostics);
      const doc = parsed.file.docs[0];
      const built = doc ? buildTree(parsed.file, file.text, doc.contents) : { tree: undefined, truncated: false };
      if (built.truncated) diagnostics.push({ file: file.path, line: 1, message: truncatedMessage('file') });
      l = { tree: built.tree };
      loaded.set(file.path, l);
    }
    return l;
  };

  // Releases first: a values file a helmfile or Terraform release reads is checked as part of it.
  const referenced = new Set<string>();
  for (const file of files) {
    if (isHelmfilePath(file.path)) mergeResults(result, scanHelmfile(file, ctx, referenced));
    else if (isTerraformPath(file.path)) mergeResults(result, scanTerraform(file, ctx, referenced));
  }
  for (const file of files) {
    if (isHelmfilePath(file.path) || isTerraformPath(file.path) || referenced.has(file.path)) continue;
    const origin = valuesFileOrigin(file.path, ctx, charts);
    const chart = origin.chart;
    if (chart && isVendoredSubchart(chart, ctx, charts)) continue; // its umbrella's values decide
    const groupDir = origin.groupDir;
    const common = { chart: origin.chartLike, subjectPrefix: origin.subjectPrefix, rootKey: origin.rootKey, where: origin.where, file: file.path };
    const own = load(file).tree;
    const environment = environmentOf(file.path, ctx.environment);
    if (environment === undefined) {
      // Any other values file of a chart (`ci/ha-values.yaml`, `values-ha.yaml`) is given to Helm over
      // the chart's values.yaml: a subchart the chart switches off stays off.
      const chartValues = chart ? [joinPath(chart.dir, 'values.yaml'), joinPath(chart.dir, 'values.yml')] : [];
      const defaults = chart && !chartValues.includes(file.path) ? chartValues.map((p) => given.get(p) ?? ctx.readFile(p)).find(Boolean) : undefined;
      const analysed = analyzeValues({ ...common, root: defaults ? mergeValues(load(defaults).tree, own) : own });
      // What the chart's values.yaml says on its own is reported from it; a variant (a chart-testing
      // file that switches redis-ha on) reports on its own lines only.
      if (defaults) analysed.findings = analysed.findings.filter((f) => f.file === file.path);
      mergeResults(result, analysed);
      result.findings.push(...unmodeledImageBlocks(own));
      const unit = appUnit(own, file.path, undefined, groupDir);
      if (unit) (result.units ??= []).push(unit);
      continue;
    }
    const base = findBase(file.path, groupDir, ctx, given);
    const baseTree = base ? load(base).tree : undefined;
    const effective = mergeValues(baseTree, own);
    mergeResults(result, analyzeValues({ ...common, root: effective, environment }));
    const unit = appUnit(effective, file.path, environment, groupDir);
    if (unit) (result.units ??= []).push(unit);
  }
  result.findings = dedupeFindings(result.findings).sort(compareFindings);
  result.diagnostics.push(...diagnostics);
  return result;
}

/** The values.yaml an environment's file is layered on: beside it, else at the chart/group folder. */
function findBase(path: string, groupDir: string, ctx: ScanContext, given: Map<string, SourceFile>): SourceFile | undefined {
  const candidates = [
    ...withoutEnvironment(path, ctx),
    ...[dirname(path), groupDir].flatMap((dir) => [joinPath(dir, 'values.yaml'), joinPath(dir, 'values.yml')]),
  ];
  for (const candidate of candidates) {
    if (candidate === path || environmentOf(candidate, ctx.environment) !== undefined) continue;
    const file = given.get(candidate) ?? ctx.readFile(candidate);
    if (file) return file;
  }
  return undefined;
}

/** `redis-values-prod.yaml` -> `redis-values.yaml`: the same name without its environment part. */
function withoutEnvironment(path: string, ctx: ScanContext): string[] {
  const dir = dirname(path);
  const base = path.slice(dir ? dir.length + 1 : 0);
  const parts = base.split(/([._-])/);
  for (let i = 2; i < parts.length; i += 2) {
    if (environmentOf(parts[i], ctx.environment) === undefined || /^ya?ml$/i.test(parts[i])) continue;
    const name = [...parts.slice(0, i - 1), ...parts.slice(i + 1)].join('');
    if (/^(values|[\w.-]+[._-]values)\.ya?ml$/i.test(name)) return [joinPath(dir, name)];
  }
  return [];
}

/** `umbrella/charts/redis-ha/values.yaml` under an umbrella Chart.yaml: defaults the umbrella overrides. */
function isVendoredSubchart(chart: ChartInfo, ctx: ScanContext, charts: Map<string, ChartInfo | null>): boolean {
  const parts = chart.dir.split('/');
  if (parts.length < 2 || parts[parts.length - 2] !== 'charts') return false;
  const umbrellaDir = parts.slice(0, -2).join('/');
  return findChart(joinPath(umbrellaDir, 'values.yaml'), ctx, charts)?.dir === umbrellaDir;
}
