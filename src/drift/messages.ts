/** Words for postures, shared by findings and the matrix formats. */
import type { SourceRef } from '../core/facts';
import type { Dimension } from './posture';

const PHRASES: Record<Dimension, Record<string, string>> = {
  auth: {
    none: 'has no authentication',
    password: 'requires a password',
    acl: 'requires ACL users',
    locked: 'locks the default user',
    unknown: 'has authentication the scan cannot see',
  },
  secret: {
    literal: 'takes its password from a literal in the repository',
    env: 'takes its password from an environment variable',
    file: 'takes its password from a mounted file',
    'secret-ref': 'takes its password from a secret reference',
    generated: 'uses a generated password',
    unknown: 'takes its password from somewhere the scan cannot see',
    'n/a': 'has no password',
  },
  tls: { on: 'uses TLS', off: 'has TLS off', unknown: 'has unknown TLS' },
  exposure: {
    public: 'is reachable from outside its host or cluster',
    internal: 'is reachable inside its network only',
    loopback: 'listens on loopback only',
    unknown: 'has unknown exposure',
    'n/a': 'has no exposure',
  },
  'protected-mode': { on: 'has protected mode on', off: 'has protected mode off', unknown: 'has unknown protected mode', 'n/a': '' },
  sentinel: {
    none: 'runs Sentinels that accept anyone',
    password: 'requires a password on its Sentinels',
    unknown: 'has Sentinel authentication the scan cannot see',
    'n/a': 'runs no Sentinel',
  },
};

export function describe(d: Dimension, value: string): string {
  return PHRASES[d][value] ?? `${d} ${value}`;
}

/** `values-prod.yaml:5`, or `default in values-prod.yaml` when no line sets it. */
export function where(ref: SourceRef | undefined, files: readonly string[] = []): string {
  if (ref) return `${ref.file}:${ref.line}`;
  return files.length ? `default in ${files.join(', ')}` : 'default';
}

/** `set at values-dev.yaml:3`, `inherited from values.yaml:3` (a base file line), or `by default`. */
export function origin(ref: SourceRef | undefined, ownFiles: readonly string[]): string {
  if (!ref) return 'by default';
  return ownFiles.includes(ref.file) ? `set at ${where(ref)}` : `inherited from ${where(ref)}`;
}

/** Compact cell text for the terminal table. */
export const SHORT: Record<Dimension, Record<string, string>> = {
  auth: { none: 'none', password: 'password', acl: 'acl', locked: 'locked', unknown: '?' },
  secret: { literal: 'literal', env: 'env', file: 'file', 'secret-ref': 'secret-ref', generated: 'generated', unknown: '?', 'n/a': '-' },
  tls: { on: 'on', off: 'off', unknown: '?' },
  exposure: { public: 'public', internal: 'internal', loopback: 'loopback', unknown: '?', 'n/a': '-' },
  'protected-mode': { on: 'on', off: 'off', unknown: '?', 'n/a': '-' },
  sentinel: { none: 'none', password: 'password', unknown: '?', 'n/a': '-' },
};

export function short(d: Dimension, value: string): string {
  return SHORT[d][value] ?? value;
}
