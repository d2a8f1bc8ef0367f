/**
 * `--format stylish` (default): grouped by file like ESLint's stylish formatter,
 * `  line:col  severity  message  ruleId`, then a summary line; diagnostics printed apart.
 */
import { formatDiagnostic, type Finding } from '../../core/finding';
import type { ScanOutcome } from '../../engine/run';
import { plural, summarize } from './summary';

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`.trimEnd());
}

export function formatStylish(outcome: ScanOutcome): string {
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of outcome.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(file);
    // Messages are one line each: a newline in one would break the table.
    out.push(...table(findings.map((f) => [`${f.line}:${f.column}`, f.severity, f.message.replace(/\s*\n\s*/g, ' '), f.ruleId])));
    out.push('');
  }
  const s = summarize(outcome);
  if (s.findings > 0) {
    out.push(`✖ ${plural(s.findings, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.notes, 'note')})`);
  } else if (s.filesScanned === 0) {
    // Say so: a clean result over nothing usually means the wrong folder was scanned.
    out.push(`✔ no Redis configuration found (${plural(s.filesConsidered, 'candidate file')} looked at)`);
  } else {
    out.push(`✔ no problems found in ${plural(s.filesScanned, 'file')}`);
  }
  if (s.suppressed > 0) out.push(`  ${s.suppressed} suppressed inline (see --format json for the reasons)`);
  if (outcome.diagnostics.length > 0) {
    out.push('');
    out.push(`${plural(outcome.diagnostics.length, 'file problem')} (not findings; these files were skipped or partly read):`);
    for (const d of outcome.diagnostics) out.push(`  ${formatDiagnostic(d)}`);
  }
  return `${out.join('\n')}\n`;
}
