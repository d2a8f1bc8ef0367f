/**
 * dotenv files with positions. Values come from `dotenv.parse` (the reference parser); this module
 * only finds where each key and value is written, which dotenv does not report.
 */
import { parse } from 'dotenv';

export interface DotenvEntry {
  name: string;
  /** 1-based line and column of the key. */
  line: number;
  column: number;
  /** 1-based column where the value text starts (after `=` and blanks, quote included). */
  valueColumn: number;
  /** Absolute offsets of the value text in the file. */
  valueOffset: number;
  valueEnd: number;
  /** True when the value is written in quotes. */
  quoted: boolean;
}

const LINE = /^([ \t]*(?:export[ \t]+)?)([\w.-]+)([ \t]*[=:][ \t]*)/;

/** Every assignment's position; for a key written twice, the last one (dotenv's last wins). */
export function dotenvEntries(text: string): DotenvEntry[] {
  const byName = new Map<string, DotenvEntry>();
  let offset = 0;
  let openQuote: string | undefined;
  const lines = text.split('\n');
  lines.forEach((lineText, index) => {
    const lineStart = offset;
    offset += lineText.length + 1;
    if (openQuote) {
      // Inside a multi-line quoted value: look for its closing quote.
      if (lineText.includes(openQuote)) openQuote = undefined;
      return;
    }
    const m = LINE.exec(lineText);
    if (!m) return;
    const name = m[2];
    const valueStart = m[0].length;
    const rest = lineText.slice(valueStart).replace(/\r$/, '');
    const quote = /^["'`]/.exec(rest)?.[0];
    let valueEnd = lineStart + lineText.replace(/\r$/, '').length;
    if (quote) {
      const close = rest.indexOf(quote, 1);
      if (close < 0) openQuote = quote;
      else valueEnd = lineStart + valueStart + close + 1;
    } else {
      const comment = rest.search(/\s#/);
      if (comment >= 0) valueEnd = lineStart + valueStart + comment;
    }
    byName.delete(name);
    byName.set(name, {
      name,
      line: index + 1,
      column: m[1].length + 1,
      valueColumn: valueStart + 1,
      valueOffset: lineStart + valueStart,
      valueEnd,
      quoted: quote !== undefined,
    });
  });
  return [...byName.values()];
}

/** dotenv.parse that never throws. */
export function parseDotenv(text: string): Record<string, string> {
  try {
    return parse(text);
  } catch {
    return {};
  }
}
