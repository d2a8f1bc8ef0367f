/**
 * @eslint-community/eslint-utils, typed for the rules. The library is typed against ESLint's own
 * AST and scope types; the rules use typescript-eslint's, which describe the same objects at run
 * time. This is the one place that bridges the two, so no rule needs a cast.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ReferenceTracker, findVariable as findVariableUntyped } from '@eslint-community/eslint-utils';

export { CALL, CONSTRUCT } from '@eslint-community/eslint-utils';

/** The variable an identifier refers to, from the scope it appears in, or null. */
export function findVariable(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return findVariableUntyped(sourceCode.getScope(node) as never, node) as TSESLint.Scope.Variable | null;
}

/** One reference the tracker found: the call or `new` it reached, and the trace-map entry. */
export interface TrackedReference<T> {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  info: T;
}

/** A trace map: module -> export path -> CALL/CONSTRUCT -> info. */
export type TraceMap = Record<string, unknown>;

/** ReferenceTracker over typescript-eslint's scope, in legacy mode (namespace and default imports alike). */
export function referenceTracker<T>(globalScope: TSESLint.Scope.Scope) {
  const tracker = new ReferenceTracker(globalScope as never, { mode: 'legacy' });
  const typed = (refs: Iterable<{ node: unknown; info: unknown }>): TrackedReference<T>[] =>
    [...refs].map((r) => ({ node: r.node as TrackedReference<T>['node'], info: r.info as T }));
  return {
    /** `import x from 'module'` and its uses. */
    esm: (traceMap: TraceMap) => typed(tracker.iterateEsmReferences(traceMap as never)),
    /** Uses of the value of `node` (a `require()` call, an `import x = require()`) as `traceMap` describes. */
    properties: (node: TSESTree.Node, traceMap: unknown) => typed(tracker.iteratePropertyReferences(node as never, traceMap as never)),
  };
}
