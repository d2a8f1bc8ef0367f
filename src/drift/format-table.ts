/**
 * The matrix as a plain-text table for a terminal: one block per Redis, one line per setting,
 * one column per environment; `*` marks a setting weaker than the reference environment. Names
 * from the repository (labels, environments, files) are printed with their control characters escaped.
 */
import type { Finding } from '../core/finding';
import { escapeControls as esc } from '../core/terminal';
import { DIMENSION_LABEL, type Dimension } from './posture';
import { short } from './messages';
import { dimensionsOf, type DriftMatrix, type MatrixRow } from './matrix';

const MARK = '*';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}


function cellText(row: MatrixRow, env: string, d: Dimension, first: boolean): string {
  const cell = row.cells[env];
  if (!cell) return first ? '(no file)' : '';
  const s = cell.settings[d];
  return `${esc(short(d, s.value))}${s.weakerThan ? ` ${MARK}` : ''}`;
}

/** The matrix part alone: the table, its legend and the Redis not compared. */
export function formatMatrixTable(matrix: DriftMatrix): string[] {
  const out: string[] = [];
  if (matrix.rows.length === 0) {
    out.push('No Redis with environment-specific configuration found: nothing to compare.');
  } else {
    const header = ['Redis / setting', ...matrix.environments.map((e) => esc(matrix.production.includes(e) ? `${e} (reference)` : e))];
    const lines: string[][] = [];
    for (const row of matrix.rows) {
      if (lines.length > 0) lines.push(['']);
      lines.push([esc(`${row.label} [${row.subject}]`), ...matrix.environments.map(() => '')]);
      dimensionsOf(row).forEach((d, i) => {
        lines.push([`  ${DIMENSION_LABEL[d]}`, ...matrix.environments.map((env) => cellText(row, env, d, i === 0))]);
      });
    }
    // The Redis name lines do not widen the first column: they run across the row.
    const widths = header.map((h, i) =>
      Math.max(h.length, ...lines.filter((l) => l.length > 1 && (i > 0 || l[0].startsWith('  '))).map((l) => l[i].length)),
    );
    const render = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd();
    out.push(render(header));
    out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const l of lines) out.push(l.length > 1 && l[0].startsWith('  ') ? render(l) : l[0]);
    out.push('');
    out.push(`${MARK} weaker than production (in production: weaker than another environment); ? unknown; - not applicable`);
    if (matrix.production.length === 0) out.push('No production environment found: nothing to hold the others to.');
  }
  if (matrix.baseOnly.length > 0) {
    out.push('');
    out.push(`Not compared (only base files, no environment): ${esc(matrix.baseOnly.map((b) => b.label).join(', '))}`);
  }
  return out;
}

export function formatTable(matrix: DriftMatrix, findings: readonly Finding[]): string {
  const out = formatMatrixTable(matrix);
  out.push('');
  if (findings.length === 0) {
    out.push('No drift findings.');
  } else {
    for (const f of findings) out.push(esc(`${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`));
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    out.push('');
    out.push(`${findings.length} drift finding${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`);
  }
  return out.join('\n') + '\n';
}
