import type { TSESTree } from '@typescript-eslint/utils';

/** Strips syntax that does not change a value: `x as T`, `x satisfies T`, `x!`, `<T>x`, `a?.b`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        n = n.expression;
        break;
      case 'ChainExpression':
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}

/** Walks up through the same wrappers: the node whose parent actually uses the value. */
export function outermost(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (
    n.parent &&
    (n.parent.type === 'TSAsExpression' ||
      n.parent.type === 'TSSatisfiesExpression' ||
      n.parent.type === 'TSNonNullExpression' ||
      n.parent.type === 'TSTypeAssertion' ||
      n.parent.type === 'ChainExpression' ||
      n.parent.type === 'AwaitExpression')
  ) {
    n = n.parent;
  }
  return n;
}
