/**
 * Argo CD ApplicationSet generators as the parameter sets they hand the template: `list` elements,
 * `git` files (each config file's keys, `path.*`) and directories (`path`, `path.basename`),
 * `clusters` `values:` (`values.x`), and `matrix` / `merge` of those. Each set becomes one
 * Application whose `{{env}}` / `{{.env}}` / `{{ .values.x }}` placeholders are filled from it.
 * Generators that need a live cluster or service (SCM, pull requests, plugins) give no sets.
 */
import { environmentOf, type Environment } from '../../src/core/environment';
import type { Diagnostic } from '../../src/core/finding';
import { dirname, joinPath } from '../../src/engine/kit/helm-values/chart';
import { cleanRelative, loadValuesTree } from '../../src/engine/kit/helm-values/values-file';
import type { ScanContext } from '../../src/engine/kit/contract';
import { boolOf, textOf, valueAt, type PMap, type PNode } from '../../src/engine/kit/yaml-tree';
import { seqMaps, type Resource } from './manifests';

export type Params = ReadonlyMap<string, string>;

export interface Generated {
  fill: (text: string) => string;
  /** An environment a parameter names on its own (`env: prod`, `path.basename: staging`). */
  environment?: Environment;
}

/** Bounds the Applications one ApplicationSet makes (a matrix multiplies). */
const MAX_ELEMENTS = 50;
/** Bounds matrix/merge nesting (Argo CD itself allows two levels). */
const MAX_DEPTH = 3;

/** `{{env}}`, `{{.env}}`, `{{ .values.x }}`, `{{path.basename}}`: a parameter by its dotted name. */
export function fillWith(params: Params): (text: string) => string {
  return (text) => text.replace(/\{\{-?\s*\.?([\w.[\]-]+)\s*-?\}\}/g, (whole, key: string) => params.get(key) ?? whole);
}

const IDENTITY: Generated = { fill: (t) => t };

/**
 * Each Application an ApplicationSet's generators make; one identity filler when they give none
 * (templated paths then stay unread). A generator read here cannot expand (SCM, plugin...) gets
 * one diagnostic when `aboutRedis` (the template installs a Redis chart).
 */
export function applicationSetElements(r: Resource, ctx: ScanContext, diagnostics: Diagnostic[], aboutRedis: boolean): Generated[] {
  const unknown = new Set<string>();
  const sets: Params[] = [];
  for (const generator of seqMaps(valueAt(r.node, ['spec', 'generators']))) {
    sets.push(...(paramSets(generator, new Map(), r, ctx, unknown, 0) ?? []));
  }
  if (unknown.size && aboutRedis) {
    diagnostics.push({ file: r.file.path, line: r.node.at.line, message: `ApplicationSet ${r.name}: the ${[...unknown].sort().join(', ')} generator is not expanded here (it needs a live cluster or service); its template is checked as written, in no environment` });
  }
  const out = sets.slice(0, MAX_ELEMENTS).map((params): Generated => ({ fill: fillWith(params), environment: environmentOfParams(params, ctx) }));
  return out.length ? out : [IDENTITY];
}

/** A parameter that is an environment name on its own: `env: prod`, `path.basename: staging`. */
function environmentOfParams(params: Params, ctx: ScanContext): Environment | undefined {
  for (const value of params.values()) {
    const env = value && !value.includes('/') ? environmentOf(`${value}/x`, { aliases: ctx.environment.aliases }) : undefined;
    if (env !== undefined) return env;
  }
  return undefined;
}

/** The parameter sets of one generator; undefined for a generator kind this cannot expand. */
function paramSets(generator: PMap, outer: Params, r: Resource, ctx: ScanContext, unknown: Set<string>, depth: number): Params[] | undefined {
  if (depth >= MAX_DEPTH) return [];
  const [kind] = [...generator.entries.keys()].filter((k) => k !== 'selector' && k !== 'values');
  const body = valueAt(generator, [kind]);
  switch (kind) {
    case 'list':
      return seqMaps(valueAt(body, ['elements'])).map((e) => flatten(e));
    case 'clusters':
      // The clusters themselves live in Argo CD; what the template can use from here is `values`.
      return [flatten(valueAt(body, ['values']), 'values.')];
    case 'git':
      return gitParams(body, outer, r, ctx);
    case 'matrix': {
      const [a, b] = seqMaps(valueAt(body, ['generators']));
      const left = a ? paramSets(a, outer, r, ctx, unknown, depth + 1) : undefined;
      if (!left || !b) return left ?? [];
      const out: Params[] = [];
      for (const params of left) {
        // The second generator may use the first one's parameters (`path: envs/{{.env}}/*.json`).
        const right = paramSets(b, new Map([...outer, ...params]), r, ctx, unknown, depth + 1) ?? [];
        for (const more of right) if (out.length < MAX_ELEMENTS) out.push(new Map([...params, ...more]));
      }
      return out;
    }
    case 'merge': {
      const keys = seqTexts(valueAt(body, ['mergeKeys']));
      const [base, ...others] = seqMaps(valueAt(body, ['generators'])).map((g) => paramSets(g, outer, r, ctx, unknown, depth + 1) ?? []);
      if (!base) return [];
      return base.map((params) => {
        let merged = new Map(params);
        for (const other of others) {
          const match = other.find((o) => keys.length > 0 && keys.every((k) => o.get(k) !== undefined && o.get(k) === params.get(k)));
          if (match) merged = new Map([...merged, ...match]);
        }
        return merged;
      });
    }
    default:
      if (kind) unknown.add(kind);
      return undefined;
  }
}

