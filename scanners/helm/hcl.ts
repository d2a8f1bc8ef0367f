/**
 * A small, bounded reader for the HCL that Terraform `helm_release` resources are written in:
 * blocks, attributes, strings (with `${...}` templates and heredocs), numbers, booleans, lists,
 * objects and function calls. Anything else (operators, conditionals, `for` expressions,
 * traversals such as `var.x`) is kept as opaque text: its value is not known before `apply`.
 * Never throws; depth and size are bounded, malformed input ends the body that holds it.
 */

export interface Pos {
  line: number;
  column: number;
}

export type HclValue =
  | { kind: 'string'; value: string; at: Pos; template: boolean; heredoc?: { lineOffset: number; columnOffset: number; endLine: number } }
  | { kind: 'number' | 'bool' | 'null'; value: number | boolean | null; at: Pos }
  | { kind: 'list'; items: HclValue[]; at: Pos }
  | { kind: 'object'; entries: HclAttribute[]; at: Pos }
  | { kind: 'call'; name: string; args: HclValue[]; at: Pos }
  | { kind: 'expr'; text: string; at: Pos };

export interface HclAttribute {
  key: string;
  keyAt: Pos;
  value: HclValue;
}

export interface HclBlock {
  type: string;
  labels: string[];
  at: Pos;
  body: HclBody;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

type TokenKind = 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'newline' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  at: Pos;
  /** Heredoc only: 0-based line of its first content line, and its last line. */
  lineOffset?: number;
  endLine?: number;
  indent?: number;
}

const MAX_DEPTH = 48;
const MAX_TOKENS = 400_000;

function tokenize(text: string, start: Pos = { line: 1, column: 1 }): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = start.line;
  let col = start.column;
  const advance = (n: number) => {
    for (let k = 0; k < n && i < text.length; k++, i++) {
      if (text[i] === '\n') {
        line++;
        col = 1;
      } else col++;
    }
  };
  while (i < text.length && out.length < MAX_TOKENS) {
    const c = text[i];
    const at = { line, column: col };
    if (c === '\n') {
      out.push({ kind: 'newline', text: '\n', at });
      advance(1);
    } else if (c === ' ' || c === '\t' || c === '\r') advance(1);
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      advance((end < 0 ? text.length : end) - i);
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      advance((end < 0 ? text.length : end + 2) - i);
    } else if (c === '"') {
      // A quoted template: `\"` escapes, `${ ... }` may hold quotes of its own.
      let j = i + 1;
      let depth = 0;
      let value = '';
      while (j < text.length && text[j] !== '\n') {
        const d = text[j];
        if (depth === 0 && d === '"') break;
        if (d === '\\' && j + 1 < text.length) {
          const e = text[j + 1];
          value += depth > 0 ? d + e : e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
          continue;
        }
        if ((d === '$' || d === '%') && text[j + 1] === '{') {
          depth++;
          value += d + '{';
          j += 2;
          continue;
        }
        if (depth > 0 && d === '"') {
          // A string inside an interpolation: copy it whole.
          const close = text.indexOf('"', j + 1);
          const end = close < 0 || text.slice(j, close).includes('\n') ? j + 1 : close + 1;
          value += text.slice(j, end);
          j = end;
          continue;
        }
        if (depth > 0 && d === '}') depth--;
        value += d;
        j++;
      }
      out.push({ kind: 'string', text: value, at });
      advance(j + 1 - i);
    } else if (c === '<' && text[i + 1] === '<' && /^<<-?[A-Za-z_][\w-]*[ \t]*\r?\n/.test(text.slice(i, i + 80))) {
      const m = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 80))!;
      const bodyStart = i + m[0].length;
      const close = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
      const rest = text.slice(bodyStart);
      const found = close.exec(rest);
      const bodyEnd = found ? bodyStart + found.index : text.length;
      let body = text.slice(bodyStart, bodyEnd);
      let indent = 0;
      if (m[1] === '-') {
        const lines = body.split('\n');
        indent = lines.filter((l) => l.trim() !== '').reduce((min, l) => Math.min(min, /^[ \t]*/.exec(l)![0].length), Infinity);
        if (!Number.isFinite(indent)) indent = 0;
        body = lines.map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length))).join('\n');
      }
      const bodyLines = text.slice(bodyStart, bodyEnd).split('\n').length;
      out.push({ kind: 'heredoc', text: body, at, lineOffset: line, endLine: line + bodyLines, indent });
      advance((found ? bodyStart + found.index + found[0].length : text.length) - i);
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64))!;
      out.push({ kind: 'number', text: m[0], at });
      advance(m[0].length);
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 256))!;
      out.push({ kind: 'ident', text: m[0], at });
      advance(m[0].length);
    } else {
      const two = text.slice(i, i + 2);
      const p = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...'].find((op) => text.startsWith(op, i)) ?? (two === '::' ? two : c);
      out.push({ kind: 'punct', text: p, at });
      advance(p.length);
    }
  }
  out.push({ kind: 'eof', text: '', at: { line, column: col } });
  return out;
}

