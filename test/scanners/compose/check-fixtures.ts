/**
 * Runs a KICS-style check folder (fixtures/checks/<id>/): single-file cases `positiveN.*` /
 * `negativeN.*` are scanned alone with the check folder as root; folder cases `positiveN/` are
 * scanned as their own root (every file the scanner detects). Paths in results are relative to the
 * check folder.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createContext } from '../../../scanners/context';
import type { Scanner, SourceFile } from '../../../scanners/types';
import type { Diagnostic, Finding } from '../../../src/finding';
import type { RedisFact } from '../../../src/facts';

export interface CaseResult {
  name: string;
  positive: boolean;
  findings: Finding[];
  facts: RedisFact[];
  diagnostics: Diagnostic[];
}

const CASE = /^(positive|negative)\d+/;

export function runCase(checkDir: string, name: string, scanner: Scanner): CaseResult {
  const full = join(checkDir, name);
  const folder = statSync(full).isDirectory();
  const { ctx, diagnostics: readDiagnostics } = createContext(folder ? full : checkDir);
  let files: SourceFile[];
  if (folder) {
    files = ctx
      .glob('**/*')
      .map((p) => ctx.readFile(p))
      .filter((f): f is SourceFile => f !== undefined && scanner.detect(f.path, f.text));
  } else {
    files = [ctx.readFile(name)!];
  }
  const result = scanner.scan(files, ctx);
  const prefix = (p: string) => (folder ? `${name}/${p}` : p);
  return {
    name,
    positive: name.startsWith('positive'),
    findings: result.findings.map((f) => ({ ...f, file: prefix(f.file) })),
    facts: result.facts,
    diagnostics: [...readDiagnostics, ...result.diagnostics],
  };
}

export function casesOf(checkDir: string): string[] {
  return readdirSync(checkDir)
    .filter((n) => CASE.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The fields expected.json lists. */
export function brief(f: Finding): { file: string; line: number; column: number; ruleId: string; severity: string } {
  return { file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity };
}
