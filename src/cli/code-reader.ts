/**
 * The rules' source analysis for `scan` and `drift` (rules/read-source.ts), loaded only when the
 * engine hands it source files: a scan of a repository without JS/TS never loads it.
 */
import type { CodeReader } from '../engine/kit/contract';

export function lazyCodeReader(root: string): CodeReader {
  return {
    read(files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { sourceReader } = require('../../rules/read-source') as typeof import('../../rules/read-source');
      return sourceReader(root).read(files);
    },
  };
}
