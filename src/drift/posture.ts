/**
 * The posture of one Redis in one environment: how it authenticates, where its secret comes from,
 * TLS, exposure and protected mode, each with the line that sets it. Built from the scanners'
 * effective facts (a setting inherited from a base file points at the base file's line).
 */
import type { Environment } from '../core/environment';
import {
  AUTH_RANK,
  EXPOSURE_RANK,
  SECRET_SOURCE_RANK,
  type AuthMode,
  type Credential,
  type Exposure,
  type RedisFact,
  type SecretSource,
  type SourceRef,
} from '../core/facts';
import { isLoopbackHost } from '../core/hosts';

export const DIMENSIONS = ['auth', 'secret', 'tls', 'exposure', 'protected-mode', 'sentinel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABEL: Record<Dimension, string> = {
  auth: 'authentication',
  secret: 'secret source',
  tls: 'TLS',
  exposure: 'exposure',
  'protected-mode': 'protected mode',
  sentinel: 'sentinel auth',
};

/** `n/a` where a dimension does not apply (a client has no exposure; no auth has no secret). */
export type SecretValue = Exclude<SecretSource, 'none'> | 'n/a';
export type Toggle = 'on' | 'off' | 'unknown';

export interface Setting<V extends string = string> {
  value: V;
  /** The line that sets it (or the element that should carry it, or the base file line). */
  at?: SourceRef;
}

export interface Posture {
  subject: string;
  label: string;
  kind: 'server' | 'client';
  environment: Environment;
  /** The environment's own files (what the scanners put in `fact.file`). */
  files: string[];
  /** Reached over loopback only (a server bound to loopback, a client of localhost): TLS protects nothing there. */
  loopback: boolean;
  auth: Setting<AuthMode>;
  secret: Setting<SecretValue>;
  tls: Setting<Toggle>;
  exposure: Setting<Exposure | 'n/a'>;
  protectedMode: Setting<Toggle | 'n/a'>;
  /** Sentinel's own authentication; `n/a` without Sentinel. */
  sentinel: Setting<SentinelAuth>;
}

export type SentinelAuth = 'none' | 'password' | 'unknown' | 'n/a';

export function settingOf(p: Posture, d: Dimension): Setting {
  switch (d) {
    case 'auth':
      return p.auth;
    case 'secret':
      return p.secret;
    case 'tls':
      return p.tls;
    case 'exposure':
      return p.exposure;
    case 'protected-mode':
      return p.protectedMode;
    case 'sentinel':
      return p.sentinel;
  }
}

/** Weakest first, unknown in the middle: used only to pick the weakest of several facts. */
const TOGGLE_ORDER: Record<string, number> = { off: 0, unknown: 1, on: 2, 'n/a': 3 };
const SECRET_ORDER: Record<string, number> = { ...SECRET_SOURCE_RANK, 'n/a': 5 };
const EXPOSURE_ORDER: Record<string, number> = { ...EXPOSURE_RANK, 'n/a': 4 };
const SENTINEL_ORDER: Record<string, number> = { none: 0, unknown: 1, password: 2, 'n/a': 3 };

function weakest<V extends string>(a: Setting<V>, b: Setting<V>, order: Record<string, number>): Setting<V> {
  return (order[b.value] ?? 0) < (order[a.value] ?? 0) ? b : a;
}

function isPasswordAuth(auth: string): boolean {
  return auth === 'password' || auth === 'acl';
}

/** A half-formed reference from a scanner is dropped rather than printed as `undefined:NaN`. */
function validRef(ref: SourceRef | undefined): SourceRef | undefined {
  return ref && typeof ref.file === 'string' && Number.isFinite(ref.line) ? ref : undefined;
}

function known<V extends string>(value: unknown, ranks: Readonly<Record<V, number>>): V | 'unknown' {
  return typeof value === 'string' && value in ranks ? (value as V) : 'unknown';
}

