/**
 * The environment variables and config keys a connection reads, and what each one is to it: a
 * whole URL (`new Redis(process.env.REDIS_URL)`), its password (`password: env.REDIS_PASSWORD`,
 * `redis://:${process.env.REDIS_PASSWORD}@…`), its host, or some other option. The link between
 * code and deployment (src/link/) asks each environment what it sets these names to.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../ast/unwrap';
import type { CodeInput } from '../../src/core/facts';
import type { Connection } from './connections';
import { returnedExpression } from '../ast/returned';
import { PASSWORD_KEYS, TLS_KEYS, URL_KEYS } from './profiles';
import { Resolver, alternatives, render, staticText, type Value } from '../resolve/value';
import { callSites, constructions, parameterRead } from '../resolve/call-sites';
import type { ModuleGraph } from '../resolve/modules';

type Role = CodeInput['role'];

const HOST_KEYS = new Set(['host', 'hostname', 'server']);
const USER_KEYS = new Set(['username', 'user']);
const MAX_DEPTH = 8;
/** Calls followed up from a parameter: `connect(url)` called by `start(url)` called with the variable. */
const MAX_CALL_HOPS = 2;

/** What the inputs do not say: the code gives the connection a password of its own (a secret manager, a literal at a call site). */
export interface InputNotes {
  passwordFromCode?: boolean;
}

/** Role from the name alone, for a value whose position says nothing (`new Redis(x)`). */
function roleOfName(name: string, fallback: Role): Role {
  if (/pass(word)?|secret|token|auth/i.test(name)) return 'password';
  if (/timeout|ttl|keep_?alive|retr|interval|prefix|family/i.test(name)) return 'other';
  if (/url|uri|dsn|conn/i.test(name)) return 'url';
  if (/host|addr|server|endpoint/i.test(name)) return 'host';
  if (/port/i.test(name)) return 'port';
  if (/tls|ssl/i.test(name)) return 'tls';
  if (/user(name)?$/i.test(name)) return 'username';
  if (/db|database|timeout/i.test(name)) return 'other';
  return fallback;
}

/** The role an option key gives its value; undefined for a key that names nothing we know. */
function roleOfKey(key: string): Role | undefined {
  if (PASSWORD_KEYS.includes(key)) return 'password';
  if (URL_KEYS.includes(key)) return 'url';
  if (HOST_KEYS.has(key)) return 'host';
  if (USER_KEYS.has(key)) return 'username';
  if (key === 'port') return 'port';
  if (TLS_KEYS.includes(key)) return 'tls';
  return undefined;
}

/**
 * `graph`: values that come from other files of the package (imports, the calls that pass a
 * parameter) are followed there; an input read in another file names that file.
 */
/** `fn` holds `node` (the same parsed file). */
function encloses(fn: TSESTree.Node, node: TSESTree.Node): boolean {
  for (let n: TSESTree.Node | undefined = node; n; n = n.parent) if (n === fn) return true;
  return false;
}

