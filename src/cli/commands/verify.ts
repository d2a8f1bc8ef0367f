/**
 * `redis-auth verify`: connects to a live Redis and checks that it refuses clients without
 * credentials and accepts the configured ones. The only command that touches the network.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CommandIo } from './io';
import { runChecks } from '../../verify/checks';
import type { TlsSettings } from '../../verify/connection';
import { formatHuman, formatJson } from '../../verify/format';
import { VERIFY_USAGE, parseVerifyArgs, type VerifyOptions } from '../../verify/options';
import { summarize, type VerifyReport } from '../../verify/result';
import { resolveTarget } from '../../verify/target';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseVerifyArgs(argv);
  if (!parsed.ok) return usageError(io, parsed.error);
  const options = parsed.options;
  if (options.help) {
    io.stdout(VERIFY_USAGE);
    return 0;
  }
  const resolved = resolveTarget(options, io.env);
  if (!resolved.ok) return usageError(io, resolved.error);
  const target = resolved.target;

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
  io.stdout(options.format === 'json' ? formatJson(report) : formatHuman(report));
  if (run.error) io.stderr(`redis-auth verify: ${run.error.message}\n`);
  return report.summary.exitCode;
}

function usageError(io: CommandIo, message: string): number {
  io.stderr(`redis-auth verify: ${message}\n`);
  return 2;
}

/** Reads --ca/--cert/--key, relative to the working directory; a string is the error. */
function readTlsFiles(options: VerifyOptions, cwd: string): Pick<TlsSettings, 'ca' | 'cert' | 'key'> | string {
  const out: Pick<TlsSettings, 'ca' | 'cert' | 'key'> = {};
  for (const flag of ['ca', 'cert', 'key'] as const) {
    const file = options[flag];
    if (file === undefined) continue;
    try {
      out[flag] = fs.readFileSync(path.resolve(cwd, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      return `cannot read --${flag} ${file} (${code})`;
    }
  }
  return out;
}
