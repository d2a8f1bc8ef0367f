/**
 * Text that reaches a terminal from a repository or a server (file names, service names, values,
 * error replies) must not drive the terminal: an ESC sequence can clear the screen, retitle the
 * window or recolour a FAIL into a pass, and a bidi override can reorder what a reviewer reads.
 * Every human format prints such text through `escapeControls`.
 */

/**
 * C0 controls (tab and newline too: one field, one line), DEL, C1 controls, the bidi marks,
 * embeddings, overrides and isolates, and the line/paragraph separators.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Each control character as visible text: `\x1b`, `\x9b`, `\u202e`. Everything else unchanged. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Like escapeControls, but keeps newlines: for multi-line text printed as it is (reports, help). */
export function escapeControlsKeepLines(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeControls(line.endsWith('\r') ? line.slice(0, -1) : line) + (line.endsWith('\r') ? '\r' : ''))
    .join('\n');
}

/**
 * Text on one line: each newline with the blanks around it becomes one space. A loop, not
 * `/\s*\n\s*\/`, which backtracks quadratically over a long run of blanks.
 */
export function oneLine(text: string): string {
  if (!text.includes('\n')) return text;
  return text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}
