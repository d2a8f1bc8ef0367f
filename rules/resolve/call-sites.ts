/**
 * Where a parameter's value comes from: `function createRedisClient(url) { return new Redis(url) }`
 * connects with whatever each call passes. The parameter (and the key path read from it,
 * `options.url`, `{ url }`) is found here, and the calls that pass it: in the same file, and
 * (with a module graph) in the files of the package that import the function or class.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '../ast/eslint-utils';
import { memberName, propertyName } from '../ast/property-name';
import { outermost, unwrap } from '../ast/unwrap';
import type { ModuleGraph, ModuleInfo } from './modules';

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export interface ParameterRead {
  fn: FunctionNode;
  index: number;
  /** Keys read from the parameter: `options.url` -> ['url'], `{ url }` -> ['url']. */
  path: string[];
}

export interface CallSite {
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The call's file, when a graph knows it. */
  module?: ModuleInfo;
}

/** The parameter a value node reads, when it is one (`url`, `options.url`, a destructured `{ url }`). */
export function parameterRead(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): ParameterRead | undefined {
  const path: string[] = [];
  let n = unwrap(node);
  while (n.type === 'MemberExpression') {
    const key = memberName(n);
    if (key === undefined) return undefined;
    path.unshift(key);
    n = unwrap(n.object);
  }
  if (n.type !== 'Identifier') return undefined;
  const variable = findVariable(sourceCode, n);
  if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Parameter') return undefined;
  if (variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  const def = variable.defs[0];
  const fn = def.node as TSESTree.Node;
  if (fn.type !== 'FunctionDeclaration' && fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') return undefined;
  for (let index = 0; index < fn.params.length; index++) {
    const inner = patternPath(fn.params[index], def.name as TSESTree.Identifier);
    if (inner) return { fn, index, path: [...inner, ...path] };
  }
  return undefined;
}

/** The keys from a parameter to the name it binds: `{ redis: { url } }` -> redis.url; a `...rest` is the whole. */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Identifier): string[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case 'TSParameterProperty':
      return patternPath(pattern.parameter, target);
    case 'AssignmentPattern':
      return patternPath(pattern.left, target);
    case 'RestElement':
      return patternPath(pattern.argument, target);
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') {
          if (patternPath(p.argument, target)) return [];
          continue;
        }
        const key = propertyName(p.key, p.computed);
        const rest = key === undefined ? undefined : patternPath(p.value, target);
        if (rest) return [key!, ...rest];
      }
      return undefined;
    default:
      return undefined;
  }
}

interface Callable {
  /** How it is called: a plain call, `new`, or a static method `Class.method(...)`. */
  how: 'call' | 'new' | 'static';
  /** The declaration whose variable names it (function, declarator, class); none for `exports.x = function`. */
  binding?: TSESTree.Node;
  /** Names it is exported as by assignment (`exports.x = function …`, `module.exports = function …`). */
  assigned?: string[];
  name?: string;
  method?: string;
  cls?: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
}

function callable(fn: FunctionNode): Callable | undefined {
  const parent = fn.parent;
  if (fn.type === 'FunctionDeclaration') return fn.id ? { how: 'call', binding: fn, name: fn.id.name } : undefined;
  if (parent?.type === 'AssignmentExpression' && parent.right === fn) {
    const name = commonJsName(parent.left);
    return name ? { how: 'call', assigned: [name] } : undefined;
  }
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
    return { how: 'call', binding: parent, name: parent.id.name };
  }
  if (parent?.type !== 'MethodDefinition' || parent.value !== fn) return undefined;
  const cls = parent.parent.parent;
  const binding = cls.type === 'ClassDeclaration' ? cls : cls.parent?.type === 'VariableDeclarator' ? cls.parent : undefined;
  const name = cls.id?.name ?? (binding?.type === 'VariableDeclarator' && binding.id.type === 'Identifier' ? binding.id.name : undefined);
  if (!binding) return undefined;
  if (parent.kind === 'constructor') return { how: 'new', binding, name, cls };
  const method = propertyName(parent.key, parent.computed);
  if (parent.static && parent.kind === 'method' && method) return { how: 'static', binding, name, method, cls };
  return undefined;
}

/** `module.exports` -> default, `exports.x` / `module.exports.x` -> x. */
function commonJsName(node: TSESTree.Node): string | undefined {
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return undefined;
  const obj = node.object;
  if (obj.type === 'Identifier' && obj.name === 'module' && node.property.name === 'exports') return 'default';
  if (obj.type === 'Identifier' && obj.name === 'exports') return node.property.name;
  return commonJsName(obj) === 'default' ? node.property.name : undefined;
}

/**
 * The call a reference of the callable makes, if any. `member`: the reference is a module object
 * (`import * as redis`, `const redis = require('./redis')`) and the callable is its `member`.
 */
