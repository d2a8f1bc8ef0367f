/**
 * `redis-auth verify`: connects to a live Redis and checks that it refuses clients without
 * credentials and accepts the configured ones. The only command that touches the network.
 */
import * as path from 'node:path';
import { escapeControls } from '../../core/terminal';
import { readNamedFile } from '../../engine/kit/context';
import type { CommandIo } from './io';
import { runChecks } from '../../verify/checks';
import type { TlsSettings } from '../../verify/connection';
import { formatHuman, formatJson } from '../../verify/format';
import { DEFAULT_TIMEOUT_MS, refusedFlag, verifyOptionsFrom, type ParsedOptions, type VerifyOptions } from '../../verify/options';
import { optionsHelp, parseArgs, UsageError, type OptionSpecs } from '../args';
import { paint } from '../color';
import { HUMAN_FORMAT_ALIASES } from '../format';
import { targetsFrom, writeTargets } from '../output';
import { GENERAL_OPTIONS, outputOptions, runCommand, type CommandContext } from './common';
import { summarize, type VerifyReport } from '../../verify/result';
import { resolveTarget } from '../../verify/target';

const FORMATS = ['stylish', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const VERIFY_OPTIONS: OptionSpecs = {
  url: { type: 'string', value: '<url>', help: 'redis://host:port, rediss://host:port (TLS) or unix:///path/to.sock;\nmust not contain a password' },
  'url-env': { type: 'string', value: '<name>', help: 'read the URL from this environment variable (default REDIS_URL);\nits userinfo may carry the credentials' },
  'password-env': { type: 'string', value: '<name>', help: 'variable holding the password (default REDIS_PASSWORD)' },
  'username-env': { type: 'string', value: '<name>', help: 'variable holding the ACL user name (default REDIS_USERNAME)' },
  ca: { type: 'string', value: '<file>', help: 'CA certificate(s) to verify the server with (PEM)' },
  cert: { type: 'string', value: '<file>', help: 'client certificate (PEM), for tls-auth-clients yes' },
  key: { type: 'string', value: '<file>', help: 'client private key (PEM)' },
  insecure: { type: 'boolean', help: 'do not verify the server certificate. Risky: anyone on the path can\npose as the server and receive the password (the tls check is skipped)' },
  'timeout-ms': { type: 'string', value: '<n>', help: `wait at most N ms for each reply (default ${DEFAULT_TIMEOUT_MS})` },
  'connect-timeout-ms': { type: 'string', value: '<n>', help: 'wait at most N ms to connect (default: --timeout-ms)' },
  ...outputOptions('stylish (default), json'),
  ...GENERAL_OPTIONS,
};

export function verifyUsage(): string {
  return `Usage: redis-auth verify [--url redis://host:port | --url-env NAME] [options]

Checks that a live Redis refuses clients without credentials and accepts the configured ones.
Sends only read-only commands: PING, AUTH, ACL WHOAMI, ACL LIST / ACL GETUSER default,
CONFIG GET protected-mode (docs/verify.md lists them exactly). Credentials come from the
environment only, never from flags.

Options:
${optionsHelp(VERIFY_OPTIONS)}

Exit codes: 0 every check passed or was skipped, 1 a check failed,
            2 the target could not be reached or the arguments are wrong.`;
}

/** For tests: verify's options from a command line, or the usage error. */
export function parseVerifyArgs(argv: readonly string[]): ParsedOptions {
  try {
    const parsed = parseArgs(argv, VERIFY_OPTIONS, { refuse: refusedFlag });
    return verifyOptionsFrom(parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, error: error.message };
    throw error;
  }
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  return runCommand('verify', argv, io, { options: VERIFY_OPTIONS, usage: verifyUsage, parse: { refuse: refusedFlag } }, (context) => execute(io, context));
}

async function execute(io: CommandIo, context: CommandContext): Promise<number> {
  const targets = targetsFrom(context.parsed, FORMATS, HUMAN_FORMAT_ALIASES, 'stylish');
  const parsed = verifyOptionsFrom(context.parsed.values, context.parsed.positionals);
  if (!parsed.ok) return usageError(io, parsed.error);
  const options = parsed.options;
  const resolved = resolveTarget(options, io.env);
  if (!resolved.ok) return usageError(io, resolved.error);
  const target = resolved.target;
  if (context.verbose) {
    io.stderr(`redis-auth verify: target ${target.display}${target.tls ? ' (TLS)' : ''}, credentials ${target.credentialSource ? `from ${target.credentialSource}` : 'none configured'}\n`);
  }

  let tls: TlsSettings | undefined;
  if (target.tls) {
    const files = readTlsFiles(options, io.cwd);
    if (typeof files === 'string') return usageError(io, files);
    tls = { ...files, insecure: options.insecure };
    if (options.insecure) {
      io.stderr('redis-auth verify: warning: --insecure: the server certificate is not verified; anyone on the path could pose as the server and receive the password\n');
    }
  } else if (options.ca || options.cert || options.insecure) {
    return usageError(io, '--ca, --cert, --key and --insecure apply to TLS only: use a rediss:// URL (or ?tls=true)');
  }

  const run = await runChecks({
    target,
    tls,
    connectTimeoutMs: options.connectTimeoutMs,
    commandTimeoutMs: options.timeoutMs,
    credentialHint: `set $${options.passwordEnv} (and $${options.usernameEnv} for an ACL user), or put them in $${options.urlEnv}`,
  });
  const report: VerifyReport = {
    target: {
      url: target.display,
      tls: target.tls,
      ...(target.username !== undefined ? { username: target.username } : {}),
      ...(target.credentialSource ? { credentials: target.credentialSource } : {}),
    },
    checks: run.checks,
    summary: summarize(run.checks, run.error),
    ...(run.error ? { error: run.error } : {}),
  };
  const s = report.summary;
  const render = (format: Format, terminal: boolean) => (format === 'json' ? formatJson(report) : formatHuman(report, paint(terminal && context.color)));
  writeTargets('verify', targets, render, io, `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  if (run.error) io.stderr(`redis-auth verify: ${escapeControls(run.error.message)}\n`);
  return report.summary.exitCode;
}

function usageError(io: CommandIo, message: string): number {
  io.stderr(`redis-auth verify: ${escapeControls(message)}\n`);
  return 2;
}

/** Reads --ca/--cert/--key, relative to the working directory; a string is the error. */
function readTlsFiles(options: VerifyOptions, cwd: string): Pick<TlsSettings, 'ca' | 'cert' | 'key'> | string {
  const out: Pick<TlsSettings, 'ca' | 'cert' | 'key'> = {};
  for (const flag of ['ca', 'cert', 'key'] as const) {
    const file = options[flag];
    if (file === undefined) continue;
    // Through the safe reader: a FIFO or /dev/zero named here must not hang or fill memory.
    const read = readNamedFile(cwd, path.resolve(cwd, file), file);
    if (read.diagnostic) return `cannot read --${flag} ${file} (${read.diagnostic.message})`;
    if (!read.file) return `cannot read --${flag} ${file} (ENOENT)`;
    out[flag] = Buffer.from(read.file.text, 'utf8');
  }
  return out;
}
