/** The kit's line index (src/engine/kit/line-index.ts): one for compose values, Dockerfiles and YAML block scalars. */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/engine/kit/line-index';

describe('lineIndex', () => {
  const text = 'first\r\nsecond\n\nlast';
  const lines = lineIndex(text);

  it('turns offsets into 1-based lines and columns', () => {
    expect(lines.linePos(0)).toEqual({ line: 1, col: 1 });
    expect(lines.linePos(text.indexOf('second'))).toEqual({ line: 2, col: 1 });
    expect(lines.linePos(text.indexOf('cond'))).toEqual({ line: 2, col: 3 });
    // The line break belongs to its line; the empty line has only its break.
    expect(lines.linePos(text.indexOf('\r'))).toEqual({ line: 1, col: 6 });
    expect(lines.linePos(text.indexOf('last') - 1)).toEqual({ line: 3, col: 1 });
    expect(lines.linePos(text.length)).toEqual({ line: 4, col: 5 });
  });

  it('gives a line without its break, CRLF included, and nothing past the end', () => {
    expect([1, 2, 3, 4].map((l) => lines.lineText(l))).toEqual(['first', 'second', '', 'last']);
    expect(lines.lineText(5)).toBeUndefined();
    expect(lines.lineText(0)).toBeUndefined();
    expect(lineIndex('').lineText(1)).toBe('');
  });
});
