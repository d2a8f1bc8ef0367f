/**
 * Static value resolution: what an expression is known to hold, without running anything.
 * Knows literals, objects (with spreads), arrays, `const` (and never-reassigned `let`) bindings
 * through several hops, destructuring, template literals and `+` concatenation. Values provided
 * from outside (`process.env.X`, `import.meta.env.X`, `config.get('…')`, secret managers) are
 * `external`; anything else it cannot see (parameters, imports, calls) is `unknown`, and rules
 * stay quiet about unknowns.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '../ast/eslint-utils';
import { unwrap } from '../ast/unwrap';
import { memberName, propertyName } from '../ast/property-name';
import { returnedExpression } from '../ast/returned';

/** A piece of a string value: literal text (with its source node) or a hole of unknown content. */
export type Piece =
  | {
      kind: 'text';
      text: string;
      node: TSESTree.Node;
      /** Source offset of text[0] when the source spells the text verbatim (no escapes). */
      start?: number;
    }
  | { kind: 'hole'; value: Value };

export interface Prop {
  key: string;
  keyNode: TSESTree.Node;
  value: Value;
}

export type Value =
  | { kind: 'string'; node: TSESTree.Node; pieces: Piece[] }
  | { kind: 'number'; node: TSESTree.Node; value: number }
  | { kind: 'boolean'; node: TSESTree.Node; value: boolean }
  | { kind: 'nullish'; node: TSESTree.Node }
  | {
      kind: 'object';
      node: TSESTree.Node;
      props: Map<string, Prop>;
      complete: boolean;
      /** Computed keys not known statically: the names each could be (`[\`${p}Timeout\`]`). */
      openKeys?: RegExp[];
    }
  | { kind: 'array'; node: TSESTree.Node; elements: Value[]; complete: boolean }
  | { kind: 'function'; node: TSESTree.Node }
  /**
   * `name`: the variable (`REDIS_URL`) or config key (`redis.url`) when known; `bag`: the whole
   * `process.env` object, whose properties are variables.
   */
  | { kind: 'external'; node: TSESTree.Node; source: 'env' | 'config' | 'secret'; name?: string; bag?: boolean }
  /** `a || b`, `a ?? b`, `c ? a : b`: any of these. */
  | { kind: 'either'; node: TSESTree.Node; options: Value[] }
  | { kind: 'unknown'; node: TSESTree.Node };

export type StringValue = Extract<Value, { kind: 'string' }>;
export type ObjectValue = Extract<Value, { kind: 'object' }>;

/** The character a hole renders as in `render()`; never part of a real URL. */
export const HOLE = '\u0000';

const MAX_DEPTH = 16;
const CONFIG_RECEIVER = /config|\bconf\b|cfg|settings|nconf|convict/i;
const CONFIG_METHODS = new Set(['get', 'getOrThrow', 'getString', 'require', 'getValue']);
const SECRET_CALLS =
  /^(getSecret|getSecretValue|getSecretString|accessSecretVersion|readSecret|fetchSecret|loadSecret|getParameter|getParameters|resolveSecret|secret)$/i;

/**
 * What a resolver asks beyond its own file (rules/resolve/modules.ts): the value an import binding
 * names in the module that exports it, and the resolver of the file a node belongs to (a value
 * from another file is resolved there, with that file's scopes).
 */
export interface ResolverHooks {
  imported(def: { type: string; node: TSESTree.Node; parent?: TSESTree.Node | null; name: TSESTree.Identifier }, at: TSESTree.Node): Value | undefined;
  owner(node: TSESTree.Node): Resolver | undefined;
  /** `require('./config')`: what the module exports (`module.exports`, `exports.x = …`). */
  required(specifier: string, at: TSESTree.Node): Value | undefined;
}

