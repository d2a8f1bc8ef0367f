/**
 * What a values file is the values of, from its path: the chart beside it (nearest Chart.yaml) or,
 * without one, the folder that holds the environments and the release its name gives
 * (`values/redis.yaml`, `redis-values-prod.yaml`). The helm scanner and every reference to a values
 * file (Argo CD `valueFiles`, Flux `valuesFrom`, Terraform `file()`) use it, so a file read
 * through its reference stays the same Redis as the file read on its own.
 */
import { environmentOf, environmentParts } from '../../../core/environment';
import type { Diagnostic } from '../../../core/finding';
import type { ScanContext, SourceFile } from '../contract';
import { buildTree, parseYaml, truncatedMessage, type PNode } from '../yaml-tree';
import { dirname, familyOfChartName, findChart, groupDirOf, type ChartInfo } from './chart';
import type { ChartLike } from './instances';

export interface ValuesFileOrigin {
  chart?: ChartInfo;
  chartLike: ChartLike;
  /** The folder that identifies the deployment (the chart's, or the environments' holder). */
  groupDir: string;
  subjectPrefix: string;
  /** Human name: `chart deploy/app`, `values in deploy`. */
  where: string;
  /** A subchart's folder (`deploy/redis/`, `deploy/charts/redis/`) whose parent's values configure it under this key. */
  rootKey?: string;
}

/** `redis-values-prod.yaml` -> `redis`; `values/redis.yaml` -> `redis`; `values-prod.yaml` -> none. */
export function releaseOfValuesName(path: string, isEnvironmentName: (word: string) => boolean): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  const suffixed = /^([\w.-]+?)[._-]values\b/i.exec(name)?.[1];
  const inFolder = /(^|\/)values\/[^/]+$/i.test(path) ? name : undefined;
  const stem = suffixed ?? inFolder;
  if (!stem || /^values$/i.test(stem)) return undefined;
  const words = stem.split(/[._-]/).filter((w) => !isEnvironmentName(w));
  return words.length ? words.join('-') : undefined;
}

export function valuesFileOrigin(path: string, ctx: ScanContext, charts: Map<string, ChartInfo | null>): ValuesFileOrigin {
  return asSubchart(ownOrigin(path, ctx, charts), ctx, charts);
}

function ownOrigin(path: string, ctx: ScanContext, charts: Map<string, ChartInfo | null>): ValuesFileOrigin {
  const chart = findChart(path, ctx, charts);
  // A word alone, outside any path (so never taken for the scan root's own folder).
  const isEnvironmentName = (name: string) => environmentOf(`${name}/x`, { aliases: ctx.environment.aliases }) !== undefined;
  const envFolders = new Set(environmentParts(path, ctx.environment).filter((p) => p.word === undefined).map((p) => p.segment));
  if (chart) {
    return {
      chart,
      chartLike: { name: chart.name, family: chart.family, dependencies: chart.dependencies, known: true },
      groupDir: chart.dir,
      subjectPrefix: `helm:${chart.dir || '.'}`,
      where: `chart ${chart.dir || '.'}`,
    };
  }
  const groupDir = groupDirOf(path, (segment) => envFolders.has(segment));
  const release = releaseOfValuesName(path, isEnvironmentName);
  const id = release ? `${groupDir ? `${groupDir}/` : ''}${release}` : groupDir || '.';
  return {
    chartLike: { dependencies: [], known: false, nameHint: familyOfChartName(release) },
    groupDir,
    subjectPrefix: `helm:${id}`,
    where: `values in ${groupDir || '.'}${release ? ` (${release})` : ''}`,
  };
}

/**
 * `deploy/redis/values.yaml` (or `deploy/charts/redis/`) beside `deploy/values.yaml` that has a
 * `redis:` section: the same Redis as the parent's `redis` key, so one row in drift.
 */
function asSubchart(origin: ValuesFileOrigin, ctx: ScanContext, charts: Map<string, ChartInfo | null>): ValuesFileOrigin {
  if (origin.subjectPrefix !== `helm:${origin.groupDir || '.'}` || !origin.groupDir) return origin;
  const parts = origin.groupDir.split('/');
  const key = parts[parts.length - 1];
  if (!familyOfChartName(key)) return origin;
  const parentDir = parts.slice(0, parts[parts.length - 2] === 'charts' ? -2 : -1).join('/');
  const parentValues = ['values.yaml', 'values.yml'].map((n) => ctx.readFile(parentDir ? `${parentDir}/${n}` : n)).find(Boolean);
  const tree = parentValues ? loadValuesTree(parentValues, []) : undefined;
  if (tree?.kind !== 'map' || !tree.entries.has(key)) return origin;
  const parent = ownOrigin(parentValues!.path, ctx, charts);
  return { ...origin, subjectPrefix: parent.subjectPrefix, rootKey: key, where: `${parent.where}, values key ${key}` };
}

/** A values file's first document as a positioned tree (alias bombs refused with a diagnostic). */
export function loadValuesTree(file: SourceFile, diagnostics: Diagnostic[]): PNode | undefined {
  const parsed = parseYaml(file.path, file.text);
  diagnostics.push(...parsed.diagnostics);
  const doc = parsed.file.docs[0];
  if (!doc) return undefined;
  const built = buildTree(parsed.file, file.text, doc.contents);
  if (built.truncated) diagnostics.push({ file: file.path, line: 1, message: truncatedMessage('file') });
  return built.tree;
}

/** `a/./b/../c.yaml` -> `a/c.yaml`; undefined when it leaves its base, is absolute, a URL or templated. */
export function cleanRelative(path: string): string | undefined {
  if (!path || /^(\/|[a-z][\w+.-]*:\/\/)/i.test(path) || /\{\{|\$\{/.test(path)) return undefined;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
      else out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** `dir` + a relative path, normalised; undefined when it leaves the scan root. */
export function resolveFrom(dir: string, rel: string): string | undefined {
  const clean = cleanRelative(rel);
  if (clean === undefined) return undefined;
  const joined = cleanRelative(dir ? `${dir}/${clean}` : clean);
  return joined === undefined || joined === '' || joined.startsWith('..') ? undefined : joined;
}

/**
 * A path written relative to the repository root (Argo CD `source.path`, `$values/...`, a Flux
 * GitRepository chart path), read from a file inside that repository: the repository root is the
 * nearest folder above the file where the path exists (the scan root may be above the repository).
 */
export function readRepoPath(fromFile: string, rel: string, ctx: ScanContext): SourceFile | undefined {
  let dir = dirname(fromFile);
  for (;;) {
    const path = resolveFrom(dir, rel);
    const file = path === undefined ? undefined : ctx.readFile(path);
    if (file) return file;
    if (dir === '') return undefined;
    dir = dirname(dir);
  }
}

/** Helm's `--set a.b=v` (helmfile `set:`, Argo CD `parameters`, Terraform `set {}`) as a values tree positioned at `at`. */
export function setPathTree(name: string, value: PNode): PNode | undefined {
  if (!name || name.includes('[')) return undefined;
  const keys = name.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, '.'));
  let node: PNode = value;
  for (let i = keys.length - 1; i >= 0; i--) {
    node = { kind: 'map', at: value.at, entries: new Map([[keys[i], { key: keys[i], keyAt: { ...value.at, anchor: keys[i] }, value: node }]]) };
  }
  return node;
}
