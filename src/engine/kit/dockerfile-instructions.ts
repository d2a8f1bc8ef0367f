/**
 * A Dockerfile as its instructions: keyword (upper case), arguments, 1-based line. Comment lines
 * are skipped, a trailing backslash continues the instruction (comment lines inside it too), and
 * a runaway file is read only up to MAX_INSTRUCTIONS. Pure string work: no parser can throw here.
 */
export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

/** Many instructions are fine; a runaway file is not read further. */
export const MAX_INSTRUCTIONS = 2000;

export function dockerInstructions(text: string): DockerInstruction[] {
  const lines = text.split(/\r?\n/);
  const out: DockerInstruction[] = [];
  for (let i = 0; i < lines.length && out.length < MAX_INSTRUCTIONS; i++) {
    const first = lines[i];
    if (!first.trim() || first.trim().startsWith('#')) continue;
    const line = i + 1;
    // Parts, not a growing string: a hostile file of one endless instruction stays linear.
    const parts: string[] = [];
    let part = first;
    while (/\\\s*$/.test(part) && i + 1 < lines.length) {
      parts.push(part.replace(/\\\s*$/, ' '));
      part = lines[++i];
      while (part.trim().startsWith('#') && i + 1 < lines.length) part = lines[++i];
    }
    parts.push(part.trim().startsWith('#') ? '' : part);
    const joined = parts.join('');
    const m = /^\s*([A-Za-z]+)(?:\s+|$)/.exec(joined);
    if (m) out.push({ keyword: m[1].toUpperCase(), args: joined.slice(m[0].length).trim(), line });
  }
  return out;
}
