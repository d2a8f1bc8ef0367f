/** Counts shared by every output format. */
import { CATEGORIES, type Category } from '../../core/finding';
import type { ScanOutcome } from '../../engine/run';

export interface ScanSummary {
  filesScanned: number;
  filesConsidered: number;
  findings: number;
  errors: number;
  warnings: number;
  notes: number;
  suppressed: number;
  diagnostics: number;
  byCategory: Record<Category, number>;
}

export function summarize(outcome: ScanOutcome): ScanSummary {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const f of outcome.findings) {
    if (f.category in byCategory) byCategory[f.category]++;
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else notes++;
  }
  return {
    filesScanned: outcome.filesScanned,
    filesConsidered: outcome.filesConsidered,
    findings: outcome.findings.length,
    errors,
    warnings,
    notes,
    suppressed: outcome.suppressed.length,
    diagnostics: outcome.diagnostics.length,
    byCategory,
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
