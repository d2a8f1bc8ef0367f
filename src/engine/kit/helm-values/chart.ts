/**
 * Which chart a values file belongs to: the nearest `Chart.yaml` (its name and dependencies, with
 * aliases and conditions), and which Redis-family chart a name or values key stands for.
 */
import { buildTree, parseYaml, textOf, valueAt, type PNode } from '../yaml-tree';
import type { ScanContext } from '../contract';
import { chartByName } from './charts';

/** A known Redis-family chart's id (charts/*.ts): `redis`, `valkey`, `redis-ha`, ... */
export type ChartFamily = string;

export interface Dependency {
  name: string;
  /** The values key: the alias when given, else the name. */
  key: string;
  /** `condition:` paths, comma-separated in Chart.yaml. */
  conditions: string[];
  family?: ChartFamily;
}

export interface ChartInfo {
  /** Folder holding Chart.yaml, relative to the scan root ('' for the root). */
  dir: string;
  name?: string;
  family?: ChartFamily;
  dependencies: Dependency[];
}

/** `bitnami/redis`, `oci://registry-1.docker.io/bitnamicharts/redis`, `redis-ha` -> family. */
export function familyOfChartName(name: string | undefined): ChartFamily | undefined {
  return chartByName(name)?.id;
}

/** The family of a chart named `name` from `repository` (a Helm repository URL or OCI registry). */
export function familyOfChart(name: string | undefined, repository: string | undefined): ChartFamily | undefined {
  return chartByName(name, repository)?.id;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** How far up from a values file a Chart.yaml is looked for (`helm/app/values/prod.yaml`). */
const MAX_CHART_LEVELS = 3;

/** The chart a values file belongs to, or undefined when no Chart.yaml is near it. */
export function findChart(valuesPath: string, ctx: ScanContext, cache: Map<string, ChartInfo | null>): ChartInfo | undefined {
  let dir = dirname(valuesPath);
  for (let level = 0; level <= MAX_CHART_LEVELS; level++) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      if (cached) return cached;
    } else {
      const chart = readChart(dir, ctx);
      cache.set(dir, chart ?? null);
      if (chart) return chart;
    }
    if (dir === '') break;
    dir = dirname(dir);
  }
  return undefined;
}

function readChart(dir: string, ctx: ScanContext): ChartInfo | undefined {
  const file = ctx.readFile(joinPath(dir, 'Chart.yaml')) ?? ctx.readFile(joinPath(dir, 'Chart.yml'));
  if (!file) return undefined;
  const doc = firstDocument(file.path, file.text);
  const name = textOf(valueAt(doc, ['name']));
  const deps = dependenciesOf(doc);
  // Helm 2 kept dependencies in requirements.yaml.
  const requirements = ctx.readFile(joinPath(dir, 'requirements.yaml'));
  if (requirements) deps.push(...dependenciesOf(firstDocument(requirements.path, requirements.text)));
  // A vendored chart says whose it is in `home` / `sources` (valkey.io's `valkey` is not Bitnami's).
  const sources = valueAt(doc, ['sources']);
  const publisher = [textOf(valueAt(doc, ['home'])), ...(sources?.kind === 'seq' ? sources.items.map(textOf) : [])].filter(Boolean).join(' ');
  return { dir, name, family: familyOfChart(name, publisher || undefined), dependencies: deps };
}

function firstDocument(path: string, text: string): PNode | undefined {
  const { file } = parseYaml(path, text);
  const doc = file.docs[0];
  return doc ? buildTree(file, text, doc.contents).tree : undefined;
}

function dependenciesOf(doc: PNode | undefined): Dependency[] {
  const out: Dependency[] = [];
  const list = valueAt(doc, ['dependencies']);
  for (const item of list?.kind === 'seq' ? list.items : []) {
    const fields = new Map(item.kind === 'map' ? [...item.entries.values()].map((e) => [e.key, textOf(e.value)]) : []);
    const name = fields.get('name');
    if (!name) continue;
    const alias = fields.get('alias');
    const conditions = (fields.get('condition') ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    // The repository tells whose chart it is (OT-Container-Kit's `redis` is not Bitnami's).
    out.push({ name, key: alias || name, conditions, family: familyOfChart(name, fields.get('repository')) });
  }
  return out;
}

/** Folder names that group environment values rather than name a deployment. */
const GROUPING_FOLDERS = new Set(['environments', 'environment', 'envs', 'env', 'values', 'overlays', 'clusters', 'stages']);

/**
 * The folder that identifies a deployment when there is no Chart.yaml: the values file's folder
 * without trailing environment folders (`environments/prod` -> ``, `helm/app/values` -> `helm/app`).
 * `isEnvironmentFolder(i)`: whether path segment `i` names an environment (never the scan root's own).
 */
export function groupDirOf(path: string, isEnvironmentFolder: (segment: number) => boolean): string {
  const parts = dirname(path).split('/').filter(Boolean);
  while (parts.length > 0) {
    const last = parts[parts.length - 1].toLowerCase();
    if (GROUPING_FOLDERS.has(last) || isEnvironmentFolder(parts.length - 1)) parts.pop();
    else break;
  }
  return parts.join('/');
}