export function connectionInputs(
  sourceCode: Readonly<TSESLint.SourceCode>,
  connection: Connection,
  resolver = new Resolver(sourceCode),
  graph?: ModuleGraph,
  notes: InputNotes = {},
): CodeInput[] {
  const out = new Map<string, CodeInput>();
  const local = graph?.moduleOf(sourceCode.ast);
  const add = (value: Extract<Value, { kind: 'external' }>, role: Role) => {
    if (value.source === 'secret') {
      if (role === 'password') notes.passwordFromCode = true;
      return;
    }
    if (!value.name) return;
    const key = `${value.source}:${value.name}:${role}`;
    if (out.has(key)) return;
    const home = graph?.moduleOf(value.node);
    const file = home && home.abs !== local?.abs ? { file: home.file } : {};
    out.set(key, { name: value.name, source: value.source, role, line: value.node.loc.start.line, column: value.node.loc.start.column + 1, ...file });
  };
  // Each parameter path of each function once (`options.url` and `options.password` both).
  const followed = new Map<TSESTree.Node, Set<string>>();
  let hops = 0;
  // The code the value flows into: the connection, then the call being followed up.
  let anchor: TSESTree.Node = connection.node;

  /**
   * A parameter of the function the connection (or the call followed up) sits in: what each call
   * of that function passes, in the same role. A parameter of a helper whose result reaches the
   * connection (`convert(process.env.X)`) is that call's argument, not every caller's.
   */
  const fromCallers = (node: TSESTree.Node, role: Role, depth: number): void => {
    const home = graph?.moduleOf(node);
    const read = parameterRead(home?.sourceCode ?? sourceCode, node);
    if (!read || hops >= MAX_CALL_HOPS || !encloses(read.fn, anchor)) return;
    const key = `${read.index}:${read.path.join('.')}:${role}`;
    const seen = followed.get(read.fn) ?? new Set<string>();
    if (seen.has(key)) return;
    followed.set(read.fn, seen.add(key));
    hops++;
    const before = anchor;
    try {
      for (const site of callSites(home?.sourceCode ?? sourceCode, read.fn, graph, home)) {
        const arg = site.call.arguments[read.index];
        if (!arg || arg.type === 'SpreadElement') continue;
        const r = site.module?.resolver ?? resolver;
        let value = r.resolve(arg);
        for (const key of read.path) value = r.property(value, key, arg);
        anchor = site.call;
        visit(value, role, depth + 1);
      }
    } finally {
      anchor = before;
      hops--;
    }
  };

  const visit = (value: Value, role: Role, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    // `tls: process.env.REDIS_TLS === 'true' ? {} : undefined`: the condition is the switch.
    const cond = value.kind === 'either' && role === 'tls' ? unwrap(value.node) : undefined;
    if (cond?.type === 'ConditionalExpression') passedThrough(cond.test, role, depth);
    for (const alt of alternatives(value)) {
      switch (alt.kind) {
        case 'external':
          // A URL position or an option we do not know: the variable's name tells what it is.
          add(alt, role === 'url' || role === 'other' ? roleOfName(alt.name ?? '', role) : role);
          break;
        case 'string':
          if (role === 'password' && (staticText(alt) ?? '').trim() !== '') notes.passwordFromCode = true;
          visitString(alt, role, depth);
          break;
        case 'number':
          if (role === 'password') notes.passwordFromCode = true;
          break;
        case 'object':
          for (const [key, prop] of alt.props) {
            if (key === 'useFactory' && prop.value.kind === 'function') {
              const returned = returnedExpression(prop.value.node);
              if (returned) visit(resolver.resolve(returned), 'url', depth + 1);
              continue;
            }
            // Nested options (`socket: { host }`, `redisOptions`) name their own keys.
            visit(prop.value, roleOfKey(key) ?? 'other', depth + 1);
          }
          break;
        case 'array':
          for (const el of alt.elements) visit(el, role, depth + 1);
          break;
        case 'unknown':
          passedThrough(alt.node, role, depth);
          fromCallers(alt.node, role, depth);
          break;
        default:
          break;
      }
    }
  };

  /**
   * `Number(process.env.REDIS_PORT)`, `convertStringValues(process.env.REDIS_HOST)`: a call the
   * resolver cannot see into still reads the variables it is given, in the same role.
   */
  const passedThrough = (node: TSESTree.Node, role: Role, depth: number): void => {
    const n = unwrap(node);
    // `process.env.REDIS_TLS === 'true'`: the switch reads the variable.
    if (n.type === 'BinaryExpression' && role === 'tls' && n.left.type !== 'PrivateIdentifier') {
      visit(resolver.resolve(n.left), role, depth + 1);
      visit(resolver.resolve(n.right), role, depth + 1);
      return;
    }
    if ((n.type !== 'CallExpression' && n.type !== 'NewExpression') || n.arguments.length > 3) return;
    for (const arg of n.arguments) if (arg.type !== 'SpreadElement') visit(resolver.resolve(arg), role, depth + 1);
  };

  /** A template or concatenation: a hole before the `@` of a URL is userinfo, after it the host. */
  const visitString = (value: Extract<Value, { kind: 'string' }>, role: Role, depth: number): void => {
    const { text, spans } = render(value);
    const at = text.indexOf('@');
    // `redis://:s3cret@host`: a password the code writes itself (a literal, not a hole).
    if (role === 'url' && /^[a-z][a-z0-9+.-]*:\/\/[^/@\u0000]*:[^/@\u0000]+@/i.test(text)) notes.passwordFromCode = true;
    for (const { from, piece } of spans) {
      if (piece.kind !== 'hole') continue;
      const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
      const holeRole: Role = !isUrl ? role : at > from ? 'password' : 'host';
      if (piece.value.kind === 'external') add(piece.value, holeRole === 'host' ? roleOfName(piece.value.name ?? '', 'host') : holeRole);
      else visit(piece.value, holeRole, depth + 1);
    }
  };

  const node = connection.node;
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
    // A subclass without a constructor, constructed elsewhere: each `new`'s arguments are the base class's.
    for (const site of constructions(sourceCode, node, graph, local)) {
      anchor = site.call;
      const r = site.module?.resolver ?? resolver;
      for (const arg of site.call.arguments) if (arg.type !== 'SpreadElement') visit(r.resolve(arg), 'url', 0);
    }
    anchor = connection.node;
  } else if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    // Only the arguments the profile connects with: not a queue's name (`new Queue(name, { connection })`).
    const p = connection.profile;
    const wanted = (i: number) =>
      p.urlArgument !== undefined || p.optionsArgument !== undefined ? i === p.urlArgument || i === p.optionsArgument : i >= (p.from ?? 0);
    node.arguments.forEach((arg, i) => {
      if (arg.type !== 'SpreadElement' && wanted(i)) visit(resolver.resolve(arg), 'url', 0);
    });
  } else visit(resolver.resolve(node), 'url', 0);
  return [...out.values()];
}
