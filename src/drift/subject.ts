/**
 * One Redis, several files: `conf:config/redis-dev.conf` and `conf:config/redis-prod.conf` are the
 * same server in two environments. Scanners that merge environments themselves (Helm, compose)
 * already give one subject; for the others the environment's own name is taken out of the path
 * part of the subject (`conf:config/redis-<env>.conf`), so their environments line up.
 */
import { DEFAULT_ALIASES, type Environment } from '../core/environment';

export const ENV_PLACEHOLDER = '<env>';

function namesEnvironment(token: string, env: Environment): boolean {
  const t = token.toLowerCase();
  return t === env.toLowerCase() || DEFAULT_ALIASES[t] === env;
}

/** Replaces the tokens of `text` (split on / . _ - and blanks) that name `env`. */
function maskEnvironment(text: string, env: Environment): string {
  return text
    .split(/([/._\s()-]+)/)
    .map((part) => (namesEnvironment(part, env) ? ENV_PLACEHOLDER : part))
    .join('');
}

/** The subject drift groups on; unchanged when the path holds no environment name. */
export function canonicalSubject(subject: string, env: Environment | undefined): string {
  if (!env) return subject;
  const hash = subject.indexOf('#');
  const head = hash < 0 ? subject : subject.slice(0, hash);
  const tail = hash < 0 ? '' : subject.slice(hash);
  const colon = head.indexOf(':');
  return head.slice(0, colon + 1) + maskEnvironment(head.slice(colon + 1), env) + tail;
}

/** The label to show for a canonical subject: the environment's name masked the same way. */
export function canonicalLabel(label: string, subject: string, canonical: string, env: Environment | undefined): string {
  return env && canonical !== subject ? maskEnvironment(label, env) : label;
}
