/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding
 * (`::error file=…,line=…,col=…,title=…::message`), diagnostics as warnings.
 */
import type { Severity } from '../../core/finding';
import type { ScanOutcome } from '../../engine/run';
import { escapeControlsKeepLines } from '../../core/terminal';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/** Escaping from the Actions toolkit: data escapes %, CR, LF; properties also `:` and `,`. */
function escapeData(text: string): string {
  // The log is read in a terminal or a browser: no control character but newline may get there raw.
  return escapeControlsKeepLines(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, props: Record<string, string | number | undefined>, text: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${list}::${escapeData(text)}`;
}

export function formatGithub(outcome: ScanOutcome): string {
  const lines: string[] = [];
  for (const f of outcome.findings) {
    lines.push(
      command(
        COMMAND[f.severity] ?? 'warning',
        { file: f.file, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endLine === f.line ? f.endColumn : undefined, title: `redis-auth ${f.ruleId}` },
        f.message,
      ),
    );
  }
  for (const d of outcome.diagnostics) {
    lines.push(command('warning', { file: d.file, line: d.line, col: d.column, title: 'redis-auth: file skipped' }, d.message));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