/** A map's scalars as dotted parameters (`values.env`, `cluster.name`); a list element's nested keys too. */
function flatten(node: PNode | undefined, prefix = '', out = new Map<string, string>(), depth = 0): Map<string, string> {
  if (node?.kind !== 'map' || depth > 4) return out;
  for (const [key, entry] of node.entries) {
    const text = textOf(entry.value);
    if (text !== undefined) out.set(`${prefix}${key}`, text);
    else flatten(entry.value, `${prefix}${key}.`, out, depth + 1);
  }
  return out;
}

function seqTexts(node: PNode | undefined): string[] {
  return node?.kind === 'seq' ? node.items.map(textOf).filter((t): t is string => t !== undefined) : [];
}

/**
 * `git.files`: each matching config file (JSON or YAML; a list holds one element per item) with
 * `path`, `path.path`, `path.basename`, `path.filename`; `git.directories`: each matching folder.
 * Paths are relative to the repository root, taken as the nearest folder above the ApplicationSet
 * where the pattern matches.
 */
function gitParams(body: PNode | undefined, outer: Params, r: Resource, ctx: ScanContext): Params[] {
  const fill = fillWith(outer);
  const out: Params[] = [];
  for (const [field, files] of [
    ['files', true],
    ['directories', false],
  ] as const) {
    const patterns = seqMaps(valueAt(body, [field]));
    const include = patterns.filter((p) => boolOf(valueAt(p, ['exclude'])) !== true);
    const exclude = patterns.filter((p) => boolOf(valueAt(p, ['exclude'])) === true);
    for (const p of include) {
      const pattern = cleanRelative(fill(textOf(valueAt(p, ['path'])) ?? '').replace(/\{\{[^}]*\}\}/g, '*'));
      if (!pattern) continue;
      const found = repoGlob(r.file.path, files ? pattern : `${pattern}/*`, ctx);
      if (!found) continue;
      const excluded = new Set(exclude.flatMap((x) => {
        const xp = cleanRelative(fill(textOf(valueAt(x, ['path'])) ?? ''));
        return xp ? (repoGlob(r.file.path, files ? xp : `${xp}/*`, ctx)?.paths ?? []) : [];
      }));
      const excludedDirs = new Set([...excluded].map(dirname));
      const paths = files ? found.paths.filter((f) => !excluded.has(f)) : [...new Set(found.paths.map(dirname))].filter((d) => !excludedDirs.has(d));
      // Bounded before reading: a `**/*.json` pattern must not parse a whole repository.
      for (const path of paths.slice(0, MAX_ELEMENTS - out.length)) {
        const rel = found.base ? path.slice(found.base.length + 1) : path;
        const dir = files ? dirname(rel) : rel;
        const base = dir.slice(dir.lastIndexOf('/') + 1);
        const pathParams: [string, string][] = [
          ['path', dir],
          ['path.path', dir],
          ['path.basename', base],
          ['path.basenameNormalized', base.toLowerCase().replace(/[^a-z0-9-]/g, '-')],
          ...dir.split('/').map((s, i): [string, string] => [`path[${i}]`, s]),
        ];
        if (!files) {
          out.push(new Map(pathParams));
          continue;
        }
        const file = ctx.readFile(path);
        const tree = file ? loadValuesTree(file, []) : undefined;
        const name = rel.slice(rel.lastIndexOf('/') + 1);
        const extra: [string, string][] = [['path.filename', name], ['path.filenameNormalized', name.toLowerCase().replace(/[^a-z0-9.-]/g, '-')]];
        const items = tree?.kind === 'seq' ? seqMaps(tree) : tree?.kind === 'map' ? [tree] : [];
        for (const item of items) out.push(new Map([...flatten(item), ...pathParams, ...extra]));
      }
    }
  }
  return out.slice(0, MAX_ELEMENTS);
}

/** Files matching a repository-root pattern, searched from the ApplicationSet's folder upwards. */
function repoGlob(fromFile: string, pattern: string, ctx: ScanContext): { base: string; paths: string[] } | undefined {
  let dir = dirname(fromFile);
  for (;;) {
    const base = dir.replace(/[*?[\]{}()!\\]/g, '\\$&');
    const paths = ctx.glob(joinPath(base, pattern));
    if (paths.length) return { base: dir, paths };
    if (dir === '') return undefined;
    dir = dirname(dir);
  }
}

/**
 * The environment an Application's own identity names, read like a file name (`redis-prod`,
 * namespace `cache-staging`, destination cluster `prod`): an ApplicationSet's filled template.
 */
export function identityEnvironment(r: Resource, spec: PNode | undefined, fill: (text: string) => string, ctx: ScanContext): Environment | undefined {
  const name = r.kind === 'ApplicationSet' ? textOf(valueAt(r.node, ['spec', 'template', 'metadata', 'name'])) : r.name;
  for (const text of [name, textOf(valueAt(spec, ['destination', 'namespace'])), textOf(valueAt(spec, ['destination', 'name']))]) {
    const filled = text === undefined ? undefined : fill(text);
    if (!filled || filled.includes('{{') || filled.includes('/')) continue;
    const env = environmentOf(filled, { aliases: ctx.environment.aliases });
    if (env !== undefined) return env;
  }
  return undefined;
}
