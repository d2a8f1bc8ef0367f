/**
 * The one positioned YAML tree every YAML scanner reads (compose, Helm, Kubernetes, app config):
 * a document becomes a tree of PNodes that each remember their file, line and column (scalars
 * also their offsets, so a finding can point at a word inside a value). Aliases and `<<` merge
 * keys are expanded; an aliased node is built once and shared, and counts its expanded size
 * against the node budget, so an alias bomb stops here as it does in the alias guard. Trees are
 * never changed in place (callers copy), which is what makes the sharing safe. Trees from several
 * values files are deep-merged the way Helm merges `-f` files (maps merge, lists and scalars
 * replace, null deletes), so a setting inherited from the base file still points at its line.
 */
import { isScalar, type Node } from 'yaml';
import type { SourceRef } from '../../core/facts';
import { lineIndex, type LineIndex } from './line-index';
import { asMap, asScalar, asSeq, deref, entries, primitiveText, refOf, type YamlFile } from './yaml';

export type Origin = SourceRef;

/** Where the text of a multi-line string value begins, for embedded redis.conf. */
export interface TextPlacement {
  /** 0-based line of the file where the text's first line is. */
  lineOffset: number;
  /** Columns before the text on each line (block scalar indentation). */
  columnOffset: number;
  /** False for quoted or plain scalars: positions inside them are approximate. */
  exact: boolean;
  /** Last line of the value in the file (1-based). */
  endLine: number;
}

export interface PScalar {
  kind: 'scalar';
  at: Origin;
  value: unknown;
  placement?: TextPlacement;
  /** Offsets of the value in the file text (start, end of the node), for positions inside it. */
  offsets?: { start: number; end: number };
}
export interface PSeq {
  kind: 'seq';
  at: Origin;
  items: PNode[];
}
export interface PEntry {
  key: string;
  keyAt: Origin;
  value: PNode;
  /** The value's YAML tag when it has one (Compose's `!reset`, `!override`). */
  tag?: string;
}
export interface PMap {
  kind: 'map';
  at: Origin;
  entries: Map<string, PEntry>;
}
export type PNode = PScalar | PSeq | PMap;

const MAX_DEPTH = 64;
/**
 * Nodes a document may expand to, aliases counted by their expanded size: above the alias guard's
 * limit plus a large real file, far below what a bomb needs.
 */
const MAX_NODES = 200_000;

interface Built {
  tree: PNode | undefined;
  /** Nodes the tree stands for once every alias in it is expanded. */
  size: number;
}

interface Budget {
  nodes: number;
  exceeded: boolean;
  /** Each YAML node's tree, built once: an alias (or a `<<` merge) reuses it. */
  built: Map<Node, Built>;
  /** Nodes being built: an alias to one of them is a cycle, which only a bomb has. */
  building: Set<Node>;
}

/**
 * The positioned tree of a document's contents. `truncated` is true when an alias bomb (or a
 * monstrous file) made us stop expanding; the caller reports it as a diagnostic.
 */
export function buildTree(file: YamlFile, text: string, node: unknown): { tree: PNode | undefined; truncated: boolean } {
  const budget: Budget = { nodes: 0, exceeded: false, built: new Map(), building: new Set() };
  const tree = toTreeWithin(file, text, node, 0, budget);
  return { tree: budget.exceeded ? undefined : tree, truncated: budget.exceeded };
}

/** The diagnostic for a tree that `buildTree` gave up on (what was skipped: the file or one document). */
export function truncatedMessage(skipped: 'file' | 'document'): string {
  return `too many YAML aliases or nodes (alias bomb?); ${skipped} skipped`;
}

/** Builds the positioned tree of one YAML node (aliases followed, `<<` merges expanded). */
export function toTree(file: YamlFile, text: string, node: unknown): PNode | undefined {
  return buildTree(file, text, node).tree;
}

function toTreeWithin(file: YamlFile, text: string, raw: unknown, depth: number, budget: Budget): PNode | undefined {
  if (budget.exceeded) return undefined;
  const n = deref(raw);
  if (n === undefined || depth > MAX_DEPTH) return undefined;
  const done = budget.built.get(n);
  if (done) {
    budget.nodes += done.size;
    if (budget.nodes > MAX_NODES) budget.exceeded = true;
    return budget.exceeded ? undefined : done.tree;
  }
  if (budget.building.has(n) || ++budget.nodes > MAX_NODES) {
    budget.exceeded = true;
    return undefined;
  }
  const before = budget.nodes - 1;
  budget.building.add(n);
  const tree = newTree(file, text, n, depth, budget);
  budget.building.delete(n);
  budget.built.set(n, { tree, size: budget.nodes - before });
  return tree;
}

