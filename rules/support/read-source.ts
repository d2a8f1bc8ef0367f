/**
 * The rules' connection analysis outside ESLint: `redis-auth scan` reads JS/TS sources through
 * ESLint's `Linter` with one internal rule, so the scan and the editor see the same connections
 * without the project's ESLint config. TypeScript needs `@typescript-eslint/parser` (looked up from
 * the scan root first, then beside this package); without it, .ts files are skipped with one note.
 */
import { join } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import type { CodeConnectionFact } from '../../src/core/facts';
import type { Diagnostic } from '../../src/core/finding';
import type { CodeReader, SourceFile } from '../../src/engine/kit/contract';
import { ModuleGraph } from '../resolve/modules';
import { loadFrom, moduleParser } from './parse-module';
import { connectionListeners, mentionsProfiledModule } from './connections';
import { codeConnections } from './code-connections';
import { resolveSettings } from '../settings';

export const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/i;
const TYPESCRIPT = /\.(?:[cm]?tsx?)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

const settings = resolveSettings(undefined, {});

export function isSourcePath(path: string): boolean {
  return SOURCE_FILE.test(path) && !DECLARATION.test(path);
}

/** Cheap text test run on every source file: only files that import a Redis client are parsed. */
export function mayOpenConnection(text: string): boolean {
  return mentionsProfiledModule(text, settings);
}

export interface SourceReader {
  read(files: readonly SourceFile[]): { facts: CodeConnectionFact[]; diagnostics: Diagnostic[] };
}

interface LinterLike {
  verify(text: string, config: unknown, options: { filename: string }): Array<{ fatal?: boolean; message: string; line?: number }>;
}

/** The engine's CodeReader over the analysis, without a cache (tests, and `scan` with the cache off). */
export function codeReader(root: string): CodeReader {
  return { read: (paths, readFile) => sourceReader(root).read(paths.map(readFile).filter((f): f is SourceFile => !!f)) };
}

/** A reader for one scan root; `undefined` parsers are reported once, not per file. */
export function sourceReader(root: string): SourceReader {
  return {
    read(files) {
      const facts: CodeConnectionFact[] = [];
      const diagnostics: Diagnostic[] = [];
      const wanted = files.filter((f) => isSourcePath(f.path) && mayOpenConnection(f.text));
      if (!wanted.length) return { facts, diagnostics };
      const eslint = loadFrom(root, 'eslint') as { Linter: new (o: object) => LinterLike } | undefined;
      if (!eslint) {
        diagnostics.push({ file: wanted[0].path, message: 'source files not read: install eslint (npm i -D eslint) so the scan can follow connections into deployments' });
        return { facts, diagnostics };
      }
      const tsParser = wanted.some((f) => TYPESCRIPT.test(f.path)) ? (loadFrom(root, '@typescript-eslint/parser') as object | undefined) : undefined;
      let current: SourceFile | undefined;
      let ran = false;
      // One graph per read: each module another file's value leads to is parsed once.
      let graph: ModuleGraph | undefined;
      const rule = {
        meta: { type: 'problem', schema: [] },
        create(context: TSESLint.RuleContext<string, []>) {
          ran = true;
          return connectionListeners(context, settings, (analysis) => {
            graph ??= new ModuleGraph(root, moduleParser(root));
            facts.push(...codeConnections(context.sourceCode, analysis, current!.path, graph, current!.absPath));
          });
        },
      };
      const linter = new eslint.Linter({ configType: 'flat', cwd: root });
      let skippedTs: string | undefined;
      for (const file of wanted) {
        const ts = TYPESCRIPT.test(file.path);
        if (ts && !tsParser) {
          skippedTs ??= file.path;
          continue;
        }
        current = file;
        const base = {
          // A universal `**/*` alone does not make ESLint lint a .ts file: name the extensions.
          files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
          plugins: { 'redis-auth-source': { rules: { connections: rule } } },
          rules: { 'redis-auth-source/connections': 'error' },
          // The file's own ESLint comments are not ours to judge: an unused disable directive or an
          // `/* eslint-env */` (fatal since ESLint 9) must not cost its connections.
          linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        };
        const attempts = ts
          ? [{ parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: /x$/i.test(file.path) } } }]
          : ['module', 'commonjs'].map((sourceType) => ({ ecmaVersion: 'latest', sourceType, parserOptions: { ecmaFeatures: { jsx: true } } }));
        let fatal: { message: string; line?: number } | undefined;
        for (const languageOptions of attempts) {
          const before = facts.length;
          let messages: ReturnType<LinterLike['verify']>;
          ran = false;
          try {
            messages = linter.verify(file.text, [{ ...base, languageOptions }], { filename: join(root, file.path) });
          } catch (error) {
            fatal = { message: (error as Error).message.split('\n')[0] };
            facts.length = before;
            continue;
          }
          // A fatal parse error, or the file was not linted at all (no matching configuration; ESLint 9
          // says so in a message, ESLint 10 returns nothing): our rule never ran.
          fatal = messages.find((m) => m.fatal) ?? (ran ? undefined : { message: 'no ESLint configuration matched it' });
          if (!fatal) break;
          facts.length = before;
        }
        if (fatal) diagnostics.push({ file: file.path, line: fatal.line, message: `cannot parse: ${fatal.message}; its connections are not followed` });
      }
      if (skippedTs) {
        diagnostics.push({ file: skippedTs, message: 'TypeScript files not read: install @typescript-eslint/parser so the scan can follow their connections into deployments' });
      }
      return { facts, diagnostics };
    },
  };
}
