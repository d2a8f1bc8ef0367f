/**
 * One bounded connection to a Redis server over node:net or node:tls: connect with a timeout,
 * then one command at a time, each with a timeout. No retries, no reconnects, no pipelining.
 * Every transport problem becomes a ConnectionError with a one-line, secret-free message.
 */
import * as dns from 'node:dns';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { RespProtocolError, RespReader, encodeCommand, type RespValue } from './resp';

export type ConnectionErrorKind = 'refused' | 'dns' | 'timeout' | 'tls' | 'protocol' | 'closed' | 'io';

export class ConnectionError extends Error {
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface TlsSettings {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Skip certificate verification (--insecure). */
  insecure: boolean;
  /** SNI and the name the certificate must carry; defaults to the host. */
  servername?: string;
}

export interface ConnectOptions {
  host?: string;
  port?: number;
  /** Unix socket path; wins over host/port. */
  path?: string;
  tls?: TlsSettings;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

export interface TlsInfo {
  protocol: string | null;
  cipher: string;
  /** True when the certificate chain and name were checked and accepted. */
  verified: boolean;
  /** Why verification did not succeed, when --insecure let the connection through anyway. */
  verifyError?: string;
}

/**
 * Names under the reserved `.invalid` top-level domain (RFC 6761 §6.4) never resolve; answering
 * that locally keeps such names off the network entirely.
 */
const lookup: net.LookupFunction = (hostname, options, callback) => {
  if (/(^|\.)invalid\.?$/i.test(hostname)) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    process.nextTick(() => { callback(error, ''); });
    return;
  }
  dns.lookup(hostname, options, callback);
};

export function describeEndpoint(opts: Pick<ConnectOptions, 'host' | 'port' | 'path'>): string {
  if (opts.path) return opts.path;
  const host = opts.host ?? 'localhost';
  return `${host.includes(':') ? `[${host}]` : host}:${opts.port ?? 6379}`;
}

/** Turns a Node socket/TLS error into one line a user can act on. */
export function classifyError(error: NodeJS.ErrnoException, opts: ConnectOptions): ConnectionError {
  const where = describeEndpoint(opts);
  const code = error.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return new ConnectionError('refused', `connection to ${where} refused (ECONNREFUSED): is Redis running and listening there?`, code);
    case 'ENOENT':
      if (opts.path) return new ConnectionError('refused', `no Unix socket at ${where} (ENOENT)`, code);
      break;
    case 'EACCES':
      if (opts.path) return new ConnectionError('refused', `permission denied on Unix socket ${where} (EACCES)`, code);
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new ConnectionError('dns', `cannot resolve host '${opts.host}' (${code})`, code);
    case 'ECONNRESET':
    case 'EPIPE':
      return new ConnectionError('closed', `connection to ${where} reset by the server (${code})${tlsHint(opts)}`, code);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new ConnectionError('refused', `cannot reach ${where} (${code})`, code);
  }
  if (opts.tls && isTlsError(error)) return new ConnectionError('tls', tlsMessage(error, where), code);
  // Happy-eyeballs failures arrive as an AggregateError with an empty message: use the code.
  const text = (error.message || code || 'unknown error').replace(/\s+/g, ' ').trim();
  return new ConnectionError('io', `connection to ${where} failed: ${text}${code && !text.includes(code) ? ` (${code})` : ''}`, code);
}

const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function isTlsError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return CERT_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /ssl|tls|certificate/i.test(error.message);
}

function tlsMessage(error: NodeJS.ErrnoException, where: string): string {
  const code = error.code ?? '';
  let hint = '';
  if (CERT_CODES.has(code) && code !== 'ERR_TLS_CERT_ALTNAME_INVALID' && !code.startsWith('CERT_')) {
    hint = ': the certificate is not signed by a trusted CA; pass the server CA with --ca';
  } else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    hint = ': the certificate does not name this host; connect by a name it carries';
  } else if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    hint = ': the certificate is outside its validity period';
  } else if (/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|UNKNOWN_CA|BAD_CERTIFICATE/i.test(code)) {
    hint = ': the server wants a client certificate it trusts; pass --cert and --key';
  } else if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|UNKNOWN_PROTOCOL|RECORD_LAYER/i.test(code)) {
    hint = ': the server does not speak TLS on this port; use redis:// for a plaintext port';
  }
  // OpenSSL's text is `<id>:error:<code>:SSL routines:<function>:<reason>:<file>:<line>:...`; keep the reason.
  const openssl = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/.exec(error.message);
  const reason = (openssl ? openssl[1] : error.message).replace(/\s+/g, ' ').trim();
  return `TLS with ${where} failed: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}${hint}`;
}

function tlsHint(opts: ConnectOptions): string {
  return opts.tls ? '' : '; if this port speaks TLS, use rediss://';
}

