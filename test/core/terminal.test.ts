import { describe, expect, it } from 'vitest';
import { escapeControls, escapeControlsKeepLines } from '../../src/core/terminal';

describe('escapeControls', () => {
  it('shows C0, DEL, C1 and bidi controls as visible escapes', () => {
    expect(escapeControls('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeControls('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07');
    expect(escapeControls('x\u009b31my\u007f')).toBe('x\\x9b31my\\x7f');
    expect(escapeControls('pass\u202eliaf')).toBe('pass\\u202eliaf');
    expect(escapeControls('\u2066\u2069\u200e\u061c')).toBe('\\u2066\\u2069\\u200e\\u061c');
    expect(escapeControls('tab\there\nnext\r')).toBe('tab\\x09here\\x0anext\\x0d');
  });
  it('leaves printable text alone, including non-Latin scripts and emoji', () => {
    for (const text of ['redis.conf', 'ü ß 日本 🙂', 'C:\\path', '`hu****r2`']) expect(escapeControls(text)).toBe(text);
  });
  it('can keep newlines for multi-line reports', () => {
    expect(escapeControlsKeepLines('a\u001b\nb\tc')).toBe('a\\x1b\nb\\x09c');
  });
});
