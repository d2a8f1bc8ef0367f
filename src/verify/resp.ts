/**
 * RESP2, the Redis wire protocol, as far as `verify` needs it: encode a command as an array of
 * bulk strings, and decode replies incrementally. We never send HELLO, so the server never
 * switches to RESP3 and only the five RESP2 types can arrive.
 */

/** An error reply (`-NOAUTH Authentication required.`). */
export class RespError {
  constructor(readonly message: string) {}
  /** The upper-case prefix Redis puts first: NOAUTH, WRONGPASS, NOPERM, ERR, DENIED... */
  get code(): string {
    return /^[A-Z]+/.exec(this.message)?.[0] ?? '';
  }
}

export type RespValue = string | number | null | RespError | RespValue[];

/** Thrown when the bytes received are not RESP: something else listens on the port. */
export class RespProtocolError extends Error {}

export function encodeCommand(args: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(arg, 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Replies we read are small (ACL LIST is the biggest); anything huge is not a reply to us. */
const MAX_BULK = 16 * 1024 * 1024;
const MAX_LINE = 64 * 1024;
const MAX_DEPTH = 8;
const MAX_ELEMENTS = 1_000_000;

type Parsed = { value: RespValue; end: number };

/** Accumulates bytes and hands out complete replies. */
export class RespReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete reply, or undefined if more bytes are needed. Throws RespProtocolError. */
  next(): { value: RespValue } | undefined {
    const parsed = parseAt(this.buffer, 0, 0);
    if (!parsed) return undefined;
    this.buffer = this.buffer.subarray(parsed.end);
    return { value: parsed.value };
  }

  /** The first bytes received, printable, for "this is not Redis" messages. */
  preview(): string {
    return printable(this.buffer.subarray(0, 40));
  }
}

export function printable(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b === 0x0a ? '\\n' : b === 0x0d ? '\\r' : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

function parseAt(buf: Buffer, start: number, depth: number): Parsed | undefined {
  if (start >= buf.length) return undefined;
  const type = buf[start];
  if (type !== 0x2b && type !== 0x2d && type !== 0x3a && type !== 0x24 && type !== 0x2a) {
    throw new RespProtocolError(`not a RESP reply (starts with "${printable(buf.subarray(start, start + 40))}")`);
  }
  const lineEnd = buf.indexOf('\r\n', start + 1);
  if (lineEnd < 0) {
    if (buf.length - start > MAX_LINE) throw new RespProtocolError('reply line too long');
    return undefined;
  }
  const line = buf.toString('utf8', start + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case 0x2b: // +OK
      return { value: line, end: after };
    case 0x2d: // -ERR ...
      return { value: new RespError(line), end: after };
    case 0x3a: // :42
      return { value: integer(line), end: after };
    case 0x24: {
      // $5\r\nhello\r\n, $-1 is null
      const len = integer(line);
      if (len === -1) return { value: null, end: after };
      if (len < 0 || len > MAX_BULK) throw new RespProtocolError(`bad bulk length ${len}`);
      if (buf.length < after + len + 2) return undefined;
      if (buf[after + len] !== 0x0d || buf[after + len + 1] !== 0x0a) throw new RespProtocolError('bulk string not terminated by CRLF');
      return { value: buf.toString('utf8', after, after + len), end: after + len + 2 };
    }
    default: {
      // *2\r\n..., *-1 is null
      const count = integer(line);
      if (count === -1) return { value: null, end: after };
      if (count < 0 || count > MAX_ELEMENTS) throw new RespProtocolError(`bad array length ${count}`);
      if (depth >= MAX_DEPTH) throw new RespProtocolError('reply nested too deeply');
      const items: RespValue[] = [];
      let at = after;
      for (let i = 0; i < count; i++) {
        const item = parseAt(buf, at, depth + 1);
        if (!item) return undefined;
        items.push(item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
  }
}

function integer(text: string): number {
  if (!/^-?\d{1,15}$/.test(text)) throw new RespProtocolError(`bad integer "${text.slice(0, 20)}"`);
  return Number(text);
}