function newTree(file: YamlFile, text: string, n: Node, depth: number, budget: Budget): PNode | undefined {
  const map = asMap(n);
  if (map) {
    const out: PMap = { kind: 'map', at: refOf(file, n), entries: new Map() };
    for (const e of entries(map)) {
      const value = toTreeWithin(file, text, e.pair.value, depth + 1, budget) ?? nullScalar(refOf(file, e.keyNode));
      const entry: PEntry = { key: e.key, keyAt: refOf(file, e.keyNode, e.key), value };
      const tag = (e.pair.value as { tag?: string } | null)?.tag;
      if (tag !== undefined) entry.tag = tag;
      out.entries.set(e.key, entry);
    }
    return out;
  }
  const seq = asSeq(n);
  if (seq) {
    const items: PNode[] = [];
    for (const item of seq.items) {
      const t = toTreeWithin(file, text, item, depth + 1, budget);
      if (t) items.push(t);
    }
    return { kind: 'seq', at: refOf(file, n), items };
  }
  const scalar = asScalar(n);
  if (scalar) {
    const at = refOf(file, n);
    const out: PScalar = { kind: 'scalar', at, value: scalar.value, placement: placementOf(file, text, scalar, at) };
    if (scalar.range) out.offsets = { start: scalar.range[0], end: scalar.range[2] };
    return out;
  }
  return undefined;
}

function nullScalar(at: Origin): PScalar {
  return { kind: 'scalar', at, value: null };
}

function placementOf(file: YamlFile, text: string, scalar: NonNullable<ReturnType<typeof asScalar>>, at: Origin): TextPlacement | undefined {
  if (typeof scalar.value !== 'string' || !isScalar(scalar)) return undefined;
  const endLine = at.endLine ?? at.line;
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    // The header (`|`, `|-`, `>`) is on at.line; the text starts on the next line.
    const lines = linesOf(file, text);
    let indent = 0;
    for (let l = at.line + 1; l <= Math.max(endLine, at.line + 1); l++) {
      const content = lines.lineText(l);
      if (content === undefined) break;
      if (content.trim() === '') continue;
      indent = content.length - content.trimStart().length;
      break;
    }
    return { lineOffset: at.line, columnOffset: indent, exact: scalar.type === 'BLOCK_LITERAL', endLine };
  }
  return { lineOffset: at.line - 1, columnOffset: at.column - 1, exact: false, endLine };
}

const lineIndexCache = new WeakMap<YamlFile, LineIndex>();

/** The line index of a parsed file's text, made once per file (also for positions inside values). */
export function linesOf(file: YamlFile, text: string): LineIndex {
  let lines = lineIndexCache.get(file);
  if (!lines) {
    lines = lineIndex(text);
    lineIndexCache.set(file, lines);
  }
  return lines;
}

export function isNull(node: PNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && (node.value === null || node.value === undefined));
}

/**
 * Helm's merge of a values file over another: maps merge key by key, anything else replaces,
 * and an explicit null removes the key. Returns undefined when the result is deleted.
 * `overKeys`: a merged map's key points at the overriding file's key (the base is chart defaults
 * that have no line of their own), not the base file's.
 */
export function mergeValues(base: PNode | undefined, over: PNode | undefined, overKeys = false): PNode | undefined {
  if (over === undefined) return base;
  if (isNull(over)) return undefined;
  if (base?.kind !== 'map' || over.kind !== 'map') return over;
  const out: PMap = { kind: 'map', at: overKeys ? over.at : base.at, entries: new Map() };
  for (const [key, entry] of base.entries) {
    const o = over.entries.get(key);
    if (!o) {
      out.entries.set(key, entry);
      continue;
    }
    const merged = mergeValues(entry.value, o.value, overKeys);
    // A replaced value is set by the overriding file: point at its key there.
    if (merged) out.entries.set(key, { key, keyAt: merged === o.value || overKeys ? o.keyAt : entry.keyAt, value: merged });
  }
  for (const [key, entry] of over.entries) {
    if (base.entries.has(key) || isNull(entry.value)) continue;
    out.entries.set(key, entry);
  }
  return out;
}

/** The entry at a key path, or undefined. */
export function entryAt(node: PNode | undefined, path: readonly string[]): PEntry | undefined {
  let current = node;
  let found: PEntry | undefined;
  for (const key of path) {
    if (current?.kind !== 'map') return undefined;
    found = current.entries.get(key);
    if (!found) return undefined;
    current = found.value;
  }
  return found;
}

export function valueAt(node: PNode | undefined, path: readonly string[]): PNode | undefined {
  if (path.length === 0) return node;
  const e = entryAt(node, path);
  return e && !isNull(e.value) ? e.value : undefined;
}

export function scalarAt(node: PNode | undefined, path: readonly string[]): PScalar | undefined {
  const v = valueAt(node, path);
  return v?.kind === 'scalar' ? v : undefined;
}

/** A YAML boolean (or the strings people quote). */
export function boolOf(node: PNode | undefined): boolean | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (typeof node.value === 'boolean') return node.value;
  const t = (primitiveText(node.value) ?? '').trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(t)) return true;
  if (['false', 'no', 'off'].includes(t)) return false;
  return undefined;
}

/** Scalar text (numbers too), undefined for null and collections. */
export function textOf(node: PNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null || node.value === undefined) return undefined;
  return primitiveText(node.value);
}

export { parseYaml, type YamlFile } from './yaml';

/**
 * Plain JS of a tree (maps to objects, sequences to arrays), for code that reads a whole document
 * as data (a CI workflow's jobs). Keys are own data properties, so a `__proto__` key is just a key.
 */
export function plainOf(node: PNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainOf);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of node.entries) Object.defineProperty(out, key, { value: plainOf(entry.value), enumerable: true, writable: true, configurable: true });
  return out;
}
