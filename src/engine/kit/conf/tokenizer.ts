/**
 * Redis's argument splitter (`sdssplitargs` in src/sds.c), with the source span of every token so
 * findings can point at a value. Also the line loop of `loadServerConfigFromString`: split on
 * `\n`, trim ` \t\r\n`, a line is a comment only when it starts with `#` (no inline comments).
 */

export interface ConfToken {
  /** The argument after unquoting and unescaping. */
  value: string;
  /** 0-based offset of the token's first character (a quote, if quoted) in the line. */
  start: number;
  /** 0-based offset just past the token's last character. */
  end: number;
  /** True when any part of the token was quoted. */
  quoted: boolean;
}

export type TokenizeResult = { tokens: ConfToken[]; error?: undefined } | { tokens?: undefined; error: string; offset: number };

const HEX = /^[0-9a-fA-F]$/;

/** C `isspace`: what sdssplitargs skips between tokens. */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** What ends an unquoted run: a blank of the unquoted switch, or a quote. */
function endsUnquoted(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 34 || c === 39;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/**
 * Splits one line exactly as `sdssplitargs` does; reports unbalanced quotes as an error. Plain
 * runs are copied as slices, so a long line costs one pass.
 */
export function tokenizeConfLine(line: string): TokenizeResult {
  const tokens: ConfToken[] = [];
  const n = line.length;
  let p = 0;
  for (;;) {
    while (p < n && isSpaceCode(line.charCodeAt(p))) p++;
    if (p >= n) return { tokens };
    const start = p;
    const parts: string[] = [];
    let quoted = false;
    for (;;) {
      // Unquoted run up to a blank, a quote or the end.
      let q = p;
      while (q < n && !endsUnquoted(line.charCodeAt(q))) q++;
      if (q > p) parts.push(line.slice(p, q));
      p = q;
      if (p >= n) break;
      const c = line.charCodeAt(p);
      if (c !== 34 && c !== 39) break; // a blank ends the token
      quoted = true;
      const double = c === 34;
      p++;
      for (;;) {
        if (p >= n) return { error: 'unbalanced quotes', offset: start };
        // Copy up to the next backslash or closing quote in one slice.
        let r = p;
        const close = double ? 34 : 39;
        while (r < n && line.charCodeAt(r) !== close && line.charCodeAt(r) !== 92) r++;
        if (r > p) parts.push(line.slice(p, r));
        p = r;
        if (p >= n) return { error: 'unbalanced quotes', offset: start };
        if (line.charCodeAt(p) === 92) {
          if (double && line[p + 1] === 'x' && HEX.test(line[p + 2] ?? '') && HEX.test(line[p + 3] ?? '')) {
            parts.push(String.fromCharCode(parseInt(line.slice(p + 2, p + 4), 16)));
            p += 4;
          } else if (double && p + 1 < n) {
            parts.push(ESCAPES[line[p + 1]] ?? line[p + 1]);
            p += 2;
          } else if (!double && line[p + 1] === "'") {
            parts.push("'");
            p += 2;
          } else {
            // A lone backslash: kept as is (single quotes; or at the very end, then unbalanced).
            parts.push('\\');
            p++;
          }
          continue;
        }
        // The closing quote must be followed by a space or nothing at all.
        if (p + 1 < n && !isSpaceCode(line.charCodeAt(p + 1))) {
          return { error: 'closing quote must be followed by a space', offset: p };
        }
        p++;
        break;
      }
      // After a closing quote the token is over.
      break;
    }
    tokens.push({ value: parts.join(''), start, end: p, quoted });
  }
}

/**
 * `sdssplitargs` as others need it: the arguments of one line, or undefined when its quotes are
 * unbalanced (Redis refuses such a line).
 */
export function splitConfArgs(line: string): string[] | undefined {
  const result = tokenizeConfLine(line);
  return result.tokens?.map((t) => t.value);
}

export interface ConfLine {
  /** 0-based line index in the text. */
  index: number;
  /** The raw line (without `\n`). */
  raw: string;
  tokens: ConfToken[];
}

export interface BadConfLine {
  index: number;
  raw: string;
  error: string;
  offset: number;
  /** The first blank-separated word, lower-cased, so callers know what the line tried to set. */
  name: string;
}

/** The non-comment, non-blank lines of a conf file, tokenized; bad lines reported apart. */
export function readConfLines(text: string): { lines: ConfLine[]; bad: BadConfLine[] } {
  const lines: ConfLine[] = [];
  const bad: BadConfLine[] = [];
  const raw = text.split('\n');
  for (let index = 0; index < raw.length; index++) {
    const line = raw[index];
    const trimmed = line.replace(/^[ \t\r\n]+/, '');
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const result = tokenizeConfLine(maskTemplates(line));
    if (result.error !== undefined) {
      bad.push({ index, raw: line, error: result.error, offset: result.offset, name: trimmed.split(/[ \t]/)[0].toLowerCase() });
      continue;
    }
    if (result.tokens.length === 0) continue;
    lines.push({ index, raw: line, tokens: result.tokens });
  }
  return { lines, bad };
}

/**
 * Helm/Go template actions (`{{ .Values.auth.password }}`) are replaced before Redis reads the
 * text; keep each one a single token of the same width so spaces and quotes inside it neither
 * split arguments nor unbalance quotes, and positions stay exact.
 */
export function maskTemplates(line: string): string {
  let open = line.indexOf('{{');
  if (open < 0) return line;
  let out = '';
  let from = 0;
  while (open >= 0) {
    const close = line.indexOf('}}', open + 2);
    if (close < 0) break;
    out += `${line.slice(from, open)}{{${'_'.repeat(close - open - 2)}}}`;
    from = close + 2;
    open = line.indexOf('{{', from);
  }
  return out + line.slice(from);
}