export class RedisConnection {
  private readonly reader = new RespReader();
  private pending?: { resolve(v: RespValue): void; reject(e: Error): void };
  private failure?: ConnectionError;
  private closed = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly opts: ConnectOptions,
    readonly tlsInfo?: TlsInfo,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.fail(classifyError(error, opts)));
    socket.on('close', () =>
      this.fail(new ConnectionError('closed', `${describeEndpoint(opts)} closed the connection without a reply${tlsHint(opts)}`)),
    );
  }

  static connect(opts: ConnectOptions): Promise<RedisConnection> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const common = { lookup };
      const socket: net.Socket = opts.tls
        ? tls.connect({
            ...(opts.path ? { path: opts.path } : { host: opts.host ?? 'localhost', port: opts.port ?? 6379 }),
            ...common,
            ca: opts.tls.ca,
            cert: opts.tls.cert,
            key: opts.tls.key,
            rejectUnauthorized: !opts.tls.insecure,
            servername: opts.tls.servername ?? (opts.host && !net.isIP(opts.host) ? opts.host : undefined),
          })
        : opts.path
          ? net.connect({ path: opts.path })
          : net.connect({ host: opts.host ?? 'localhost', port: opts.port ?? 6379, ...common });
      let tcpConnected = false;
      socket.once('connect', () => {
        tcpConnected = true;
      });
      const timer = setTimeout(() => {
        const where = describeEndpoint(opts);
        done(
          opts.tls && tcpConnected
            ? new ConnectionError('tls', `no TLS handshake with ${where} within ${opts.connectTimeoutMs} ms: does this port speak TLS? Use redis:// for a plaintext port`)
            : new ConnectionError('timeout', `no connection to ${where} within ${opts.connectTimeoutMs} ms`),
        );
        socket.destroy();
      }, opts.connectTimeoutMs);
      const done = (error?: ConnectionError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.removeListener('error', onError);
        socket.removeListener('close', onClose);
        if (error) {
          socket.destroy();
          reject(error);
          return;
        }
        let info: TlsInfo | undefined;
        if (socket instanceof tls.TLSSocket) {
          const verifyError = socket.authorizationError ? String(socket.authorizationError) : undefined;
          info = {
            protocol: socket.getProtocol(),
            cipher: socket.getCipher()?.name ?? 'unknown',
            verified: socket.authorized,
            ...(verifyError ? { verifyError } : {}),
          };
        }
        resolve(new RedisConnection(socket, opts, info));
      };
      const onError = (error: NodeJS.ErrnoException) => done(classifyError(error, opts));
      const onClose = () => done(new ConnectionError('closed', `${describeEndpoint(opts)} closed the connection during connect${tlsHint(opts)}`));
      socket.once('error', onError);
      socket.once('close', onClose);
      socket.once(opts.tls ? 'secureConnect' : 'connect', () => done());
    });
  }

  /** Sends one command and waits for its reply. Error replies resolve (as RespError); transport problems reject. */
  command(args: readonly string[]): Promise<RespValue> {
    if (this.pending) return Promise.reject(new Error('one command at a time'));
    if (this.failure) {
      // The server may have written a reply (protected mode's -DENIED) and hung up before we asked.
      try {
        const early = this.reader.next();
        if (early) return Promise.resolve(early.value);
      } catch (error) {
        if (error instanceof RespProtocolError) return Promise.reject(this.protocolError(error));
        throw error;
      }
      return Promise.reject(this.failure);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Name the command, never its arguments beyond a subcommand (AUTH's are secret).
        const name = args[0] === 'ACL' || args[0] === 'CONFIG' ? args.slice(0, 2).join(' ') : args[0];
        this.fail(new ConnectionError('timeout', `no reply from ${describeEndpoint(this.opts)} to ${name} within ${this.opts.commandTimeoutMs} ms`));
      }, this.opts.commandTimeoutMs);
      this.pending = {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.socket.write(encodeCommand(args));
      // A reply that arrived before we asked (a banner) is already buffered: read it now.
      this.drain();
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.reader.push(chunk);
    this.drain();
  }

  private drain(): void {
    if (!this.pending) return;
    let next: { value: RespValue } | undefined;
    try {
      next = this.reader.next();
    } catch (error) {
      if (error instanceof RespProtocolError) {
        this.fail(this.protocolError(error));
        return;
      }
      throw error;
    }
    if (!next) return;
    const pending = this.pending;
    this.pending = undefined;
    pending.resolve(next.value);
  }

  private protocolError(error: RespProtocolError): ConnectionError {
    return new ConnectionError('protocol', `${describeEndpoint(this.opts)} does not speak the Redis protocol: ${error.message}`);
  }

  private fail(error: ConnectionError): void {
    if (this.closed && !this.pending) return;
    // Keep the first, most specific cause (a protocol error beats the close that follows it).
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    this.socket.destroy();
    pending?.reject(this.failure);
  }
}
