/**
 * A guard against YAML alias bombs ("billion laughs") for every YAML scanner at once: a file whose
 * aliases would expand without bound is refused before any scanner walks it, since a scanner that
 * follows aliases node by node would exhaust the heap. Only files that contain both an anchor and
 * an alias are parsed here, so the usual file costs one regular-expression test.
 */
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../../core/finding';

/** Far above any real file (1,000 compose services sharing one anchor stay under it), far below a bomb. */
export const ALIAS_EXPANSION_LIMIT = 10_000;

const ANCHOR = /(?:^|[\s,[{])&[^\s,[\]{}]+/;
const ALIAS = /(?:^|[\s,[{])\*[^\s,[\]{}]+/;

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
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
    try {
      doc.toJS({ maxAliasCount: ALIAS_EXPANSION_LIMIT });
    } catch (error) {
      if (!/alias/i.test((error as Error).message)) continue;
      const line = text.slice(0, alias.index).split('\n').length + (alias[0].startsWith('\n') ? 1 : 0);
      return { file: path, line, message: 'YAML aliases expand without bound (an alias bomb); file skipped' };
    }
  }
  return undefined;
}