/** The weakest known source among the credentials; `unknown` only when nothing is known. */
function secretOf(fact: RedisFact, auth: AuthMode): Setting<SecretValue> {
  if (!isPasswordAuth(auth)) return { value: 'n/a' };
  const credentials = (Array.isArray(fact.credentials) ? fact.credentials : [])
    .filter((c): c is Credential => !!c && typeof c.source === 'string')
    .map((c) => ({ ...c, source: known<SecretSource>(c.source, SECRET_SOURCE_RANK), at: validRef(c.at)! }));
  const present = credentials.filter((c) => c.source !== 'none');
  const certain = present.filter((c) => c.source !== 'unknown');
  const pool: Credential[] = certain.length > 0 ? certain : present;
  if (pool.length === 0) return { value: 'unknown', at: validRef(fact.authAt) };
  const worst = pool.reduce((w, c) => (SECRET_SOURCE_RANK[c.source] < SECRET_SOURCE_RANK[w.source] ? c : w));
  return { value: worst.source as SecretValue, at: worst.at };
}

function toggle(value: boolean | 'unknown' | undefined): Toggle {
  return value === true ? 'on' : value === false ? 'off' : 'unknown';
}

/**
 * Protected mode only acts when the default user has no password (DOMAIN §1.2): with a password
 * and nothing said about it, it is not applicable rather than unknown.
 */
function protectedModeOf(fact: RedisFact, auth: AuthMode): Setting<Toggle | 'n/a'> {
  if (fact.kind !== 'server') return { value: 'n/a' };
  const value = toggle(fact.protectedMode);
  if (value === 'unknown' && auth !== 'none' && auth !== 'unknown') return { value: 'n/a' };
  return { value, at: validRef(fact.protectedModeAt) };
}

/** One fact's posture; the environment must be set (base-only facts are not compared). */
export function postureOfFact(fact: RedisFact & { environment: Environment }): Posture {
  const auth = known<AuthMode>(fact.auth, AUTH_RANK);
  const exposure = fact.kind === 'server' ? known<Exposure>(fact.exposure, EXPOSURE_RANK) : undefined;
  return {
    subject: fact.subject,
    label: typeof fact.label === 'string' ? fact.label : fact.subject,
    kind: fact.kind === 'client' ? 'client' : 'server',
    environment: fact.environment,
    files: [...new Set([fact.file, ...(Array.isArray(fact.ownFiles) ? fact.ownFiles.filter((f) => typeof f === 'string') : [])])],
    loopback: fact.kind === 'server' ? exposure === 'loopback' : isLoopbackHost(typeof fact.host === 'string' ? fact.host : undefined),
    auth: { value: auth, at: validRef(fact.authAt) },
    secret: secretOf(fact, auth),
    tls: { value: toggle(fact.tls), at: validRef(fact.tlsAt) },
    exposure: fact.kind === 'server' && exposure ? { value: exposure, at: validRef(fact.exposureAt) } : { value: 'n/a' },
    protectedMode: protectedModeOf(fact, auth),
    sentinel: sentinelOf(fact),
  };
}

function sentinelOf(fact: RedisFact): Setting<SentinelAuth> {
  if (fact.kind !== 'server' || fact.sentinelAuth === undefined) return { value: 'n/a' };
  const value = ['none', 'password', 'unknown'].includes(fact.sentinelAuth) ? fact.sentinelAuth : 'unknown';
  return { value, at: validRef(fact.sentinelAuthAt) };
}

/**
 * Several facts for one Redis in one environment (two prod values files mapped to `prod`, a
 * master and its replicas): the environment is as strong as its weakest part.
 */
export function mergePostures(a: Posture, b: Posture): Posture {
  const auth = weakest(a.auth, b.auth, AUTH_RANK);
  // The secret source belongs to the parts that have a password: a part without one says nothing
  // about it, and a cell without a password has none (never `none` beside `generated`).
  const withPassword = [a, b].filter((p) => isPasswordAuth(p.auth.value));
  const secret: Setting<SecretValue> = !isPasswordAuth(auth.value)
    ? { value: 'n/a' }
    : withPassword.length === 2
      ? weakest(a.secret, b.secret, SECRET_ORDER)
      : withPassword[0].secret;
  return {
    ...a,
    files: [...new Set([...a.files, ...b.files])].sort(),
    loopback: a.loopback && b.loopback,
    auth,
    secret,
    tls: weakest(a.tls, b.tls, TOGGLE_ORDER),
    exposure: weakest(a.exposure, b.exposure, EXPOSURE_ORDER),
    protectedMode: weakest(a.protectedMode, b.protectedMode, TOGGLE_ORDER),
    sentinel: weakest(a.sentinel, b.sentinel, SENTINEL_ORDER),
  };
}

const TOGGLE_RANK: Record<string, number> = { off: 0, on: 1 };

