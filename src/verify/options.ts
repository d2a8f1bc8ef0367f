/**
 * `redis-auth verify` flags. Credentials never come from flags: a password typed on the command
 * line ends up in shell history and in every process listing, so such flags are refused.
 */

import { isRedisUrl, redactRedisUrl } from '../core/redis-url';
import { maskSecret } from '../core/secrets';

export type VerifyFormat = 'human' | 'json';

export interface VerifyOptions {
  /** Target URL given on the command line; must not carry a password. */
  url?: string;
  /** Environment variable holding the target URL when --url is absent. */
  urlEnv: string;
  passwordEnv: string;
  usernameEnv: string;
  ca?: string;
  cert?: string;
  key?: string;
  insecure: boolean;
  /** Per-command reply timeout. */
  timeoutMs: number;
  connectTimeoutMs: number;
  format: VerifyFormat;
  help: boolean;
}

export const DEFAULT_TIMEOUT_MS = 3000;

export const VERIFY_USAGE = `Usage: redis-auth verify [--url redis://host:port | --url-env NAME] [options]

Checks that a live Redis refuses clients without credentials and accepts the configured ones.
Sends only read-only commands: PING, AUTH, ACL WHOAMI, ACL LIST / ACL GETUSER default,
CONFIG GET protected-mode (docs/verify.md lists them exactly).

Target:
  --url URL               redis://host:port, rediss://host:port (TLS) or unix:///path/to.sock.
                          Must not contain a password.
  --url-env NAME          read the URL from this environment variable (default REDIS_URL);
                          its userinfo may carry the credentials

Credentials (from the environment only, never from flags):
  --password-env NAME     variable holding the password (default REDIS_PASSWORD)
  --username-env NAME     variable holding the ACL user name (default REDIS_USERNAME)

TLS (rediss://):
  --ca FILE               CA certificate(s) to verify the server with (PEM)
  --cert FILE             client certificate (PEM), for tls-auth-clients yes
  --key FILE              client private key (PEM)
  --insecure              do not verify the server certificate. Risky: anyone on the path can
                          pose as the server and receive the password. The tls check is then
                          reported as skipped.

Limits:
  --timeout-ms N          wait at most N ms for each reply (default ${DEFAULT_TIMEOUT_MS})
  --connect-timeout-ms N  wait at most N ms to connect (default: --timeout-ms)

Output:
  -f, --format human|json default human
  -h, --help              this text

Exit codes: 0 every check passed or was skipped, 1 a check failed,
            2 the target could not be reached or the arguments are wrong.
`;

export type ParsedOptions = { ok: true; options: VerifyOptions } | { ok: false; error: string };

const REFUSED_FLAG = /^(?:--?(?:password|passwd|pass|pw|auth|requirepass|user-password)|-a)$/i;

const VALUE_FLAGS = new Set(['--url', '--url-env', '--password-env', '--username-env', '--ca', '--cert', '--key', '--timeout-ms', '--connect-timeout-ms', '--format']);

export function parseVerifyArgs(argv: readonly string[]): ParsedOptions {
  const options: VerifyOptions = {
    urlEnv: 'REDIS_URL',
    passwordEnv: 'REDIS_PASSWORD',
    usernameEnv: 'REDIS_USERNAME',
    insecure: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    connectTimeoutMs: DEFAULT_TIMEOUT_MS,
    format: 'human',
    help: false,
  };
  let connectTimeoutGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const given = eq >= 0 ? arg.slice(0, eq) : arg;
    // -f is scan's short form of --format.
    const flag = given === '-f' ? '--format' : given;
    if (REFUSED_FLAG.test(flag)) {
      return {
        ok: false,
        error:
          `refusing ${flag}: a password on the command line ends up in shell history and process lists. ` +
          `Put it in the environment instead ($REDIS_PASSWORD, or the variable named by --password-env).`,
      };
    }
    if (flag === '-h' || flag === '--help') {
      options.help = true;
      continue;
    }
    if (flag === '--insecure') {
      if (eq >= 0) return { ok: false, error: '--insecure takes no value' };
      options.insecure = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) {
      if (!flag.startsWith('-')) return { ok: false, error: `unexpected argument '${clip(flag)}'; pass the target with --url` };
      return { ok: false, error: `unknown option '${clip(flag)}'; see 'redis-auth verify --help'` };
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '') return { ok: false, error: `${flag} needs a value` };
    switch (flag) {
      case '--url':
        options.url = value;
        break;
      case '--url-env':
      case '--password-env':
      case '--username-env':
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return { ok: false, error: `${flag} takes an environment variable name, got '${clip(value)}'` };
        if (flag === '--url-env') options.urlEnv = value;
        else if (flag === '--password-env') options.passwordEnv = value;
        else options.usernameEnv = value;
        break;
      case '--ca':
        options.ca = value;
        break;
      case '--cert':
        options.cert = value;
        break;
      case '--key':
        options.key = value;
        break;
      case '--timeout-ms':
      case '--connect-timeout-ms': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < 1 || n > 600_000) return { ok: false, error: `${flag} takes a whole number of milliseconds from 1 to 600000, got '${clip(value)}'` };
        if (flag === '--timeout-ms') options.timeoutMs = n;
        else {
          options.connectTimeoutMs = n;
          connectTimeoutGiven = true;
        }
        break;
      }
      case '--format':
        if (value !== 'human' && value !== 'json') return { ok: false, error: `--format takes human or json, got '${clip(value)}'` };
        options.format = value;
        break;
    }
  }
  if (!connectTimeoutGiven) options.connectTimeoutMs = options.timeoutMs;
  if ((options.cert === undefined) !== (options.key === undefined)) return { ok: false, error: '--cert and --key go together' };
  return { ok: true, options };
}

/** Arguments are echoed in errors: short, and with any URL password masked. */
function clip(text: string): string {
  const safe = isRedisUrl(text) ? redactRedisUrl(text, maskSecret) : text;
  return safe.length > 60 ? `${safe.slice(0, 57)}...` : safe;
}