export class Resolver {
  private readonly cache = new Map<TSESTree.Node, Value>();
  private readonly visiting = new Set<TSESTree.Node>();
  private depth = 0;

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly hooks?: ResolverHooks,
  ) {}

  resolve(input: TSESTree.Node): Value {
    const cached = this.cache.get(input);
    if (cached) return cached;
    if (this.hooks) {
      const owner = this.hooks.owner(input);
      if (owner && owner !== this) return owner.resolve(input);
    }
    if (this.depth > MAX_DEPTH || this.visiting.has(input)) return { kind: 'unknown', node: input };
    this.depth++;
    this.visiting.add(input);
    try {
      const value = this.compute(input);
      this.cache.set(input, value);
      return value;
    } finally {
      this.depth--;
      this.visiting.delete(input);
    }
  }

  private compute(input: TSESTree.Node): Value {
    const node = unwrap(input);
    switch (node.type) {
      case 'Literal':
        return this.literal(node);
      case 'TemplateLiteral':
        return this.template(node);
      case 'Identifier':
        return this.identifier(node);
      case 'MemberExpression':
        return this.member(node);
      case 'ObjectExpression':
        return this.object(node);
      case 'ArrayExpression':
        return this.array(node);
      case 'LogicalExpression':
        if (node.operator === '&&') return { kind: 'unknown', node };
        return { kind: 'either', node, options: [this.resolve(node.left), this.resolve(node.right)] };
      case 'ConditionalExpression':
        return { kind: 'either', node, options: [this.resolve(node.consequent), this.resolve(node.alternate)] };
      case 'BinaryExpression':
        return node.operator === '+' ? this.concat(node) : { kind: 'unknown', node };
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { kind: 'function', node };
      case 'CallExpression':
        return this.call(node);
      case 'AwaitExpression':
        return this.awaited(node);
      case 'UnaryExpression':
        if (node.operator === 'void') return { kind: 'nullish', node };
        return { kind: 'unknown', node };
      case 'SequenceExpression':
        return this.resolve(node.expressions[node.expressions.length - 1]);
      default:
        return { kind: 'unknown', node };
    }
  }

  private literal(node: TSESTree.Literal): Value {
    if (typeof node.value === 'string') {
      const raw = this.sourceCode.getText(node);
      const verbatim = raw.slice(1, -1) === node.value;
      return {
        kind: 'string',
        node,
        pieces: [{ kind: 'text', text: node.value, node, start: verbatim ? node.range[0] + 1 : undefined }],
      };
    }
    if (typeof node.value === 'number') return { kind: 'number', node, value: node.value };
    if (typeof node.value === 'boolean') return { kind: 'boolean', node, value: node.value };
    if (node.value === null && node.raw === 'null') {
      return { kind: 'nullish', node };
    }
    return { kind: 'unknown', node };
  }

  private template(node: TSESTree.TemplateLiteral): Value {
    const pieces: Piece[] = [];
    node.quasis.forEach((quasi, i) => {
      const cooked = quasi.value.cooked;
      if (cooked === null || cooked === undefined) {
        pieces.push({ kind: 'hole', value: { kind: 'unknown', node: quasi } });
      } else if (cooked !== '') {
        const text = this.sourceCode.getText(quasi);
        // A quasi's source starts with its delimiter (` or }); the raw text follows it.
        const lead = text.startsWith('`') || text.startsWith('}') ? 1 : 0;
        const verbatim = quasi.value.raw === cooked;
        pieces.push({ kind: 'text', text: cooked, node: quasi, start: verbatim ? quasi.range[0] + lead : undefined });
      }
      if (i < node.expressions.length) pieces.push(...this.asPieces(this.resolve(node.expressions[i])));
    });
    return { kind: 'string', node, pieces };
  }

  /** A value spliced into a string: its own pieces, its text, or a hole. */
  private asPieces(value: Value): Piece[] {
    if (value.kind === 'string') return value.pieces;
    if (value.kind === 'number' || value.kind === 'boolean') {
      return [{ kind: 'text', text: String(value.value), node: value.node }];
    }
    return [{ kind: 'hole', value }];
  }

  private concat(node: TSESTree.BinaryExpression): Value {
    const left = this.resolve(node.left);
    const right = this.resolve(node.right);
    if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', node, value: left.value + right.value };
    if (left.kind === 'string' || right.kind === 'string') {
      return { kind: 'string', node, pieces: [...this.asPieces(left), ...this.asPieces(right)] };
    }
    return { kind: 'unknown', node };
  }

  private identifier(node: TSESTree.Identifier): Value {
    const variable = findVariable(this.sourceCode, node);
    if (!variable) return node.name === 'undefined' ? { kind: 'nullish', node } : { kind: 'unknown', node };
    if (variable.defs.length !== 1) return { kind: 'unknown', node };
    const def = variable.defs[0];
    if (def.type === 'FunctionName') return { kind: 'function', node: def.node as TSESTree.Node };
    if (isEnvModule(def)) return { kind: 'external', node, source: 'env', bag: true };
    if (def.type === 'ImportBinding' && this.hooks) return this.hooks.imported(def, node) ?? { kind: 'unknown', node };
    if (def.type !== 'Variable') return { kind: 'unknown', node };
    const declarator = def.node;
    if (!declarator.init) return { kind: 'unknown', node };
    // `let`/`var` count only when never reassigned after the declaration.
    if (variable.references.some((r) => r.isWrite() && !r.init)) return { kind: 'unknown', node };
    if (declarator.id.type === 'Identifier') {
      const value = this.resolve(declarator.init);
      // `const opts = { host }; opts.password = pw;` – a mutated object is not fully known.
      return isMutated(variable) ? loosen(value) : value;
    }
    const path = patternPath(declarator.id, def.name);
    if (!path) return this.rest(declarator, def.name, node);
    let value = this.resolve(declarator.init);
    for (const key of path) value = this.property(value, key, node);
    return value;
  }

  /** `const { port, host, ...options } = config`: the object without the keys taken before. */
  private rest(declarator: TSESTree.VariableDeclarator, target: TSESTree.Identifier, node: TSESTree.Identifier): Value {
    const found = restPath(declarator.id, target);
    if (!found || !declarator.init) return { kind: 'unknown', node };
    let value = this.resolve(declarator.init);
    for (const key of found.path) value = this.property(value, key, node);
    if (value.kind !== 'object') return value.kind === 'external' && value.bag ? value : { kind: 'unknown', node };
    const props = new Map([...value.props].filter(([key]) => !found.taken.includes(key)));
    return { ...value, props };
  }

  private member(node: TSESTree.MemberExpression): Value {
    const key = memberName(node);
    const object = unwrap(node.object);
    if (key !== undefined && isEnvObject(object)) return { kind: 'external', node, source: 'env', name: key };
    if (isEnvObject(object)) return { kind: 'external', node, source: 'env' };
    // `process.env` itself (destructured: `const { REDIS_URL } = process.env`): a bag of variables.
    if (isEnvObject(node)) return { kind: 'external', node, source: 'env', bag: true };
    if (key === undefined) return { kind: 'unknown', node };
    return this.property(this.resolve(object), key, node);
  }

  /** `value[key]` when value is known; unknown otherwise. */
  property(value: Value, key: string, at: TSESTree.Node): Value {
    if (value.kind === 'object') {
      const prop = value.props.get(key);
      if (prop) return prop.value;
      return value.complete && !mayBeOpenKey(value, key) ? { kind: 'nullish', node: at } : { kind: 'unknown', node: at };
    }
    if (value.kind === 'array' && /^\d+$/.test(key)) {
      return value.elements[Number(key)] ?? { kind: 'unknown', node: at };
    }
    if (value.kind === 'external') {
      // A variable of the environment bag, or a key inside a config section (`config.get('redis').url`).
      const name = value.bag ? key : value.source === 'config' && value.name ? `${value.name}.${key}` : undefined;
      return { kind: 'external', node: at, source: value.source, ...(name ? { name } : {}) };
    }
    return { kind: 'unknown', node: at };
  }

  private object(node: TSESTree.ObjectExpression): Value {
    const props = new Map<string, Prop>();
    const openKeys: RegExp[] = [];
    let complete = true;
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        // `...(password && { password })`: the keys are there exactly when the condition holds.
        const arg = unwrap(p.argument);
        const spread = this.resolve(arg.type === 'LogicalExpression' && arg.operator === '&&' ? arg.right : arg);
        if (spread.kind === 'object') {
          for (const [k, v] of spread.props) props.set(k, v);
          openKeys.push(...(spread.openKeys ?? []));
          complete &&= spread.complete;
        } else if (spread.kind !== 'nullish') {
          complete = false;
        }
        continue;
      }
      let key = propertyName(p.key, p.computed);
      if (key === undefined) {
        // A computed key makes unknown only the names it could be, not the whole object.
        const name = this.computedKey(p.key);
        if (typeof name === 'string') key = name;
        else {
          if (name) openKeys.push(name);
          continue;
        }
      }
      const value: Value =
        p.kind !== 'init' || p.method ? { kind: 'function', node: p.value } : this.resolve(p.value);
      props.set(key, { key, keyNode: p.key, value });
    }
    return { kind: 'object', node, props, complete, ...(openKeys.length ? { openKeys } : {}) };
  }

  /**
   * What a computed key can be: its name when known, a pattern of the names it could be
   * (`\`${prefix}Timeout\`` -> /^.*Timeout$/), nothing for a symbol or a number, any name otherwise.
   */
  private computedKey(node: TSESTree.Node): string | RegExp | undefined {
    const n = unwrap(node);
    if (isSymbol(n)) return undefined;
    const value = this.resolve(n);
    if (isSymbol(unwrap(value.node))) return undefined;
    if (value.kind === 'number' || value.kind === 'boolean') return String(value.value);
    if (value.kind === 'string') {
      const text = staticText(value);
      if (text !== undefined) return text;
      const body = value.pieces.map((piece) => (piece.kind === 'text' ? piece.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '.*')).join('');
      return new RegExp(`^${body}$`);
    }
    return /^/;
  }

  private array(node: TSESTree.ArrayExpression): Value {
    const elements: Value[] = [];
    let complete = true;
    for (const e of node.elements) {
      if (!e) continue;
      if (e.type === 'SpreadElement') {
        const spread = this.resolve(e.argument);
        if (spread.kind === 'array') {
          elements.push(...spread.elements);
          complete &&= spread.complete;
        } else complete = false;
        continue;
      }
      elements.push(this.resolve(e));
    }
    return { kind: 'array', node, elements, complete };
  }

  private call(node: TSESTree.CallExpression): Value {
    const callee = unwrap(node.callee);
    const name =
      callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
    if (name === undefined) return { kind: 'unknown', node };
    if (this.hooks && callee.type === 'Identifier' && name === 'require' && node.arguments.length === 1) {
      const spec = unwrap(node.arguments[0]);
      if (spec.type === 'Literal' && typeof spec.value === 'string' && !findVariable(this.sourceCode, callee)?.defs.length) {
        return this.hooks.required(spec.value, node) ?? { kind: 'unknown', node };
      }
    }
    if (callee.type === 'MemberExpression' && CONFIG_METHODS.has(name) && node.arguments.length >= 1) {
      const receiver = this.sourceCode.getText(callee.object);
      if (CONFIG_RECEIVER.test(receiver)) {
        const key = unwrap(node.arguments[0]);
        const name = key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
        return { kind: 'external', node, source: 'config', ...(name ? { name } : {}) };
      }
    }
    if (SECRET_CALLS.test(name)) return { kind: 'external', node, source: 'secret' };
    // `env('REDIS_URL')`: the project's own accessor of the environment, imported as `env`.
    if (callee.type === 'Identifier' && node.arguments.length >= 1) {
      const variable = findVariable(this.sourceCode, callee);
      const key = unwrap(node.arguments[0]);
      if (variable?.defs.length === 1 && isEnvModule(variable.defs[0]) && key.type === 'Literal' && typeof key.value === 'string' && ENV_NAME.test(key.value)) {
        return { kind: 'external', node, source: 'env', name: key.value };
      }
    }
    if (name === 'String' && node.arguments.length === 1) {
      const inner = this.resolve(node.arguments[0]);
      if (inner.kind === 'string' || inner.kind === 'external') return inner;
    }
    // `getRedisOptions()`: a function with one return; its parameters stay unknown, except for the
    // link (a resolver with hooks), where a parameter it returns is this call's argument.
    if (callee.type === 'Identifier') {
      const fn = this.resolve(callee);
      const returned = fn.kind === 'function' ? returnedExpression(fn.node) : undefined;
      if (returned) return this.hooks ? this.bindParameters(this.resolve(returned), fn.node, node.arguments, 0) : this.resolve(returned);
    }
    return { kind: 'unknown', node };
  }

  /** `(value) => value === '' ? undefined : value` called with `process.env.X`: the parameter is the argument. */
  private bindParameters(value: Value, fn: TSESTree.Node, args: readonly TSESTree.CallExpressionArgument[], depth: number): Value {
    const isFunction = fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression';
    if (depth > 6 || !isFunction || !fn.params.length) return value;
    switch (value.kind) {
      case 'unknown': {
        const n = unwrap(value.node);
        if (n.type !== 'Identifier') return value;
        const owner = this.hooks?.owner(n) ?? this;
        const def = findVariable(owner.sourceCode, n)?.defs[0];
        if (def?.type !== 'Parameter' || def.node !== fn) return value;
        const index = fn.params.findIndex((p) => p === def.name || (p.type === 'AssignmentPattern' && p.left === def.name));
        const arg = index >= 0 ? args[index] : undefined;
        return arg && arg.type !== 'SpreadElement' ? this.resolve(arg) : value;
      }
      case 'either':
        return { ...value, options: value.options.map((o) => this.bindParameters(o, fn, args, depth + 1)) };
      case 'string':
        return {
          ...value,
          pieces: value.pieces.flatMap((p) => (p.kind === 'hole' ? this.asPieces(this.bindParameters(p.value, fn, args, depth + 1)) : [p])),
        };
      case 'object': {
        const props = new Map<string, Prop>();
        for (const [k, p] of value.props) props.set(k, { ...p, value: this.bindParameters(p.value, fn, args, depth + 1) });
        return { ...value, props };
      }
      default:
        return value;
    }
  }

  private awaited(node: TSESTree.AwaitExpression): Value {
    const inner = this.resolve(node.argument);
    if (inner.kind === 'external') return inner;
    // `await loadOptions()` of a function of this file: what it returns (a promise's value).
    return unwrap(node.argument).type === 'CallExpression' && inner.kind !== 'function' ? inner : { kind: 'unknown', node };
  }
}

