/**
 * A guard against YAML alias bombs ("billion laughs") for every YAML scanner at once: a file whose
 * aliases would expand without bound is refused before any scanner walks it, since a scanner that
 * follows aliases node by node would exhaust the heap. What counts is the number of nodes the
 * aliases add once expanded, not the number of aliases: one 20k-key map merged into 300 services
 * is 300 aliases but six million nodes. Only files that contain both an anchor and an alias are
 * parsed here, so the usual file costs one regular-expression test.
 */
import { isAlias, isMap, isPair, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../../core/finding';

/**
 * Nodes that aliases may add to a document once expanded: far above real files (1,000 compose
 * services merging a 20-key anchor add 20,000), far below a bomb.
 */
export const ALIAS_EXPANSION_LIMIT = 100_000;

const ANCHOR = /(?:^|[\s,[{])&[^\s,[\]{}]+/;
const ALIAS = /(?:^|[\s,[{])\*[^\s,[\]{}]+/;

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * How many nodes `doc` has as written and once every alias is expanded. Each anchored node's
 * expanded size is computed once (aliases of aliases multiply, so the sum saturates at `cap`); an
 * alias to a node still being read (a self-reference) counts as `cap`.
 */
export function expandedSize(doc: Document.Parsed, cap: number): { own: number; expanded: number } {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  let own = 0;
  const size = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return 1;
      return sizes.get(target) ?? cap;
    }
    if (isPair(node)) return Math.min(cap, size(node.key) + size(node.value));
    own++;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    let total = 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        total = Math.min(cap, total + size(item));
      }
    }
    sizes.set(node as Node, total);
    return total;
  };
  const expanded = size(doc.contents);
  return { own, expanded };
}

/** A one-line diagnostic when `text` is an alias bomb; undefined otherwise (also for broken YAML). */
export function aliasBomb(path: string, text: string): Diagnostic | undefined {
  if (!ANCHOR.test(text)) return undefined;
  const alias = ALIAS.exec(text);
  if (!alias) return undefined;
  let docs;
  try {
    docs = parseAllDocuments(text, { strict: false, uniqueKeys: false });
  } catch {
    return undefined; // the scanner reports syntax errors
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) continue;
    let counted;
    try {
      counted = expandedSize(doc, Number.MAX_SAFE_INTEGER);
    } catch {
      continue; // nested too deep to count here; the scanner reports what it cannot read
    }
    if (counted.expanded - counted.own <= ALIAS_EXPANSION_LIMIT) continue;
    const line = text.slice(0, alias.index).split('\n').length + (alias[0].startsWith('\n') ? 1 : 0);
    return { file: path, line, message: 'YAML aliases expand without bound (an alias bomb); file skipped' };
  }
  return undefined;
}
