/**
 * The parser under the positioned YAML tree (yaml-tree.ts), which is what scanners read. Wraps
 * the `yaml` library: multi-document files, line/column of any node, aliases linked to their
 * anchors, `<<` merge keys, Compose's custom tags, and one-line diagnostics instead of exceptions.
 * The raw-node helpers here serve the tree only; scanners import parseYaml through yaml-tree.ts.
 */
import {
  LineCounter,
  parseAllDocuments,
  isMap,
  isPair,
  isScalar,
  isSeq,
  isAlias,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type Tags,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Diagnostic } from '../../core/finding';
import type { SourceRef } from '../../core/facts';

// Compose's `!reset` / `!override` and CloudFormation-style tags must not make a file unreadable.
// yaml types a collection tag's `resolve` apart from a scalar's; these pass any value through.
const PASSTHROUGH_TAGS = ['!reset', '!override', '!Ref', '!Sub', '!GetAtt', '!vault', '!secret'].flatMap((tag) =>
  (['scalar', 'seq', 'map'] as const).map((collection) => ({
    tag,
    collection: collection === 'scalar' ? undefined : collection,
    resolve: (value: unknown) => value,
  })),
) as unknown as Tags;

export interface YamlFile {
  path: string;
  docs: Document.Parsed[];
  lines: LineCounter;
}

/** Parses every document of a file. Documents with syntax errors are dropped and reported. */
export function parseYaml(path: string, text: string): { file: YamlFile; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  let all: Document.Parsed[] = [];
  try {
    const parsed = parseAllDocuments(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: false,
      strict: false,
      customTags: (tags) => [...tags, ...PASSTHROUGH_TAGS],
    });
    all = Array.isArray(parsed) ? parsed : [parsed];
  } catch (error) {
    diagnostics.push({ file: path, line: 1, message: `cannot parse YAML: ${(error as Error).message}` });
    return { file: { path, docs: [], lines }, diagnostics };
  }
  const docs: Document.Parsed[] = [];
  for (const doc of all) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const pos = lines.linePos(e.pos[0]);
      diagnostics.push({
        file: path,
        line: pos.line,
        column: pos.col,
        message: `YAML syntax error: ${e.message.split('\n')[0]}; document skipped`,
      });
      continue;
    }
    linkAliases(doc);
    docs.push(doc);
  }
  return { file: { path, docs, lines }, diagnostics };
}

/** Where a node starts and ends, 1-based. */
export function refOf(file: YamlFile, node: Node | Pair | null | undefined, anchor?: string): SourceRef {
  const target = isPair(node) ? ((node.key as Node | null) ?? (node.value as Node | null)) : node;
  const range = target?.range;
  if (!range) return { file: file.path, line: 1, column: 1, anchor };
  const start = file.lines.linePos(range[0]);
  const end = file.lines.linePos(range[1]);
  return { file: file.path, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, anchor };
}

/** Alias node -> the node its anchor named at that point of the document. */
const aliasTargets = new WeakMap<object, Node>();

/** Records every alias's target in document order, so nodes can be followed without the document. */
function linkAliases(doc: Document.Parsed): void {
  const anchors = new Map<string, Node>();
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) aliasTargets.set(node, target);
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && (isMap(node) || isSeq(node) || isScalar(node))) anchors.set(anchor, node);
  });
}

/** Follows an alias to its target; YAML anchors in compose files are common (`<<: *default`). */
export function deref(node: unknown): Node | undefined {
  let n = node as Node | undefined;
  for (let i = 0; i < 20 && isAlias(n); i++) n = aliasTargets.get(n);
  return n ?? undefined;
}

export function asMap(node: unknown): YAMLMap | undefined {
  const n = deref(node);
  return isMap(n) ? n : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  const n = deref(node);
  return isSeq(n) ? n : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  const n = deref(node);
  return isScalar(n) ? n : undefined;
}

/** A scalar's value as text (numbers and booleans too); undefined for collections and null. */
function scalarText(node: unknown): string | undefined {
  const s = asScalar(node);
  if (!s || s.value === null || s.value === undefined) return undefined;
  return primitiveText(s.value);
}

/** A scalar's value as text when it is a string, number, boolean or bigint; undefined otherwise. */
export function primitiveText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

export interface Entry {
  key: string;
  pair: Pair;
  keyNode: Node | undefined;
  value: Node | undefined;
}

/** How deep `<<` merges are followed: enough for real files, too shallow for alias bombs. */
const MAX_MERGE_DEPTH = 4;

/**
 * Merged entries per mapping: scanners ask for the same mapping's entries many times, and a map
 * merged into hundreds of services must not be copied again on every question. The result is
 * shared: callers must not change it.
 */
const entriesCache = new WeakMap<object, Entry[]>();

/** The entries of a mapping, with `<<` merge keys expanded (explicit keys win). */
export function entries(node: unknown, depth = 0): Entry[] {
  const map = asMap(node);
  if (!map) return [];
  if (depth === 0) {
    let cached = entriesCache.get(map);
    if (!cached) {
      cached = mergedEntries(map, 0);
      entriesCache.set(map, cached);
    }
    return cached;
  }
  return mergedEntries(map, depth);
}

function mergedEntries(map: YAMLMap, depth: number): Entry[] {
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.items) {
    const key = scalarText(pair.key);
    if (key === undefined) continue;
    if (key === '<<') {
      const sources = asSeq(pair.value)?.items ?? [pair.value];
      if (depth >= MAX_MERGE_DEPTH) continue;
      for (const source of sources) merged.push(...entries(source, depth + 1));
      continue;
    }
    own.push({ key, pair, keyNode: deref(pair.key), value: deref(pair.value) });
  }
  const seen = new Set(own.map((e) => e.key));
  return [...own, ...merged.filter((e) => !seen.has(e.key))];
}
