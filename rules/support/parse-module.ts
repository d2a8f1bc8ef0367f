/**
 * Parses another module of the project into an ESLint SourceCode (AST, scopes, parents), for values
 * that cross files (rules/resolve/modules.ts). One private Linter runs a rule that only keeps the
 * SourceCode: the same parser choice as the scan's source reader, and never the Linter that is
 * linting the current file (a Linter is not re-entrant).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';

type RequireFn = (id: string) => unknown;

/** `id` from the project at `root` first, then beside this package. */
export function loadFrom(root: string, id: string): unknown {
  const loaders: RequireFn[] = [];
  try {
    loaders.push(createRequire(join(root, 'package.json')));
  } catch {
    // not a folder we can resolve from
  }
  loaders.push(require);
  for (const req of loaders) {
    try {
      return req(id);
    } catch {
      // try the next place
    }
  }
  return undefined;
}

interface LinterLike {
  verify(text: string, config: unknown, options: { filename: string }): Array<{ fatal?: boolean }>;
}

export type ParseModule = (abs: string, text: string) => Readonly<TSESLint.SourceCode> | undefined;

const TYPESCRIPT = /\.(?:[cm]?tsx?)$/i;

/** A parser of project modules; undefined pieces (no eslint, no TypeScript parser) parse nothing. */
export function moduleParser(root: string): ParseModule {
  let linter: LinterLike | undefined;
  let tsParser: object | undefined;
  let loaded = false;
  return (abs, text) => {
    if (!loaded) {
      loaded = true;
      const eslint = loadFrom(root, 'eslint') as { Linter: new (o: object) => LinterLike } | undefined;
      linter = eslint ? new eslint.Linter({ configType: 'flat', cwd: root }) : undefined;
    }
    if (!linter) return undefined;
    const ts = TYPESCRIPT.test(abs);
    if (ts) tsParser ??= loadFrom(root, '@typescript-eslint/parser') as object | undefined;
    if (ts && !tsParser) return undefined;
    let kept: Readonly<TSESLint.SourceCode> | undefined;
    const rule = {
      meta: { type: 'problem', schema: [] },
      create(context: TSESLint.RuleContext<string, []>) {
        kept = context.sourceCode;
        return {};
      },
    };
    const attempts = ts
      ? [{ parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: /x$/i.test(abs) } } }]
      : ['module', 'commonjs'].map((sourceType) => ({ ecmaVersion: 'latest', sourceType, parserOptions: { ecmaFeatures: { jsx: true } } }));
    for (const languageOptions of attempts) {
      kept = undefined;
      try {
        const messages = linter.verify(
          text,
          [
            {
              files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
              plugins: { 'redis-auth-module': { rules: { keep: rule } } },
              rules: { 'redis-auth-module/keep': 'error' },
              linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
              languageOptions,
            },
          ],
          { filename: abs },
        );
        if (kept && !messages.some((m) => m.fatal)) return kept;
      } catch {
        // a parse failure is no value, never a throw
      }
    }
    return undefined;
  };
}