class Parser {
  private i = 0;
  private readonly lines: string[];
  constructor(
    private readonly tokens: Token[],
    source: string,
  ) {
    this.lines = source.split('\n');
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }
  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }

  body(depth: number, closing: boolean): HclBody {
    const body: HclBody = { attributes: [], blocks: [] };
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') return body;
      if (closing && this.isPunct('}')) {
        this.next();
        return body;
      }
      if (t.kind !== 'ident') {
        this.skipLine(depth);
        continue;
      }
      this.next();
      if (this.isPunct('=')) {
        this.next();
        body.attributes.push({ key: t.text, keyAt: t.at, value: this.expr(depth + 1, true) });
        continue;
      }
      const labels: string[] = [];
      while (this.peek().kind === 'string' || this.peek().kind === 'ident') labels.push(this.next().text);
      if (this.isPunct('{') && depth < MAX_DEPTH) {
        this.next();
        body.blocks.push({ type: t.text, labels, at: t.at, body: this.body(depth + 1, true) });
        continue;
      }
      this.skipLine(depth);
    }
  }

  /** Past the rest of a line we cannot read (brackets balanced), so one bad line loses only itself. */
  private skipLine(depth: number): void {
    let nest = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'newline' && nest <= 0) return;
      if (t.kind === 'punct' && '{[('.includes(t.text)) nest++;
      if (t.kind === 'punct' && '}])'.includes(t.text)) {
        if (nest === 0 && depth > 0 && t.text === '}') return;
        nest--;
      }
      this.next();
    }
  }

  /** One expression; `lineEnds`: a newline ends it (attribute values, object items). */
  expr(depth: number, lineEnds: boolean): HclValue {
    const start = this.peek();
    if (depth > MAX_DEPTH) {
      this.skipLine(depth);
      return { kind: 'expr', text: '', at: start.at };
    }
    const primary = this.primary(depth);
    // Operators, conditionals, traversals: the value is not known before apply.
    if (this.continuesExpr()) {
      let nest = 0;
      for (;;) {
        const t = this.peek();
        if (t.kind === 'eof') break;
        if (nest === 0 && ((lineEnds && t.kind === 'newline') || (t.kind === 'punct' && [',', ')', ']', '}'].includes(t.text)))) break;
        if (t.kind === 'punct' && '{[('.includes(t.text)) nest++;
        if (t.kind === 'punct' && '}])'.includes(t.text)) nest--;
        this.next();
      }
      return { kind: 'expr', text: this.textBetween(start), at: start.at };
    }
    return primary;
  }

  private continuesExpr(): boolean {
    const t = this.peek();
    return t.kind === 'punct' && ['.', '[', '?', ':', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '!'].includes(t.text);
  }

  private textBetween(start: Token): string {
    const lines = this.lines;
    const end = this.peek();
    if (start.at.line !== end.at.line) return (lines[start.at.line - 1] ?? '').slice(start.at.column - 1).trim();
    return (lines[start.at.line - 1] ?? '').slice(start.at.column - 1, end.at.column - 1).trim();
  }

  private primary(depth: number): HclValue {
    const t = this.next();
    if (t.kind === 'string') return this.template(t, depth);
    if (t.kind === 'heredoc') return { kind: 'string', value: t.text, at: t.at, template: /[$%]\{/.test(t.text), heredoc: { lineOffset: t.lineOffset!, columnOffset: t.indent ?? 0, endLine: t.endLine! } };
    if (t.kind === 'number') return { kind: 'number', value: Number(t.text), at: t.at };
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true', at: t.at };
      if (t.text === 'null') return { kind: 'null', value: null, at: t.at };
      if (this.isPunct('(')) {
        this.next();
        const args = this.sequence(')', depth);
        return { kind: 'call', name: t.text, args, at: t.at };
      }
      return { kind: 'expr', text: t.text, at: t.at };
    }
    if (t.kind === 'punct' && t.text === '[') return { kind: 'list', items: this.sequence(']', depth), at: t.at };
    if (t.kind === 'punct' && t.text === '{') return this.object(t, depth);
    if (t.kind === 'punct' && t.text === '(') {
      const inner = this.expr(depth + 1, false);
      if (this.isPunct(')')) this.next();
      return inner;
    }
    if (t.kind === 'punct' && t.text === '-' && this.peek().kind === 'number') return { kind: 'number', value: -Number(this.next().text), at: t.at };
    return { kind: 'expr', text: t.text, at: t.at };
  }

  /** Items up to `close`, separated by commas (newlines allowed); a `for` expression stays opaque. */
  private sequence(close: string, depth: number): HclValue[] {
    const items: HclValue[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') return items;
      if (this.isPunct(close)) {
        this.next();
        return items;
      }
      if (this.isPunct(',') || this.isPunct('...')) {
        this.next();
        continue;
      }
      const before = this.i;
      items.push(this.expr(depth + 1, false));
      if (this.i === before) this.next();
    }
  }

  private object(open: Token, depth: number): HclValue {
    const entries: HclAttribute[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (this.isPunct('}')) {
        this.next();
        break;
      }
      if (this.isPunct(',')) {
        this.next();
        continue;
      }
      const before = this.i;
      const key = this.expr(depth + 1, true);
      if ((this.isPunct('=') || this.isPunct(':')) && (key.kind === 'string' || key.kind === 'expr')) {
        this.next();
        const keyText = key.kind === 'string' ? key.value : key.text.replace(/^\((.*)\)$/, '$1');
        entries.push({ key: keyText, keyAt: key.at, value: this.expr(depth + 1, true) });
      } else if (this.i === before) this.next();
    }
    return { kind: 'object', entries, at: open.at };
  }

  /** `"${file("x")}"` is the call itself; other templates stay text. */
  private template(t: Token, depth: number): HclValue {
    const whole = /^\$\{([\s\S]*)\}$/.exec(t.text);
    if (whole && !whole[1].includes('${') && depth < MAX_DEPTH) {
      const inner = new Parser(tokenize(whole[1], { line: t.at.line, column: t.at.column + 3 }), whole[1]).expr(depth + 1, false);
      if (inner.kind !== 'expr') return inner;
    }
    return { kind: 'string', value: t.text, at: t.at, template: /[$%]\{/.test(t.text) };
  }
}

/** The top-level body of an HCL file. */
export function parseHcl(text: string): HclBody {
  return new Parser(tokenize(text), text).body(0, false);
}

export function attribute(body: HclBody, key: string): HclAttribute | undefined {
  return body.attributes.find((a) => a.key === key);
}

/** A literal's text (`"redis"`, `false`, `3`), undefined for anything not known before apply. */
export function literalText(value: HclValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'string') return value.template ? undefined : value.value;
  if (value.kind === 'number' || value.kind === 'bool') return String(value.value);
  return undefined;
}
