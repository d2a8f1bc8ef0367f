/**
 * Judgements on a linked connection: what each environment really gives it. Each one names the
 * environment and the file and line that set the value; the finding points at the code line and
 * lists those lines as related locations.
 */
import { SECRET_SOURCE_RANK, type RedisFact, type ServerFact, type SourceRef } from '../core/facts';
import type { RelatedLocation, Severity } from '../core/finding';
import { isLoopbackHost } from '../core/hosts';
import { parseRedisUrl } from '../core/redis-url';
import { classifySecret, looksLikeRealSecret, maskSecret } from '../core/secrets';
import type { CheckMeta } from '../engine/kit/contract';
import { LINK_CHECKS } from './checks';
import type { LinkedConnection, UnitLink } from './model';

export interface Judgement {
  check: CheckMeta;
  severity: Severity;
  connection: LinkedConnection;
  message: string;
  related: RelatedLocation[];
  /** The one Redis the finding is about, when the scanners found it: its own finding and this one are one problem. */
  subject?: string;
  /** Every place it names is a dev or test environment: rated like a dev file (a note in the scan). */
  tierHint?: 'dev';
  /** A committed password that looks generated, not a throwaway: kept at full severity in dev files too. */
  secretLooksReal?: boolean;
}

export type State =
  | { kind: 'unset' }
  | { kind: 'literal'; at: SourceRef; masked: string; name: string; looksReal: boolean }
  | { kind: 'provided'; rank: number; how: string; at: SourceRef }
  | { kind: 'none'; at: SourceRef; host?: string };

interface UnitState {
  link: UnitLink;
  env: string;
  state: State;
}

const HOW: Record<string, string> = {
  env: 'a variable',
  file: 'a mounted file',
  'secret-ref': 'a Secret',
  generated: 'a generated password',
  unknown: 'a value this scan cannot see',
};

function where(at: SourceRef): string {
  return `${at.file}:${at.line}`;
}

function envLabel(link: UnitLink): string {
  return link.unit.environment ?? 'default';
}

/** A source of variables the scan cannot list: a compose env_file not in the repository, an envFrom. */
function opaqueHow(link: UnitLink): string {
  return link.unit.source === 'compose' ? 'an env_file this scan cannot read' : 'an envFrom source this scan cannot read';
}

/** What one unit gives the connection. */
export function stateOf(c: LinkedConnection, link: UnitLink): State {
  const { settings } = link;
  if (!c.inputs.some((i) => settings.has(i.name))) {
    // `envFrom` a Secret sets it from outside; a ConfigMap this scan cannot read may set it.
    const secret = link.unit.secrets?.[0];
    if (secret) return { kind: 'provided', rank: SECRET_SOURCE_RANK['secret-ref'], how: 'a Secret (envFrom)', at: secret };
    const opaque = link.unit.opaque?.[0];
    return opaque ? { kind: 'provided', rank: SECRET_SOURCE_RANK.unknown, how: opaqueHow(link), at: opaque } : { kind: 'unset' };
  }
  let literal: State | undefined;
  let provided: State | undefined;
  let host: string | undefined;
  let firstAt: SourceRef | undefined;
  for (const input of c.inputs) {
    const s = settings.get(input.name);
    if (!s) continue;
    firstAt ??= s.at;
    if (s.url) {
      host ??= s.url.host;
      if (s.url.password === 'literal') {
        const pw = parseRedisUrl(s.value ?? '')?.password;
        if (pw && classifySecret(pw) !== 'reference') literal ??= { kind: 'literal', at: s.url.passwordAt ?? s.at, masked: maskSecret(pw), name: s.name, looksReal: looksLikeRealSecret(pw) };
      } else if (s.url.password !== 'none') {
        provided ??= { kind: 'provided', rank: SECRET_SOURCE_RANK[s.url.password], how: HOW[s.url.password] ?? s.url.password, at: s.url.passwordAt ?? s.at };
      }
      continue;
    }
    if (input.role === 'host' || (input.role === 'url' && s.source === 'literal')) {
      if (s.source === 'literal') host ??= s.value;
      continue;
    }
    if (s.source === 'none') continue;
    if (s.source === 'literal') {
      if (input.role === 'password' && s.value !== undefined && classifySecret(s.value) !== 'reference' && classifySecret(s.value) !== 'empty') {
        literal ??= { kind: 'literal', at: s.at, masked: maskSecret(s.value), name: s.name, looksReal: looksLikeRealSecret(s.value) };
      }
      continue;
    }
    // A whole URL or a password from a variable, a Secret or a file: provided from outside.
    provided ??= { kind: 'provided', rank: SECRET_SOURCE_RANK[s.source], how: HOW[s.source] ?? s.source, at: s.at };
  }
  if (literal) return literal;
  if (provided) return provided;
  // The code supplies the password itself (a literal or a secret manager): nothing to judge here.
  if (c.code.auth === 'present' && !c.inputs.some((i) => i.role === 'password')) {
    return { kind: 'provided', rank: SECRET_SOURCE_RANK.unknown, how: 'the code', at: firstAt! };
  }
  // The host is set here, the password (or URL) the code reads is not: an `envFrom` Secret or an
  // env_file this scan cannot read may set it.
  if (c.inputs.some((i) => (i.role === 'password' || i.role === 'url') && !settings.has(i.name))) {
    const secret = link.unit.secrets?.[0];
    if (secret) return { kind: 'provided', rank: SECRET_SOURCE_RANK['secret-ref'], how: 'a Secret (envFrom)', at: secret };
    const opaque = link.unit.opaque?.[0];
    if (opaque) return { kind: 'provided', rank: SECRET_SOURCE_RANK.unknown, how: opaqueHow(link), at: opaque };
  }
  return { kind: 'none', at: firstAt!, host };
}