/** A copy of a value whose objects and arrays may hold more than their literals say. */
function loosen(value: Value): Value {
  if (value.kind === 'object') {
    const props = new Map<string, Prop>();
    for (const [k, p] of value.props) props.set(k, { ...p, value: loosen(p.value) });
    return { ...value, props, complete: false };
  }
  if (value.kind === 'array') return { ...value, elements: value.elements.map(loosen), complete: false };
  if (value.kind === 'either') return { ...value, options: value.options.map(loosen) };
  return value;
}

const MUTATORS = new Set(['assign', 'defineProperty', 'defineProperties', 'push', 'unshift', 'splice', 'set']);

/**
 * Whether a binding's object is changed after its declaration: `x.a = …`, `x.a.b = …`,
 * `delete x.a`, `x.a++`, `Object.assign(x, …)`, `x.push(…)`, `_.merge(x, …)`.
 */
function isMutated(variable: TSESLint.Scope.Variable): boolean {
  for (const ref of variable.references) {
    if (ref.init) continue;
    let node: TSESTree.Node = ref.identifier;
    while (node.parent && isWrapper(node.parent)) node = node.parent;
    const parent = node.parent;
    if (!parent) continue;
    if (parent.type === 'MemberExpression' && parent.object === node) {
      // Walk to the outermost member of a chain: x.a.b.c
      let top: TSESTree.Node = parent;
      while (top.parent?.type === 'MemberExpression' && top.parent.object === top) top = top.parent;
      const up = top.parent;
      if (up?.type === 'AssignmentExpression' && up.left === top) return true;
      if (up?.type === 'UpdateExpression' || (up?.type === 'UnaryExpression' && up.operator === 'delete')) return true;
      if (up?.type === 'CallExpression' && up.callee === top && parent === top && MUTATORS.has(memberName(parent) ?? '')) return true;
    }
    if (parent.type === 'CallExpression' && parent.arguments[0] === node) {
      const callee = unwrap(parent.callee);
      const name = callee.type === 'MemberExpression' ? memberName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
      if (name && /^(assign|merge|mergeWith|defaults|defaultsDeep|set|extend|defineProperty)$/.test(name)) return true;
    }
  }
  return false;
}

function isWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === 'TSAsExpression' ||
    node.type === 'TSSatisfiesExpression' ||
    node.type === 'TSNonNullExpression' ||
    node.type === 'TSTypeAssertion' ||
    node.type === 'ChainExpression'
  );
}

/** `process.env` or `import.meta.env`. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * The project's validated environment, imported or required under the name `env` (t3-env and zod
 * schemas, `@server/env`, `env('X')` accessors): its keys are the variables' names.
 */
function isEnvModule(def: { type: string; name: TSESTree.Node; node: TSESTree.Node }): boolean {
  if (def.name.type !== 'Identifier' || !/^env$/i.test(def.name.name)) return false;
  if (def.type === 'ImportBinding') return true;
  if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator') return false;
  const init = def.node.init ? unwrap(def.node.init) : undefined;
  return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
}

function isEnvObject(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression' || memberName(node) !== 'env') return false;
  const obj = unwrap(node.object);
  if (obj.type === 'Identifier' && obj.name === 'process') return true;
  return obj.type === 'MetaProperty' && obj.meta.name === 'import' && obj.property.name === 'meta';
}

/** The key path to `target` inside a destructuring pattern, e.g. `{ redis: { password } }` -> redis.password. */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Identifier): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type === 'AssignmentPattern') return patternPath(pattern.left, target);
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const p of pattern.properties) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p.key, p.computed);
    if (key === undefined) continue;
    const rest = patternPath(p.value, target);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

