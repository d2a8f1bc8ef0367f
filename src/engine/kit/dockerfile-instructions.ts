/**
 * A Dockerfile as its instructions: keyword (upper case), arguments, 1-based line, and where the
 * arguments start and the instruction ends in the text (for scanners that point into it). Comment
 * lines are skipped, a trailing backslash continues the instruction (comment lines inside it
 * too), and a runaway file is read only up to MAX_INSTRUCTIONS. Pure string work: no parser can
 * throw here. The one reader of Dockerfiles: the compose scanner and the link both use it.
 */
export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
  /** Offset in the text where the arguments start on the instruction's first line. */
  start: number;
  /** Offset in the text where the instruction's last line ends. */
  end: number;
}

/** Many instructions are fine; a runaway file is not read further. */
export const MAX_INSTRUCTIONS = 2000;

const CONTINUED = /\\\s*$/;
const KEYWORD = /^\s*([A-Za-z]+)(?:\s+|$)/;

export function dockerInstructions(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  let at = 0;
  let lineNo = 0;
  /** The next line: its text and the offset it starts at; undefined past the end. */
  const next = (): { text: string; start: number } | undefined => {
    if (at > text.length) return undefined;
    const start = at;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    at = end + 1;
    lineNo++;
    return { text: text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end), start };
  };
  while (out.length < MAX_INSTRUCTIONS) {
    const first = next();
    if (!first) break;
    const trimmed = first.text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const line = lineNo;
    // Parts, not a growing string: a hostile file of one endless instruction stays linear.
    const parts: string[] = [];
    let part = first.text;
    let end = first.start + first.text.length;
    while (CONTINUED.test(part)) {
      let following = next();
      while (following && following.text.trim().startsWith('#')) following = next();
      parts.push(part.replace(CONTINUED, ' '));
      if (!following) {
        // A continuation at the end of the file continues into nothing.
        part = '';
        break;
      }
      part = following.text;
      end = following.start + following.text.length;
    }
    parts.push(part);
    const joined = parts.join('');
    const m = KEYWORD.exec(joined);
    if (!m) continue;
    const own = KEYWORD.exec(first.text);
    out.push({ keyword: m[1].toUpperCase(), args: joined.slice(m[0].length).trim(), line, start: first.start + (own?.[0].length ?? m[0].length), end });
  }
  return out;
}
