/**
 * One Redis, several files: `conf:config/redis-dev.conf` and `conf:config/redis-prod.conf` are the
 * same server in two environments. Scanners that merge environments themselves (Helm, compose)
 * already give one subject; for the others the parts of the fact's file path that name its
 * environment (the same parts environment inference read: a word of the file name, a folder that
 * IS the environment) are taken out of the subject: `conf:config/redis.conf`. Nothing else is
 * touched, so `my-prod-stack/` or `prod-infra/` stay as they are.
 */
import { environmentParts, type Environment, type EnvironmentOptions } from '../core/environment';

function segments(path: string): string[] {
  return path.split('/').filter((p) => p && p !== '.');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `redis-prod.conf` without `prod`: `redis.conf`; `.env.production` -> `.env`; `prod.yaml` stays. */
function dropWord(name: string, word: string): string {
  const w = escape(word);
  const inner = name.replace(new RegExp(`([._-])${w}(?=[._-]|$)`, 'i'), '');
  const out = inner !== name ? inner : name.replace(new RegExp(`^${w}[._-]`, 'i'), '');
  // A name that was only the environment (`prod.yaml`, `dev/`) keeps it: nothing else identifies it.
  return /^[._-]*(ya?ml|json|conf|env)?$/i.test(out) ? name : out;
}

/** The path with the parts that name `env` (per `file`'s environment parts) removed. */
function canonicalPath(path: string, file: string, env: Environment, options: EnvironmentOptions): string {
  const subject = segments(path);
  const fileParts = segments(file);
  if (subject.length === 0 || subject.length > fileParts.length || subject.some((s, i) => s !== fileParts[i])) return path;
  const parts = environmentParts(file, options).filter((p) => p.environment === env && p.segment < subject.length);
  if (parts.length === 0) return path;
  const out = [...subject];
  for (const part of parts.sort((a, b) => b.segment - a.segment)) {
    if (part.word !== undefined) out[part.segment] = dropWord(out[part.segment], part.word);
    else out.splice(part.segment, 1);
  }
  return out.join('/') || '.';
}

/** The subject drift groups on; unchanged when its path holds no environment-naming part. */
export function canonicalSubject(subject: string, file: string, env: Environment | undefined, options: EnvironmentOptions = {}): string {
  if (!env) return subject;
  const hash = subject.indexOf('#');
  const head = hash < 0 ? subject : subject.slice(0, hash);
  const tail = hash < 0 ? '' : subject.slice(hash);
  const colon = head.indexOf(':');
  const rest = head.slice(colon + 1);
  // `helm:helmfile.prod.yaml:release`: the path ends at the next colon.
  const second = rest.indexOf(':');
  const path = second < 0 ? rest : rest.slice(0, second);
  const after = second < 0 ? '' : rest.slice(second);
  return head.slice(0, colon + 1) + canonicalPath(path, file, env, options) + after + tail;
}

/** The label for a canonical subject: the paths in it shortened the same way. */
export function canonicalLabel(label: string, file: string, env: Environment | undefined, options: EnvironmentOptions = {}): string {
  if (!env) return label;
  let out = label;
  const fileCanonical = canonicalPath(file, file, env, options);
  if (fileCanonical !== file) out = out.split(file).join(fileCanonical);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const dirCanonical = dir ? canonicalPath(dir, file, env, options) : dir;
  if (dir && dirCanonical !== dir) out = out.replace(new RegExp(`(^|[\\s(])${escape(dir)}(?=[\\s)/#,]|$)`, 'g'), `$1${dirCanonical}`);
  return out;
}
