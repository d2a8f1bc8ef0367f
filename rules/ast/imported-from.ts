/**
 * Which module export an expression names, when it is an import binding read directly:
 * `Redis` (`import Redis from 'ioredis'`), `R` (`import { Redis as R }`), `IORedis.Cluster`
 * (`import * as IORedis`), `require('ioredis')` bindings, `import X = require('ioredis')`. Used
 * where ReferenceTracker reports nothing: `class RedisService extends Redis`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from './eslint-utils';
import { memberName, propertyName } from './property-name';
import { unwrap } from './unwrap';

export interface ImportedName {
  module: string;
  /** Export path; [] is the module itself (default export / module.exports). */
  path: string[];
}

function requiredModule(node: TSESTree.Node | null | undefined): string | undefined {
  const n = node ? unwrap(node) : undefined;
  if (n?.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'require') return undefined;
  const arg = n.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
}

export function importedFrom(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Node, depth = 0): ImportedName | undefined {
  const node = unwrap(expression);
  if (depth > 4) return undefined;
  if (node.type === 'MemberExpression') {
    const key = memberName(node);
    const required = requiredModule(node.object);
    const base = key === undefined ? undefined : required !== undefined ? { module: required, path: [] } : importedFrom(sourceCode, node.object, depth + 1);
    return base && key !== undefined ? { module: base.module, path: [...base.path, key] } : undefined;
  }
  if (node.type !== 'Identifier') return undefined;
  const variable = findVariable(sourceCode, node);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type === 'ImportBinding') {
    const spec = def.node;
    if (spec.type === 'TSImportEqualsDeclaration') {
      const ref = spec.moduleReference;
      return ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal' && typeof ref.expression.value === 'string'
        ? { module: ref.expression.value, path: [] }
        : undefined;
    }
    const module = def.parent?.type === 'ImportDeclaration' ? def.parent.source.value : undefined;
    if (module === undefined) return undefined;
    if (spec.type === 'ImportSpecifier') {
      const name = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      return { module, path: name === 'default' ? [] : [name] };
    }
    return { module, path: [] };
  }
  if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  const declarator = def.node;
  const init = declarator.init ? unwrap(declarator.init) : undefined;
  if (!init) return undefined;
  // const Redis = require('ioredis'); const { Redis } = require('ioredis'); const R = require('ioredis').Redis
  const direct = requiredModule(init);
  const viaMember = init.type === 'MemberExpression' ? importedFrom(sourceCode, init, depth + 1) : undefined;
  const base = direct !== undefined ? { module: direct, path: [] as string[] } : viaMember;
  if (!base) return undefined;
  if (declarator.id.type === 'Identifier') return base;
  if (declarator.id.type !== 'ObjectPattern') return undefined;
  for (const p of declarator.id.properties) {
    if (p.type !== 'Property') continue;
    const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
    const key = propertyName(p.key, p.computed);
    if (value === def.name && key !== undefined) return { module: base.module, path: [...base.path, key] };
  }
  return undefined;
}
