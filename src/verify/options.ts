/**
 * `redis-auth verify` flags. Credentials never come from flags: a password typed on the command
 * line ends up in shell history and in every process listing, so such flags are refused.
 */

import { echoArgument, PASSWORD_FLAG } from '../core/secrets';

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
}

export const DEFAULT_TIMEOUT_MS = 3000;

export type ParsedOptions = { ok: true; options: VerifyOptions } | { ok: false; error: string };

/** Verify's own flags whose names start like a password flag. */
const ALLOWED = new Set(['--password-env']);

/**
 * A refused password flag's explanation, or undefined: `--password`, `-a`, and anything shaped
 * like one with the value glued on (`-aSECRET`, `--passwordSECRET`), named without the value.
 */
export function refusedFlag(flag: string): string | undefined {
  if (ALLOWED.has(flag) || !PASSWORD_FLAG.test(flag)) return undefined;
  return (
    `refusing ${echoArgument(flag)}: a password on the command line ends up in shell history and process lists. ` +
    `Put it in the environment instead ($REDIS_PASSWORD, or the variable named by --password-env).`
  );
}

/** The flag values (already tokenized by the CLI) as verify options; `error` on a bad value. */
export function verifyOptionsFrom(values: Record<string, string | boolean | string[] | undefined>, positionals: readonly string[] = []): ParsedOptions {
  if (positionals.length > 0) return { ok: false, error: `unexpected argument '${clip(positionals[0])}'; pass the target with --url` };
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name]) : undefined);
  const options: VerifyOptions = {
    url: text('url'),
    urlEnv: 'REDIS_URL',
    passwordEnv: 'REDIS_PASSWORD',
    usernameEnv: 'REDIS_USERNAME',
    ca: text('ca'),
    cert: text('cert'),
    key: text('key'),
    insecure: values.insecure === true,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    connectTimeoutMs: DEFAULT_TIMEOUT_MS,
  };
  for (const [flag, field] of [['url-env', 'urlEnv'], ['password-env', 'passwordEnv'], ['username-env', 'usernameEnv']] as const) {
    const value = text(flag);
    if (value === undefined) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return { ok: false, error: `--${flag} takes an environment variable name, got '${clip(value)}'` };
    options[field] = value;
  }
  for (const [flag, field] of [['timeout-ms', 'timeoutMs'], ['connect-timeout-ms', 'connectTimeoutMs']] as const) {
    const value = text(flag);
    if (value === undefined) continue;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > 600_000) return { ok: false, error: `--${flag} takes a whole number of milliseconds from 1 to 600000, got '${clip(value)}'` };
    options[field] = n;
  }
  if (text('connect-timeout-ms') === undefined) options.connectTimeoutMs = options.timeoutMs;
  if ((options.cert === undefined) !== (options.key === undefined)) return { ok: false, error: '--cert and --key go together' };
  return { ok: true, options };
}

/** Arguments are echoed in errors: short, controls escaped, password-shaped flags and URL passwords masked. */
function clip(text: string): string {
  return echoArgument(text);
}
