/**
 * Offsets to 1-based lines and columns in any text (YAML, a Dockerfile, an env file), indexed
 * once per text: the line starts, then a binary search per position, so pointing at many words of
 * one large file stays linear.
 */
export interface LineIndex {
  /** 1-based line and column of a 0-based offset. */
  readonly linePos: (offset: number) => { line: number; col: number };
  /** The text of a 1-based line, without its line break; undefined past the end. */
  readonly lineText: (line: number) => string | undefined;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return {
    linePos: (offset) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, col: offset - starts[lo] + 1 };
    },
    lineText: (line) => {
      const start = starts[line - 1];
      if (start === undefined) return undefined;
      const end = starts[line] ?? text.length + 1;
      return text.slice(start, end - 1).replace(/\r$/, '');
    },
  };
}
