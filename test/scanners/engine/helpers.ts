import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../../../src/core/finding';
import { emptyResult, type Scanner, type SourceFile } from '../../../src/engine/kit/contract';

/** A temporary repository from a map of path -> content. */
export function makeRepo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-engine-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/**
 * A fake scanner: claims files whose text contains `marker`, reports one finding per line that
 * contains `BAD`, and records each call so tests can check the batching.
 */
export function fakeScanner(kind: Scanner['kind'], marker: string, calls: string[][] = []): Scanner {
  return {
    kind,
    checks: [{ id: `${kind}-bad`, category: 'missing-auth', defaultSeverity: 'error', description: 'Bad line.' }],
    fileNames: ['*.conf', '*.acl', '*.yml', '*.yaml', '.env', '.env.*', '*.env'],
    detect: (_path, text) => text.includes(marker),
    scan(files: SourceFile[]) {
      calls.push(files.map((f) => f.path));
      const result = emptyResult();
      for (const file of files) {
        if (file.text.includes('THROW')) throw new Error(`cannot handle ${file.path}\nsecond line`);
        file.text.split('\n').forEach((line, i) => {
          const column = line.indexOf('BAD');
          if (column < 0) return;
          const finding: Finding = {
            ruleId: `${kind}-bad`,
            category: 'missing-auth',
            severity: 'error',
            file: file.path,
            line: i + 1,
            column: column + 1,
            message: 'bad line',
          };
          result.findings.push(finding, { ...finding }); // duplicates on purpose: the engine dedupes
        });
      }
      return result;
    },
  };
}
