import type { TSESTree } from '@typescript-eslint/utils';
import { ownNodes } from './own-nodes';

/** What a function returns: its expression body, or the argument of its only `return`. */
export function returnedExpression(fn: TSESTree.Node): TSESTree.Node | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') {
    return undefined;
  }
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const returns = fn.body.body.filter((s): s is TSESTree.ReturnStatement => s.type === 'ReturnStatement');
  // `if (a) return x; return y;`: either may be returned, so neither is the value.
  return returns.length === 1 && ownNodes(fn.body, false).filter((n) => n.type === 'ReturnStatement').length === 1 ? returns[0].argument ?? undefined : undefined;
}