/** Where a `...rest` element sits in a destructuring pattern, and the keys taken beside it. */
function restPath(pattern: TSESTree.Node, target: TSESTree.Identifier): { path: string[]; taken: string[] } | undefined {
  if (pattern.type === 'AssignmentPattern') return restPath(pattern.left, target);
  if (pattern.type !== 'ObjectPattern') return undefined;
  const taken: string[] = [];
  for (const p of pattern.properties) {
    if (p.type === 'RestElement') {
      if (p.argument === target) return { path: [], taken };
      continue;
    }
    const key = propertyName(p.key, p.computed);
    if (key === undefined) return undefined;
    taken.push(key);
    const inner = restPath(p.value, target);
    if (inner) return { path: [key, ...inner.path], taken: inner.taken };
  }
  return undefined;
}

/** The text of a string value with each hole rendered as HOLE, and where each piece sits in it. */
export function render(value: StringValue): { text: string; spans: Array<{ from: number; piece: Piece }> } {
  let text = '';
  const spans: Array<{ from: number; piece: Piece }> = [];
  for (const piece of value.pieces) {
    spans.push({ from: text.length, piece });
    text += piece.kind === 'text' ? piece.text : HOLE;
  }
  return { text, spans };
}

/** The fully known text of a value, or undefined. */
export function staticText(value: Value): string | undefined {
  if (value.kind === 'number') return String(value.value);
  if (value.kind !== 'string') return undefined;
  if (value.pieces.some((p) => p.kind === 'hole')) return undefined;
  return value.pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

/**
 * The source range of characters [from, to) of a rendered string: exact when they come verbatim
 * from one literal, otherwise the smallest node that holds them.
 */
export function sourceRangeOf(
  value: StringValue,
  from: number,
  to: number,
): { range: [number, number]; exact: boolean; node: TSESTree.Node } {
  const { spans } = render(value);
  for (let i = 0; i < spans.length; i++) {
    const { from: at, piece } = spans[i];
    const len = piece.kind === 'text' ? piece.text.length : 1;
    if (from >= at && to <= at + len && piece.kind === 'text') {
      if (piece.start !== undefined) {
        return { range: [piece.start + (from - at), piece.start + (to - at)], exact: true, node: piece.node };
      }
      return { range: piece.node.range, exact: false, node: piece.node };
    }
  }
  return { range: value.node.range, exact: false, node: value.node };
}

/** Every alternative a value may take (`a || b` gives a and b), flattened. */
export function alternatives(value: Value): Value[] {
  if (value.kind !== 'either') return [value];
  return value.options.flatMap(alternatives);
}

/** A computed key of a known object could be `key`. */
export function mayBeOpenKey(value: ObjectValue, key: string): boolean {
  return !!value.openKeys?.some((re) => re.test(key));
}

/** `Symbol('x')`, `Symbol.for('x')`, `Symbol.iterator`: never a string key. */
function isSymbol(node: TSESTree.Node): boolean {
  const target = node.type === 'CallExpression' ? unwrap(node.callee) : node;
  const base = target.type === 'MemberExpression' ? unwrap(target.object) : target;
  return base.type === 'Identifier' && base.name === 'Symbol';
}
