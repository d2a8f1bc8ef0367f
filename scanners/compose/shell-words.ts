/**
 * Shell-like word splitting for Compose's string `command`/`entrypoint` (split, never run in a
 * shell) and for `sh -c` scripts. Keeps each word's raw span so a finding can point at it.
 * `${...}` is one unit, so `${PW:-a b}` stays one word, as Compose interpolates before splitting.
 */

export interface Word {
  /** The word with quotes removed. */
  value: string;
  /** The word as written (quotes included). */
  raw: string;
  start: number;
  end: number;
  /** An unquoted control operator (`;`, `&&`, `||`, `|`, newline): separates commands in a script. */
  op?: boolean;
}

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '\n' || ch === ';') {
      words.push({ value: ch, raw: ch, start: i, end: i + 1, op: true });
      i++;
      continue;
    }
    if ((ch === '&' && text[i + 1] === '&') || (ch === '|' && text[i + 1] === '|')) {
      words.push({ value: ch + ch, raw: ch + ch, start: i, end: i + 2, op: true });
      i += 2;
      continue;
    }
    if (ch === '|') {
      words.push({ value: ch, raw: ch, start: i, end: i + 1, op: true });
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    let value = '';
    while (i < n && !/\s/.test(text[i]) && text[i] !== ';' && text[i] !== '|' && !(text[i] === '&' && text[i + 1] === '&')) {
      const c = text[i];
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(text[i + 1])) {
            value += text[i + 1];
            i += 2;
          } else {
            value += text[i++];
          }
        }
        i++;
      } else if (c === '\\' && i + 1 < n) {
        value += text[i + 1];
        i += 2;
      } else if (c === '$' && text[i + 1] === '{') {
        const close = matchBrace(text, i + 1);
        value += text.slice(i, close + 1);
        i = close + 1;
      } else {
        value += c;
        i++;
      }
    }
    words.push({ value, raw: text.slice(start, Math.min(i, n)), start, end: Math.min(i, n) });
  }
  return words;
}

function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

/** Splits words into the simple commands of a script (on `;`, `&&`, `||`, `|`, newlines). */
export function commandsOf(words: Word[]): Word[][] {
  const out: Word[][] = [[]];
  for (const w of words) {
    if (w.op) out.push([]);
    else out[out.length - 1].push(w);
  }
  return out.filter((c) => c.length > 0);
}
