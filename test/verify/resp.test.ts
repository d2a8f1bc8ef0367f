import { describe, expect, it } from 'vitest';
import { RespError, RespProtocolError, RespReader, encodeCommand } from '../../src/verify/resp';

function readAll(...chunks: string[]) {
  const reader = new RespReader();
  const out: unknown[] = [];
  for (const chunk of chunks) {
    reader.push(Buffer.from(chunk, 'binary'));
    for (let next = reader.next(); next; next = reader.next()) out.push(next.value);
  }
  return out;
}

describe('encodeCommand', () => {
  it('encodes an array of bulk strings, counting bytes not characters', () => {
    expect(encodeCommand(['AUTH', 'app', 'pässwörd']).toString('utf8')).toBe('*3\r\n$4\r\nAUTH\r\n$3\r\napp\r\n$10\r\npässwörd\r\n');
  });
  it('keeps spaces and CRLF inside an argument intact (no inline protocol)', () => {
    expect(encodeCommand(['AUTH', 'a b\r\nPING']).toString()).toBe('*2\r\n$4\r\nAUTH\r\n$9\r\na b\r\nPING\r\n');
  });
});

describe('RespReader', () => {
  it('reads each RESP2 type', () => {
    const values = readAll('+PONG\r\n', ':42\r\n', '$5\r\nhello\r\n', '$-1\r\n', '*-1\r\n', '*2\r\n$3\r\nfoo\r\n*1\r\n:1\r\n');
    expect(values).toEqual(['PONG', 42, 'hello', null, null, ['foo', [1]]]);
  });
  it('reads error replies with their code', () => {
    const [error] = readAll('-NOAUTH Authentication required.\r\n') as RespError[];
    expect(error).toBeInstanceOf(RespError);
    expect(error.code).toBe('NOAUTH');
    expect(error.message).toBe('NOAUTH Authentication required.');
  });
  it('waits for replies split across chunks, byte by byte', () => {
    const reply = '*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n';
    expect(readAll(...reply.split(''))).toEqual([['protected-mode', 'yes']]);
  });
  it('keeps CRLF inside a bulk string', () => {
    expect(readAll('$4\r\na\r\nb\r\n')).toEqual(['a\r\nb']);
  });
  it('rejects bytes that are not RESP, showing them', () => {
    const reader = new RespReader();
    reader.push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'));
    expect(() => reader.next()).toThrow(RespProtocolError);
    expect(() => reader.next()).toThrow(/starts with "HTTP\/1\.1 400 Bad Request\\r\\n"/);
  });
  it('rejects a TLS record on a plaintext connection', () => {
    const reader = new RespReader();
    reader.push(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]));
    expect(() => reader.next()).toThrow(/starts with "\\x15\\x03\\x03/);
  });
  it('rejects bad lengths and unterminated bulk strings', () => {
    for (const bad of ['$abc\r\n', '*-5\r\n', '$3\r\nabcXY', ':12x\r\n']) {
      const reader = new RespReader();
      reader.push(Buffer.from(bad));
      expect(() => reader.next(), bad).toThrow(RespProtocolError);
    }
  });
  it('bounds nesting depth', () => {
    const reader = new RespReader();
    reader.push(Buffer.from('*1\r\n'.repeat(20) + ':1\r\n'));
    expect(() => reader.next()).toThrow(/nested too deeply/);
  });
  it('gives up on an endless line', () => {
    const reader = new RespReader();
    reader.push(Buffer.from('+' + 'x'.repeat(70_000)));
    expect(() => reader.next()).toThrow(/too long/);
  });
});