function callAt(ref: TSESTree.Node, c: Callable, member?: string): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let use = outermost(ref);
  if (member !== undefined) {
    const p = use.parent;
    if (p?.type !== 'MemberExpression' || p.object !== use || memberName(p) !== member) return undefined;
    use = outermost(p);
  }
  const p = use.parent;
  if (c.how === 'call') return p?.type === 'CallExpression' && p.callee === use ? p : undefined;
  if (c.how === 'new') return p?.type === 'NewExpression' && p.callee === use ? p : undefined;
  if (p?.type !== 'MemberExpression' || p.object !== use || memberName(p) !== c.method) return undefined;
  const top = outermost(p);
  return top.parent?.type === 'CallExpression' && top.parent.callee === top ? top.parent : undefined;
}

/** `new this(...)`, `this.method(...)` in the class's own static members. */
function thisCalls(c: Callable, sourceCode: Readonly<TSESLint.SourceCode>): Array<TSESTree.CallExpression | TSESTree.NewExpression> {
  const out: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
  if (!c.cls) return out;
  for (const member of c.cls.body.body) {
    if ((member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') || !member.static) continue;
    const visit = (node: TSESTree.Node): void => {
      if (node.type === 'ThisExpression') {
        const call = callAt(node, c);
        if (call) out.push(call);
        return;
      }
      if (node.type === 'FunctionExpression' && node.parent !== member) return; // its own `this`
      if (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return;
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        for (const c2 of Array.isArray(child) ? child : [child]) if (c2 && typeof (c2 as TSESTree.Node).type === 'string') visit(c2 as TSESTree.Node);
      }
    };
    visit(member);
  }
  return out;
}

/** The names a module exports a top-level binding as: `createClient`, `default`. */
function exportNames(sourceCode: Readonly<TSESLint.SourceCode>, c: Callable): string[] {
  const out: string[] = [...(c.assigned ?? [])];
  if (!c.binding) return out;
  const decl = c.binding.type === 'VariableDeclarator' ? c.binding.parent : c.binding;
  for (const stmt of sourceCode.ast.body) {
    // CommonJS: `module.exports = { createClient }`, `module.exports = createClient`, `exports.x = createClient`.
    const e = stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression' ? stmt.expression : undefined;
    const cjs = e ? commonJsName(e.left) : undefined;
    if (e && cjs !== undefined) {
      const right = unwrap(e.right);
      if (right.type === 'Identifier' && right.name === c.name) out.push(cjs);
      else if (cjs === 'default' && right.type === 'ObjectExpression') {
        for (const p of right.properties) {
          if (p.type !== 'Property') continue;
          const key = propertyName(p.key, p.computed);
          if (key && p.value.type === 'Identifier' && p.value.name === c.name) out.push(key);
        }
      }
      continue;
    }
    if (stmt.type === 'ExportNamedDeclaration') {
      if (stmt.declaration === decl && c.name) out.push(c.name);
      if (!stmt.source) {
        for (const s of stmt.specifiers) {
          if (s.local.type === 'Identifier' && s.local.name === c.name) out.push(s.exported.type === 'Identifier' ? s.exported.name : s.exported.value);
        }
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const d = stmt.declaration;
      if (d === decl || (d.type === 'Identifier' && d.name === c.name)) out.push('default');
    }
  }
  return out;
}

/** Every call that passes arguments to `fn`: this file's, and the importing files' of its package. */
export function callSites(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, graph?: ModuleGraph, module?: ModuleInfo): CallSite[] {
  const c = callable(fn);
  return c ? sitesOf(sourceCode, c, graph, module) : [];
}

/** Every `new` of a class without a constructor of its own: its arguments go to the base class. */
export function constructions(
  sourceCode: Readonly<TSESLint.SourceCode>,
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  graph?: ModuleGraph,
  module?: ModuleInfo,
): CallSite[] {
  const binding = cls.type === 'ClassDeclaration' ? cls : cls.parent?.type === 'VariableDeclarator' ? cls.parent : undefined;
  const name = cls.id?.name ?? (binding?.type === 'VariableDeclarator' && binding.id.type === 'Identifier' ? binding.id.name : undefined);
  return binding ? sitesOf(sourceCode, { how: 'new', binding, name, cls }, graph, module) : [];
}

function sitesOf(sourceCode: Readonly<TSESLint.SourceCode>, c: Callable, graph?: ModuleGraph, module?: ModuleInfo): CallSite[] {
  const out: CallSite[] = [];
  for (const variable of c.binding ? (sourceCode.scopeManager?.getDeclaredVariables(c.binding) ?? []) : []) {
    for (const ref of variable.references) {
      const call = callAt(ref.identifier, c);
      if (call) out.push({ call, module });
    }
  }
  for (const call of thisCalls(c, sourceCode)) out.push({ call, module });
  if (graph && module) {
    for (const imported of graph.importers(module, exportNames(sourceCode, c))) {
      for (const ref of imported.variable.references) {
        const call = callAt(ref.identifier, c, imported.member);
        if (call) out.push({ call, module: imported.mod });
      }
    }
  }
  return out;
}
