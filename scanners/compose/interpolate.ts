/**
 * Compose variable interpolation (compose-spec 12-interpolation.md): `$VAR`, `${VAR}`,
 * `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+r}`, `${VAR+r}`, nesting, and `$$` for a
 * literal `$` that the container (usually a shell) evaluates later.
 */

/** Variables of the project's `.env`; a name that is absent is unset. */
export type Vars = ReadonlyMap<string, string>;

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OP = /:-|:\?|:\+|-|\?|\+/y;

/** Nested `${A:-${B:-…}}` deeper than this are left as written: real files nest two or three. */
const MAX_NESTING = 16;

function stickyMatch(re: RegExp, text: string, at: number): string {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? '';
}

/**
 * For each `${` in `text`, the index of the `}` that closes it (-1 when none), honouring nesting and
 * `$$`, in one pass. Scanning to the end from every `${` instead is quadratic on `${${${…`.
 */
let closersFor: { text: string; close: Int32Array } | undefined;
function closers(text: string): Int32Array {
  if (closersFor?.text === text) return closersFor.close;
  const close = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i++;
      continue;
    }
    if (text[i] === '$' && text[i + 1] === '{') {
      open.push(i);
      i++;
      continue;
    }
    if (text[i] === '}' && open.length) close[open.pop()!] = i;
  }
  closersFor = { text, close };
  return close;
}

export interface Expression {
  name: string;
  /** `:-`, `-`, `:?`, `?`, `:+`, `+`, or '' for a bare `${VAR}` / `$VAR`. */
  op: string;
  /** The text after the operator (default, error message, replacement), still uninterpolated. */
  arg: string;
  /** Offset of `arg` inside the source text. */
  argOffset: number;
  /** Offset just past the expression. */
  end: number;
}

/** Parses the expression starting at `text[start] === '$'` (not `$$`). */
export function parseExpression(text: string, start: number): Expression | undefined {
  if (text[start + 1] === '{') {
    const name = stickyMatch(NAME, text, start + 2);
    if (!name) return undefined;
    const end = closers(text)[start];
    if (end < 0) return undefined;
    let i = start + 2 + name.length;
    const op = stickyMatch(OP, text, i);
    i += op.length;
    const argOffset = i;
    if (!op && end !== argOffset) return undefined;
    if (end < argOffset) return undefined;
    return { name, op, arg: text.slice(argOffset, end), argOffset, end: end + 1 };
  }
  const name = stickyMatch(NAME, text, start + 1);
  if (!name) return undefined;
  return { name, op: '', arg: '', argOffset: start + 1 + name.length, end: start + 1 + name.length };
}

/** Resolves text the way Compose does. An unset variable without a default becomes ''. */
export function interpolate(text: string, vars: Vars, depth = 0): string {
  if (depth > MAX_NESTING || !text.includes('$')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      continue;
    }
    if (text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const expr = parseExpression(text, i);
    if (!expr) {
      out += ch;
      continue;
    }
    out += evaluate(expr, vars, depth);
    i = expr.end - 1;
  }
  return out;
}

function evaluate(expr: Expression, vars: Vars, depth: number): string {
  const value = vars.get(expr.name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (expr.op) {
    case ':-':
      return nonEmpty ? value : interpolate(expr.arg, vars, depth + 1);
    case '-':
      return set ? value : interpolate(expr.arg, vars, depth + 1);
    case ':+':
      return nonEmpty ? interpolate(expr.arg, vars, depth + 1) : '';
    case '+':
      return set ? interpolate(expr.arg, vars, depth + 1) : '';
    default:
      return value ?? '';
  }
}

/** Where a value really comes from, as far as a credential check cares. */
export type ValueOrigin =
  /** Written into the committed file; `offset` is where the literal text starts in the raw value. */
  | { kind: 'literal'; value: string; offset: number }
  /** From a variable: `.env` (value known), or supplied from outside (value unknown). */
  | { kind: 'env'; name: string; value?: string; mandatory: boolean }
  /** Left for the container to evaluate (`$$VAR`, `$$(cat file)`). */
  | { kind: 'container'; value: string; name?: string; file?: string }
  /** Text and variables mixed; not statically known. */
  | { kind: 'mixed'; value: string }
  | { kind: 'empty' };

/** Classifies a raw (uninterpolated) value that is used whole, e.g. a password argument. */
export function originOf(raw: string, vars: Vars, offset = 0, depth = 0): ValueOrigin {
  if (raw === '') return { kind: 'empty' };
  if (depth > MAX_NESTING) return { kind: 'mixed', value: raw };
  if (!raw.includes('$')) return { kind: 'literal', value: raw, offset };
  if (raw.includes('$$')) {
    const value = interpolate(raw, vars);
    const cat = /^\$\(\s*cat\s+["']?([^"')\s]+)["']?\s*\)$/.exec(value.trim());
    if (cat) return { kind: 'container', value, file: cat[1] };
    const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)(?:[:?+\-][^}]*)?\}?$/.exec(value.trim());
    return { kind: 'container', value, name: name?.[1] };
  }
  if (raw[0] === '$') {
    const expr = parseExpression(raw, 0);
    if (expr && expr.end === raw.length) {
      const value = vars.get(expr.name);
      const set = value !== undefined;
      const nonEmpty = set && value !== '';
      if ((expr.op === ':-' && nonEmpty) || (expr.op === '-' && set) || expr.op === '' || expr.op === ':?' || expr.op === '?') {
        return { kind: 'env', name: expr.name, value, mandatory: expr.op === ':?' || expr.op === '?' };
      }
      if (expr.op === ':-' || expr.op === '-') return originOf(expr.arg, vars, offset + expr.argOffset, depth + 1);
      // `${VAR:+x}`: replacement only when set.
      const v = interpolate(raw, vars);
      return v === '' ? { kind: 'empty' } : { kind: 'mixed', value: v };
    }
  }
  return { kind: 'mixed', value: interpolate(raw, vars) };
}