/** The Redis a host name reaches, among the servers the scanners found near the unit. */
function targetOf(host: string | undefined, link: UnitLink, servers: readonly RedisFact[]): ServerFact | undefined {
  if (!host) return undefined;
  const name = host.split('.')[0].toLowerCase();
  const unit = link.unit;
  const composeDir = unit.source === 'compose' ? (unit.subject.split('#')[0] ?? '') : undefined;
  const candidates = servers.filter((s): s is ServerFact => {
    if (s.kind !== 'server') return false;
    if (composeDir !== undefined && !s.subject.startsWith(`${composeDir}#`)) return false;
    if (s.environment !== undefined && unit.environment !== undefined && s.environment !== unit.environment) return false;
    const names = [s.subject.split('#').pop() ?? '', /\/([^#/]+)#/.exec(s.subject)?.[1] ?? ''].map((n) => n.toLowerCase()).filter(Boolean);
    return names.includes(name) || names.some((n) => name === `${n}-master` || name.endsWith(`-${n}-master`) || name.endsWith(`-${n}`));
  });
  // The environment's own fact wins over the base file's.
  return candidates.find((s) => s.environment === unit.environment) ?? candidates[0];
}

function names(c: LinkedConnection): string {
  return nameList(c.inputs.map((i) => i.name));
}

function nameList(all: readonly string[]): string {
  const list = [...new Set(all.map((n) => `\`${n}\``))];
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** The app-env-unset note: `others` more connections of the package read (some of) the same names. */
export function unsetMessage(label: string, read: readonly string[], units: number, dir: string, others: number): string {
  const who = others ? `${label} and ${others} other connection${others === 1 ? '' : 's'} of ${dir || 'this package'} read` : `${label} reads`;
  const it = new Set(read).size === 1 ? 'it' : 'them';
  const pkg = dir || 'this package';
  const seen = units === 1 ? `the deployment unit that runs ${pkg} does not set ${it}` : `none of the ${units} deployment units that run ${pkg} sets ${it}`;
  return `${who} ${nameList(read)}; ${seen}. Its password is provided where this scan cannot check it.`;
}

/** `prod (deploy/values-prod.yaml:12)`; a file that names no environment is just its place. */
function place(s: UnitState, at: SourceRef): string {
  return s.link.unit.environment === undefined ? where(at) : `${s.env} (${where(at)})`;
}

function listPlaces(states: readonly UnitState[], at: (s: UnitState) => SourceRef): string {
  const parts = states.map((s) => place(s, at(s)));
  return [...new Set(parts)].join(', ');
}

function related(states: readonly UnitState[], at: (s: UnitState) => SourceRef, what: (s: UnitState) => string): RelatedLocation[] {
  const seen = new Set<string>();
  const out: RelatedLocation[] = [];
  for (const s of states) {
    const a = at(s);
    const key = `${a.file}:${a.line}:${a.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: a.file, line: a.line, column: a.column, ...(a.endLine ? { endLine: a.endLine, endColumn: a.endColumn } : {}), message: what(s) });
  }
  return out;
}

/** Where the password should come from: the password variable the code reads, else the URL. */
function fixFor(c: LinkedConnection, host: string): string {
  const pw = c.inputs.find((i) => i.role === 'password');
  return pw
    ? `Set \`${pw.name}\` there from a secret.`
    : `Put the password in the URL from a secret (\`redis://:\${REDIS_PASSWORD}@${host}:6379\`).`;
}

/** Only dev and test environments give the connection this value: a developer's own stack. */
function devOnly(list: readonly UnitState[]): { tierHint?: 'dev' } {
  return list.length && list.every((s) => s.link.unit.environment === 'dev' || s.link.unit.environment === 'test') ? { tierHint: 'dev' } : {};
}

const rankOf = (s: State): number => (s.kind === 'none' ? 0 : s.kind === 'literal' ? 1 : s.kind === 'provided' ? s.rank : -1);

export function judge(c: LinkedConnection, servers: readonly RedisFact[]): Judgement[] {
  const out: Judgement[] = [];
  const label = `\`${c.code.label}\``;
  const states: UnitState[] = c.units.map((link) => ({ link, env: envLabel(link), state: stateOf(c, link) }));
  const setStates = states.filter((s) => s.state.kind !== 'unset');
  // A library's unit is named with the app it runs (`compose service web (docker-compose.yml), running apps/web`).
  const unitName = (s: UnitState) => {
    const name = s.link.app !== undefined ? `${s.link.unit.label}, running ${s.link.app}` : s.link.unit.label;
    return s.link.unit.environment === undefined ? name : `${name}, ${s.env}`;
  };

  if (!setStates.length) {
    // A package no deployment unit runs (a library, an app deployed from elsewhere): nothing to
    // compare, and a note per connection would only be noise. `redis-auth drift` lists it.
    if (!states.length) return out;
    out.push({
      check: LINK_CHECKS.unset,
      severity: LINK_CHECKS.unset.defaultSeverity,
      connection: c,
      message: unsetMessage(label, c.inputs.map((i) => i.name), states.length, c.pkg.dir, 0),
      related: [],
    });
    return out;
  }

  const missing: UnitState[] = [];
  const open: UnitState[] = [];
  const blind: UnitState[] = [];
  const targets = new Map<UnitState, ServerFact | undefined>();
  for (const s of setStates) {
    if (s.state.kind !== 'none') continue;
    const target = targetOf(s.state.host, s.link, servers);
    targets.set(s, target);
    if (target && (target.auth === 'password' || target.auth === 'acl')) missing.push(s);
    else if (target && target.auth === 'none') open.push(s);
    // A loopback Redis the scan does not see is a developer's own (in a container it is the container itself).
    else if (!isLoopbackHost(s.state.host)) blind.push(s);
  }
  const atOf = (s: UnitState) => (s.state as { at: SourceRef }).at;
  if (missing.length) {
    const t = targets.get(missing[0])!;
    const host = (missing[0].state as { host?: string }).host ?? 'its Redis';
    out.push({
      check: LINK_CHECKS.passwordMissing,
      severity: LINK_CHECKS.passwordMissing.defaultSeverity,
      connection: c,
      message: `${label} gets no Redis password from ${listPlaces(missing, atOf)}, but \`${host}\` requires one (${where(t.authAt)}). The connection fails with NOAUTH, or auth gets turned off to make it work. ${fixFor(c, host)}`,
      related: related(missing, atOf, (s) => `${unitName(s)}: no password`),
      ...devOnly(missing),
    });
  }
  if (open.length || blind.length) {
    const both = [...open, ...blind];
    const why = open.length
      ? `${open.map((s) => `\`${(s.state as { host?: string }).host}\` (${where(targets.get(s)!.authAt)})`).filter((v, i, a) => a.indexOf(v) === i).join(', ')} has none either: anyone who reaches it can read and change the data.`
      : 'The Redis it reaches must be running without authentication.';
    const subjects = new Set(open.map((s) => targets.get(s)!.subject));
    out.push({
      check: LINK_CHECKS.noAuth,
      severity: open.length ? 'error' : 'warning',
      connection: c,
      // An open Redis the scan found is reported there too: one problem, grouped with it.
      ...(!blind.length && subjects.size === 1 ? { subject: [...subjects][0] } : {}),
      message: `${label} connects to Redis without a password in ${listPlaces(both, atOf)}. ${why} Require a password on that Redis and give it to the app from a secret.`,
      related: related(both, atOf, (s) => `${unitName(s)}: no password`),
      ...devOnly(both),
    });
  }
  const literals = setStates.filter((s) => s.state.kind === 'literal');
  if (literals.length) {
    const lits = literals.map((s) => ({ s, st: s.state as Extract<State, { kind: 'literal' }> }));
    // Environments are named only when every place is in one: a file that names none (the base
    // docker-compose.yml) is no environment, and "of dev" would hide that it commits the value too.
    const named = lits.every(({ s }) => s.link.unit.environment !== undefined) ? [...new Set(lits.map(({ s }) => s.env))] : [];
    const masked = [...new Set(lits.map(({ st }) => `\`${st.masked}\``))].join(', ');
    const setAt = [...new Set(lits.map(({ st }) => `\`${st.name}\` at ${where(st.at)}`))].join(', ');
    out.push({
      check: LINK_CHECKS.hardcodedSecret,
      severity: LINK_CHECKS.hardcodedSecret.defaultSeverity,
      connection: c,
      message: `${label} uses a Redis password committed to the deploy config${named.length ? ` of ${named.join(', ')}` : ''} (${masked}): ${setAt}. Take it from a secret (a Kubernetes Secret, a Docker secret, an untracked .env) instead, and rotate it.`,
      related: related(literals, atOf, (s) => `${unitName(s)}: literal password`),
      ...devOnly(literals),
      ...(lits.some(({ st }) => st.looksReal) ? { secretLooksReal: true } : {}),
    });
  }

  // Drift: compare the named environments (a base file on its own is not an environment).
  const byEnv = new Map<string, UnitState[]>();
  for (const s of states) {
    if (s.link.unit.environment === undefined) continue;
    byEnv.set(s.env, [...(byEnv.get(s.env) ?? []), s]);
  }
  if (byEnv.size > 1) {
    const best = new Map<string, UnitState>();
    for (const [env, list] of byEnv) best.set(env, list.reduce((a, b) => (rankOf(b.state) > rankOf(a.state) ? b : a)));
    const ranked = [...best.values()].sort((a, b) => rankOf(b.state) - rankOf(a.state) || a.env.localeCompare(b.env));
    const strongest = ranked[0];
    const weakest = ranked[ranked.length - 1];
    if (rankOf(strongest.state) !== rankOf(weakest.state)) {
      const describe = (s: UnitState): string => {
        const st = s.state;
        if (st.kind === 'unset') return `not at all in ${s.env} (${s.link.unit.label}, ${s.link.unit.file})`;
        if (st.kind === 'none') return `with none in ${s.env} (${where(st.at)})`;
        if (st.kind === 'literal') return `as a literal in ${s.env} (${where(st.at)})`;
        return `from ${st.how} in ${s.env} (${where(st.at)})`;
      };
      const weaker = ranked.filter((s) => rankOf(s.state) < rankOf(strongest.state));
      const unsetOnly = weaker.every((s) => s.state.kind === 'unset');
      const setIn = ranked.filter((s) => s.state.kind !== 'unset').map((s) => place(s, atOf(s)));
      const message = unsetOnly
        ? `${label} reads ${names(c)}, set in ${setIn.join(', ')} but ${weaker.map(describe).join(', ')}. Set it in every environment that runs this code, the password from a secret.`
        : `${label} gets its Redis password ${describe(strongest)}, but ${weaker.map(describe).join(', ')}. Give every environment the password the same way, from a secret.`;
      out.push({
        check: LINK_CHECKS.drift,
        severity: LINK_CHECKS.drift.defaultSeverity,
        connection: c,
        message,
        related: related(
          ranked.filter((s) => s.state.kind !== 'unset'),
          atOf,
          (s) => `${unitName(s)}: ${s.state.kind === 'none' ? 'no password' : s.state.kind === 'literal' ? 'literal password' : `password from ${(s.state as { how: string }).how}`}`,
        ),
      });
    }
  }
  return out;
}
