/**
 * The rules' source analysis as the CLI's code caches load it: lazily (a warm run with nothing to
 * read never loads ESLint's Linter or the TypeScript parser), and the version that retires their
 * entries when the analysis changes (a new release or build).
 */
import { join } from 'node:path';
import { codeVersion } from '../engine/cache-file';
import { packageInfo } from './format/tool';

type ReadSource = typeof import('../../rules/support/read-source');

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const analysis = (): ReadSource => require('../../rules/support/read-source') as ReadSource;

/**
 * `format` names the cache's own layout, so a change of layout retires it too. The built file's
 * path is spelled out: `require.resolve` reads package.json files on the way (~2 ms).
 */
export function analysisVersion(format: string): string {
  return `${packageInfo().version}:${codeVersion(join(__dirname, '..', '..', 'rules', 'support', 'read-source.js'))}:${format}`;
}