/**
 * Ranks of two postures on one dimension, higher is stronger, or undefined when they cannot be
 * compared. Unknown never counts as weaker or stronger: a finding must be provable from the files.
 * - secret source only matters when both sides use a password;
 * - TLS is not held against `a` when it is reached over loopback only;
 * - exposure: only public versus not public (internal versus loopback is not drift anyone acts on);
 * - protected mode only matters when both sides have no authentication (DOMAIN §1.2).
 */
export function comparableRanks(d: Dimension, a: Posture, b: Posture): [number, number] | undefined {
  switch (d) {
    case 'auth':
      if (a.auth.value === 'unknown' || b.auth.value === 'unknown') return undefined;
      return [AUTH_RANK[a.auth.value], AUTH_RANK[b.auth.value]];
    case 'secret': {
      if (!isPasswordAuth(a.auth.value) || !isPasswordAuth(b.auth.value)) return undefined;
      const [x, y] = [a.secret.value, b.secret.value];
      if (x === 'unknown' || y === 'unknown' || x === 'n/a' || y === 'n/a') return undefined;
      return [SECRET_SOURCE_RANK[x], SECRET_SOURCE_RANK[y]];
    }
    case 'tls': {
      // Plain text over loopback never leaves the host: not weaker than TLS across a network.
      if (a.loopback) return undefined;
      const [x, y] = [TOGGLE_RANK[a.tls.value], TOGGLE_RANK[b.tls.value]];
      return x === undefined || y === undefined ? undefined : [x, y];
    }
    case 'exposure': {
      const [x, y] = [a.exposure.value, b.exposure.value];
      if (x === 'n/a' || y === 'n/a' || x === 'unknown' || y === 'unknown') return undefined;
      return [x === 'public' ? 0 : 1, y === 'public' ? 0 : 1];
    }
    case 'sentinel': {
      // Only between two deployments that both run Sentinel and say how it authenticates.
      const rank: Record<string, number> = { none: 0, password: 1 };
      const [x, y] = [rank[a.sentinel.value], rank[b.sentinel.value]];
      return x === undefined || y === undefined ? undefined : [x, y];
    }
    case 'protected-mode': {
      if (a.auth.value !== 'none' || b.auth.value !== 'none') return undefined;
      const [x, y] = [TOGGLE_RANK[a.protectedMode.value], TOGGLE_RANK[b.protectedMode.value]];
      return x === undefined || y === undefined ? undefined : [x, y];
    }
  }
}

/** How a cell reads at a glance, for colouring. */
export type Grade = 'open' | 'weak' | 'fair' | 'strong' | 'unknown';

export const GRADE_TEXT: Record<Grade, string> = {
  open: 'open: no authentication',
  weak: 'weak: literal secret in the repository or publicly reachable',
  fair: 'fair: authenticated, but no TLS or an unclear secret source',
  strong: 'strong: authenticated, secret kept out of the repository, TLS, not public',
  unknown: 'unknown: depends on something the scan cannot see',
};

export function gradeOf(p: Posture): Grade {
  if (p.auth.value === 'none') return 'open';
  if (p.auth.value === 'unknown') return 'unknown';
  if (p.secret.value === 'literal' || p.exposure.value === 'public') return 'weak';
  if (p.tls.value !== 'on' || p.secret.value === 'unknown' || p.exposure.value === 'unknown') return 'fair';
  return 'strong';
}

/** Per-dimension tone for the HTML cell. */
export type Tone = 'bad' | 'fair' | 'good' | 'unknown' | 'na';

export function toneOf(p: Posture, d: Dimension): Tone {
  const v = settingOf(p, d).value;
  if (v === 'unknown') return 'unknown';
  if (v === 'n/a') return 'na';
  switch (d) {
    case 'auth':
      return v === 'none' ? 'bad' : 'good';
    case 'secret':
      return v === 'literal' ? 'bad' : v === 'env' || v === 'file' ? 'fair' : 'good';
    case 'tls':
      return v === 'on' ? 'good' : 'fair';
    case 'exposure':
      return v === 'public' ? 'bad' : 'good';
    case 'protected-mode':
      if (v === 'on') return 'good';
      return p.auth.value === 'none' ? 'bad' : 'na';
    case 'sentinel':
      return v === 'none' ? 'bad' : 'good';
  }
}
