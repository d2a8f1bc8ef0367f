import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Every node of a function body that belongs to that function: nested functions and classes are
 * not entered (arrow functions are, with `arrows`, since they share `super` and `this`).
 */
export function ownNodes(body: TSESTree.Node, arrows: boolean): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const n = value as TSESTree.Node;
    if (typeof n.type !== 'string') return;
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ClassBody') return;
    if (n.type === 'ArrowFunctionExpression' && !arrows) return;
    out.push(n);
    for (const [key, child] of Object.entries(n)) if (key !== 'parent' && child && typeof child === 'object') visit(child);
  };
  visit(body);
  return out;
}
