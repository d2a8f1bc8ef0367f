import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../src/core/finding';

describe('splitMessage', () => {
  it('splits what is wrong from what to do at the first sentence end', () => {
    expect(splitMessage('`requirepass` `fo****ed` is a well-known password. Use a long random password.')).toEqual({
      headline: '`requirepass` `fo****ed` is a well-known password.',
      detail: 'Use a long random password.',
    });
  });

  it('does not split inside code spans or parentheses, nor before a lower-case word', () => {
    expect(splitMessage('Set `a. B` here (see x. Y) e.g. this.')).toEqual({ headline: 'Set `a. B` here (see x. Y) e.g. this.' });
  });

  it('cuts a first sentence over the limit at a clause boundary and carries the rest to the detail', () => {
    const long = `TLS listens on 6380 but the plaintext port 6379 is still open, so clients can skip TLS and send the password in clear. Set \`port 0\`.`;
    const { headline, detail } = splitMessage(long);
    expect(headline).toBe('TLS listens on 6380 but the plaintext port 6379 is still open…');
    expect(detail).toBe('…so clients can skip TLS and send the password in clear. Set `port 0`.');
    const words = `${'word '.repeat(40)}end.`;
    expect(splitMessage(words).headline.length).toBeLessThanOrEqual(101);
  });

  it('keeps a message with one short sentence whole, and joins lines', () => {
    expect(splitMessage('No password.\n  Really.')).toEqual({ headline: 'No password.', detail: 'Really.' });
    expect(splitMessage('TLS is off.')).toEqual({ headline: 'TLS is off.' });
  });
});
