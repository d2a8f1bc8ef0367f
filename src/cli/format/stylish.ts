/**
 * `--format stylish` (default): grouped by file like ESLint's stylish formatter. Each finding is a
 * short first line (`line:col  severity  headline  check-id`) and, indented below it, the rest of
 * the message (why, and what to do); then a summary line; diagnostics printed apart. Colour only
 * when the caller asks for it (a terminal); the text is the same either way.
 */
import { formatDiagnostic, splitMessage, type Finding, type Severity } from '../../core/finding';
import { escapeControls, oneLine } from '../../core/terminal';
import type { ScanOutcome } from '../../engine/run';
import { PLAIN, type Paint } from '../color';
import { plural, summarize } from './summary';

export interface StylishOptions {
  paint?: Paint;
  /** Wrap the indented detail lines to this many columns (a terminal's width); default no wrap. */
  width?: number;
}

function severityColor(p: Paint, severity: Severity): (text: string) => string {
  return severity === 'error' ? p.red : severity === 'warning' ? p.yellow : p.blue;
}

/** Greedy word wrap; a word longer than the width keeps its own line. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The findings of one file: aligned first lines, each with its detail below the message column. */
export function findingLines(findings: readonly Finding[], options: StylishOptions = {}): string[] {
  const p = options.paint ?? PLAIN;
  // Repository text (names, values) reaches the terminal with its control characters escaped.
  const rows = findings.map((f) => {
    const { headline, detail } = splitMessage(f.message);
    return { f, pos: `${f.line}:${f.column}`, headline: escapeControls(headline), detail: detail && escapeControls(detail) };
  });
  const posWidth = Math.max(...rows.map((r) => r.pos.length));
  const sevWidth = Math.max(...rows.map((r) => r.f.severity.length));
  const headWidth = Math.max(...rows.map((r) => r.headline.length));
  const indent = ' '.repeat(2 + posWidth + 2 + sevWidth + 2);
  const out: string[] = [];
  for (const r of rows) {
    const severity = severityColor(p, r.f.severity)(r.f.severity.padEnd(sevWidth));
    out.push(`  ${p.dim(r.pos.padEnd(posWidth))}  ${severity}  ${r.headline.padEnd(headWidth)}  ${p.dim(escapeControls(r.f.ruleId))}`);
    if (r.detail) {
      const width = options.width ? Math.max(40, options.width - indent.length) : Infinity;
      for (const line of width === Infinity ? [r.detail] : wrap(r.detail, width)) out.push(`${indent}${p.dim(line)}`);
    }
    // Related places (the deploy file line that sets a value) follow, one per line.
    for (const rel of r.f.related ?? []) {
      out.push(`${indent}${p.dim(escapeControls(`↳ ${rel.file}:${rel.line}:${rel.column}${rel.message ? `  ${oneLine(rel.message)}` : ''}`))}`);
    }
  }
  return out;
}

/** `✖ 3 problems (1 error, 1 warning, 1 note)`, coloured by the worst severity. */
export function problemsLine(counts: { findings: number; errors: number; warnings: number; notes: number }, p: Paint = PLAIN): string {
  const text = `✖ ${plural(counts.findings, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.notes, 'note')})`;
  return p.bold(counts.errors > 0 ? p.red(text) : counts.warnings > 0 ? p.yellow(text) : p.blue(text));
}

export function formatStylish(outcome: ScanOutcome, options: StylishOptions = {}): string {
  const p = options.paint ?? PLAIN;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of outcome.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(p.underline(escapeControls(file)));
    out.push(...findingLines(findings, options));
    out.push('');
  }
  const s = summarize(outcome);
  if (s.findings > 0) {
    out.push(problemsLine(s, p));
  } else if (s.filesScanned === 0) {
    // Say so: a clean result over nothing usually means the wrong folder was scanned.
    out.push(`✔ no Redis configuration found (${plural(s.filesConsidered, 'candidate file')} looked at)`);
  } else {
    out.push(p.green(`✔ no problems found in ${plural(s.filesScanned, 'file')}`));
  }
  if (s.suppressed > 0) out.push(`  ${s.suppressed} suppressed inline (see --format json for the reasons)`);
  if (outcome.diagnostics.length > 0) {
    out.push('');
    out.push(`${plural(outcome.diagnostics.length, 'file problem')} (not findings; these files were skipped or partly read):`);
    for (const d of outcome.diagnostics) out.push(`  ${formatDiagnostic(d)}`);
  }
  return `${out.join('\n')}\n`;
}
