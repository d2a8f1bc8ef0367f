import { describe, expect, it } from 'vitest';
import { readConfLines, splitConfArgs, tokenizeConfLine } from '../../../scanners/redis-conf';

describe('splitConfArgs (sdssplitargs)', () => {
  it.each([
    ['requirepass foo', ['requirepass', 'foo']],
    ['  requirepass\tfoo  ', ['requirepass', 'foo']],
    // No inline comments: the `#` and what follows are more arguments.
    ['requirepass foo # x', ['requirepass', 'foo', '#', 'x']],
    ['requirepass "a b"', ['requirepass', 'a b']],
    ['requirepass ""', ['requirepass', '']],
    ["requirepass ''", ['requirepass', '']],
    ['requirepass "a\\"b\\\\c"', ['requirepass', 'a"b\\c']],
    ['requirepass "\\x41\\x4a\\n\\t"', ['requirepass', 'AJ\n\t']],
    // \x needs two hex digits, otherwise the backslash just escapes the `x`.
    ['requirepass "\\xZ1"', ['requirepass', 'xZ1']],
    ["requirepass 'it\\'s'", ['requirepass', "it's"]],
    // Single quotes know only \' : a backslash before anything else is kept.
    ["requirepass 'a\\nb'", ['requirepass', 'a\\nb']],
    // Quotes may start mid-token.
    ['requirepass ab"cd"', ['requirepass', 'abcd']],
    ['bind "127.0.0.1 -::1"', ['bind', '127.0.0.1 -::1']],
  ])('%j', (line, args) => {
    expect(splitConfArgs(line)).toEqual(args);
  });

  it.each([['requirepass "abc'], ["requirepass 'abc"], ['requirepass "abc"def'], ["requirepass 'a'b"]])('refuses %j', (line) => {
    expect(splitConfArgs(line)).toBeUndefined();
  });

  it('keeps the span of each token, quotes included', () => {
    const result = tokenizeConfLine('  requirepass "s3 cret"  x');
    expect(result.tokens?.map((t) => [t.value, t.start, t.end, t.quoted])).toEqual([
      ['requirepass', 2, 13, false],
      ['s3 cret', 14, 23, true],
      ['x', 25, 26, false],
    ]);
  });

  it('reports where an unbalanced quote starts', () => {
    expect(tokenizeConfLine('requirepass "abc')).toEqual({ error: 'unbalanced quotes', offset: 12 });
  });
});

describe('readConfLines', () => {
  it('skips comment and blank lines, keeps CRLF files readable, reports bad lines apart', () => {
    const { lines, bad } = readConfLines('# comment\r\n\r\n  # indented comment\r\nport 6379\r\nrequirepass "x\r\nbind a\r\n');
    expect(lines.map((l) => [l.index, l.tokens.map((t) => t.value)])).toEqual([
      [3, ['port', '6379']],
      [5, ['bind', 'a']],
    ]);
    expect(bad).toEqual([expect.objectContaining({ index: 4, name: 'requirepass', error: 'unbalanced quotes' })]);
  });
});

describe('template actions in embedded config', () => {
  it('keeps a Helm action one token, so it is a reference and not three arguments', () => {
    const { lines, bad } = readConfLines('requirepass {{ .Values.auth.password | quote }}\n{{- if .Values.tls }}\n');
    expect(bad).toEqual([]);
    expect(lines[0].tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 11],
      [12, 47],
    ]);
  });
});
