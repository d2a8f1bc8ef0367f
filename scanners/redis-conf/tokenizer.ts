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
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\v' || ch === '\f';
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/** Splits one line exactly as `sdssplitargs` does; reports unbalanced quotes as an error. */
export function tokenizeConfLine(line: string): TokenizeResult {
  const tokens: ConfToken[] = [];
  let p = 0;
  for (;;) {
    while (p < line.length && isSpace(line[p])) p++;
    if (p >= line.length) return { tokens };
    const start = p;
    let current = '';
    let inDouble = false;
    let inSingle = false;
    let quoted = false;
    let done = false;
    while (!done) {
      const ch = line[p];
      if (inDouble) {
        if (ch === '\\' && line[p + 1] === 'x' && HEX.test(line[p + 2] ?? '') && HEX.test(line[p + 3] ?? '')) {
          current += String.fromCharCode(parseInt(line.slice(p + 2, p + 4), 16));
          p += 3;
        } else if (ch === '\\' && p + 1 < line.length) {
          p++;
          current += ESCAPES[line[p]] ?? line[p];
        } else if (ch === '"') {
          // The closing quote must be followed by a space or nothing at all.
          if (p + 1 < line.length && !isSpace(line[p + 1])) {
            return { error: 'closing quote must be followed by a space', offset: p };
          }
          done = true;
        } else if (ch === undefined) {
          return { error: 'unbalanced quotes', offset: start };
        } else {
          current += ch;
        }
      } else if (inSingle) {
        if (ch === '\\' && line[p + 1] === "'") {
          p++;
          current += "'";
        } else if (ch === "'") {
          if (p + 1 < line.length && !isSpace(line[p + 1])) {
            return { error: 'closing quote must be followed by a space', offset: p };
          }
          done = true;
        } else if (ch === undefined) {
          return { error: 'unbalanced quotes', offset: start };
        } else {
          current += ch;
        }
      } else if (ch === undefined || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') {
        done = true;
      } else if (ch === '"') {
        inDouble = quoted = true;
      } else if (ch === "'") {
        inSingle = quoted = true;
      } else {
        current += ch;
      }
      if (p < line.length) p++;
    }
    // `p` sits one past the terminator; the token ends before a terminating blank.
    const end = isSpace(line[p - 1]) && !(inDouble || inSingle) ? p - 1 : p;
    tokens.push({ value: current, start, end, quoted });
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
  if (!line.includes('{{')) return line;
  return line.replace(/\{\{.*?\}\}/g, (m) => `{{${'_'.repeat(m.length - 4)}}}`);
}
