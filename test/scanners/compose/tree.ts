/** Writes a small repository to a temp folder and scans it with one scanner, as discovery would. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createContext } from '../../../src/engine/kit/context';
import type { ScanResult, Scanner, SourceFile } from '../../../src/engine/kit/contract';

export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export function scanTree(scanner: Scanner, files: Record<string, string>, options: { extraImages?: string[] } = {}): ScanResult {
  const root = writeTree(files);
  const { ctx, diagnostics } = createContext(root, { extraImages: options.extraImages });
  const given = Object.keys(files)
    .map((p) => ctx.readFile(p))
    .filter((f): f is SourceFile => f !== undefined && scanner.detect(f.path, f.text));
  const result = scanner.scan(given, ctx);
  return { ...result, diagnostics: [...diagnostics, ...result.diagnostics] };
}
