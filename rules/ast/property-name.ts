import type { TSESTree } from '@typescript-eslint/utils';

/** The static name of a property or member key (`a`, `'a'`, `[\`a\`]`), or undefined when computed. */
export function propertyName(
  key: TSESTree.Node,
  computed: boolean,
): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  if (!computed && key.type === 'PrivateIdentifier') return undefined;
  return undefined;
}

export function memberName(node: TSESTree.MemberExpression): string | undefined {
  return propertyName(node.property, node.computed);
}
