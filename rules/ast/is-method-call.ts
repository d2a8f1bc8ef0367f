import type { TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './unwrap';
import { memberName } from './property-name';

/** `receiver.method(...)` (also `receiver?.method(...)`): the method name and the receiver, or undefined. */
export function methodCall(
  node: TSESTree.CallExpression,
): { method: string; receiver: TSESTree.Node } | undefined {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = memberName(callee);
  if (method === undefined) return undefined;
  return { method, receiver: unwrap(callee.object) };
}

/** A short, secret-free name for a receiver expression: `client`, `this.redis`. */
export function receiverName(node: TSESTree.Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression') {
    const name = memberName(n);
    return name === undefined ? undefined : name;
  }
  return undefined;
}
