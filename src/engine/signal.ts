/**
 * Signal: severities that follow the risk, and one finding per problem.
 *
 * - Context tiers (src/core/tiers.ts): test, example and CI-fixture files report at `note` unless
 *   the committed value looks like a real secret; dev-environment files report a missing password,
 *   a weak one or a committed throwaway value at `note`; a real-looking secret in a production or
 *   dev file is an `error`.
 * - Reachability: a missing password is an `error` only when the server is reachable from outside
 *   its host or cluster, a `warning` on an internal network, a `note` on loopback. Exposure only
 *   ever lowers what the scanner said (a scanner knows about protected mode, sentinels...).
 * - Grouping: findings of one root cause (the same Redis, the same committed value) become one
 *   finding at the most severe, most useful place; the others are its related locations.
 *
 * Every change of severity says why in the message, so a reader never wonders.
 */
import { EXPOSURE_RANK, type Exposure, type RedisFact, type ServerFact } from '../core/facts';
import {
  INTERNAL_FINDING_FIELDS,
  SEVERITY_RANK,
  compareFindings,
  type Finding,
  type RelatedLocation,
  type Severity,
} from '../core/finding';
import { isRelaxedTier, tierOf, type Tier, type TierOptions } from '../core/tiers';

const TIER_WORDS: Record<Exclude<Tier, 'production'>, string> = {
  test: 'a test file',
  example: 'an example',
  'ci-fixture': 'a CI fixture',
  dev: 'a dev-environment file',
};

const EXPOSURE_SEVERITY: Record<Exposure, Severity | undefined> = {
  public: 'error',
  internal: 'warning',
  loopback: 'note',
  unknown: undefined,
};

function lower(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

function where(at: { file: string; line: number } | undefined): string {
  return at ? ` (${at.file}:${at.line})` : '';
}

/** The server fact a finding is about: the one of its own file, else the most exposed one. */
function serverOf(finding: Finding, servers: Map<string, ServerFact[]>): ServerFact | undefined {
  const all = finding.subject ? servers.get(finding.subject) : undefined;
  if (!all?.length) return undefined;
  return all.find((f) => f.file === finding.file) ?? [...all].sort((a, b) => EXPOSURE_RANK[a.exposure] - EXPOSURE_RANK[b.exposure])[0];
}

function reachability(server: ServerFact): string {
  switch (server.exposure) {
    case 'public':
      return `reachable from outside its host or cluster${where(server.exposureAt)}`;
    case 'internal':
      return 'reachable only on its internal network';
    case 'loopback':
      return `listening on loopback only${where(server.exposureAt)}`;
    default:
      return '';
  }
}

const HINT_WORDS: Record<Exclude<Tier, 'production'>, string> = {
  ...TIER_WORDS,
  dev: 'a local dependency stack (every service in it is a datastore or another backing service, none runs an application)',
};

/** Severity by tier and reachability, with the reason appended to the message. */
export function rateFinding(finding: Finding, tier: Tier, servers: Map<string, ServerFact[]>, hinted = false): Finding {
  const words = hinted ? HINT_WORDS : TIER_WORDS;
  const out: Finding = { ...finding };
  if (tier !== 'production') out.tier = tier;
  if (finding.category === 'drift') return out; // drift compares environments on purpose
  const secret = finding.category === 'hardcoded-secret';
  let severity = finding.severity;
  let why: string | undefined;
  if (isRelaxedTier(tier)) {
    if (secret && finding.secretLooksReal) {
      severity = 'warning';
      why = `it is in ${words[tier as Exclude<Tier, 'production'>]}, but the value looks like a real secret`;
    } else {
      severity = 'note';
      why = `it is in ${words[tier as Exclude<Tier, 'production'>]}`;
    }
  } else if (tier === 'dev' && !(secret && finding.secretLooksReal)) {
    // A throwaway value (`dev_token`, a short word) committed for a local stack leaks nothing.
    severity = 'note';
    why = hinted && finding.tierHintWhy ? finding.tierHintWhy : secret ? `it is in ${words.dev} and the value is a throwaway, not a generated secret` : `it is in ${words.dev}`;
  } else if (secret && finding.secretLooksReal) {
    severity = 'error';
    why = 'a real-looking secret is committed to a deployed file';
  }
  if (finding.category === 'missing-auth' && !isRelaxedTier(tier) && tier !== 'dev') {
    const server = serverOf(finding, servers);
    // A compose port published on the host's loopback still leaves the compose network open.
    const composeLoopback = server?.source === 'compose' && server.exposure === 'loopback';
    const byExposure = server ? (composeLoopback ? 'warning' : EXPOSURE_SEVERITY[server.exposure]) : undefined;
    if (server && byExposure) {
      severity = lower(byExposure, severity);
      why = composeLoopback
        ? `published on the host's loopback only${where(server.exposureAt)}, and reachable on its compose network`
        : reachability(server);
      out.rated = true;
    }
  }
  out.severity = severity;
  if (why && (severity !== finding.severity || finding.category === 'missing-auth' || tier !== 'production')) {
    out.message = `${finding.message} Rated ${severity}: ${why}.`;
  }
  return out;
}

export interface SignalOptions {
  tiers?: TierOptions['patterns'];
  environment?: TierOptions['environment'];
}

/** Rates every finding by its file's tier and its server's reachability. */
export function rateFindings(findings: readonly Finding[], facts: readonly RedisFact[], options: SignalOptions): Finding[] {
  const servers = new Map<string, ServerFact[]>();
  for (const f of facts) {
    if (f.kind !== 'server') continue;
    const list = servers.get(f.subject) ?? [];
    list.push(f);
    servers.set(f.subject, list);
  }
  const tierOptions: TierOptions = { patterns: options.tiers, environment: options.environment };
  const tiers = new Map<string, Tier>();
  const tier = (file: string, hint?: Exclude<Tier, 'production'>): Tier => {
    const key = `${file}\u0000${hint ?? ''}`;
    let t = tiers.get(key);
    if (t === undefined) tiers.set(key, (t = tierOf(file, tierOptions, hint)));
    return t;
  };
  return findings.map((f) => {
    const t = tier(f.file, f.tierHint);
    return rateFinding(f, t, servers, f.tierHint !== undefined && t === f.tierHint && tier(f.file) === 'production');
  });
}

/** Categories that describe the same open server: its missing password and its exposure. */
const SERVER_PROBLEM = new Set(['missing-auth', 'exposure']);

function groupKey(f: Finding): string | undefined {
  if (f.group) return f.group;
  if (f.subject && SERVER_PROBLEM.has(f.category)) return `server:${f.subject}`;
  return undefined;
}

/** Most severe first; then production before other tiers; then missing-auth before exposure; then position. */
function primaryOrder(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    Number(a.tier !== undefined) - Number(b.tier !== undefined) ||
    Number(a.category !== 'missing-auth') - Number(b.category !== 'missing-auth') ||
    compareFindings(a, b)
  );
}

function relatedOf(f: Finding, primary: Finding): RelatedLocation {
  const same = f.ruleId === primary.ruleId;
  const what =
    f.category === 'hardcoded-secret' || f.category === 'weak-password'
      ? 'the same value'
      : same
        ? 'the same Redis'
        : `the same Redis: ${f.ruleId}`;
  const loc: RelatedLocation = { file: f.file, line: f.line, column: f.column, message: `${what} (${f.severity})`, ruleId: f.ruleId };
  if (f.endLine !== undefined) loc.endLine = f.endLine;
  if (f.endColumn !== undefined) loc.endColumn = f.endColumn;
  if (f.anchor !== undefined) loc.anchor = f.anchor;
  return loc;
}

/**
 * One finding per root cause: findings with the same group key (the same committed value) or the
 * same server (its missing password and its exposure, through its conf, compose service, base file
 * and override) are folded into the most severe one. Its fingerprint is its own (baseline.ts reads
 * rule, file, line content and anchor only), so a baseline keeps matching it.
 */
export function groupFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const alone: Finding[] = [];
  for (const f of findings) {
    const key = groupKey(f);
    if (!key) {
      alone.push(f);
      continue;
    }
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  // A conf file mounted by a compose service or a chart: the two keys meet through the subject.
  const out = [...alone];
  for (const members of groups.values()) {
    if (members.length === 1) {
      out.push(members[0]);
      continue;
    }
    // The place that knows the server's reachability (the compose service, not the bare conf it
    // mounts) rates the whole group.
    const knowing = members.filter((f) => f.rated);
    const lead = (knowing.length ? knowing : members).sort(primaryOrder)[0];
    const sorted = [lead, ...members.filter((f) => f !== lead).sort(primaryOrder)];
    const primary = { ...sorted[0] };
    const related = sorted.slice(1).map((f) => relatedOf(f, primary));
    primary.related = [...(primary.related ?? []), ...related];
    out.push(primary);
  }
  return out.sort(compareFindings);
}

/** Drops the engine-internal hints before output (a group key may be a hash of a secret). */
const INTERNAL_FIELDS: ReadonlySet<string> = new Set(INTERNAL_FINDING_FIELDS);

export function publicFinding(f: Finding): Finding {
  // Called once per finding (tens of thousands on a large tree): a plain copy loop.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(f)) if (!INTERNAL_FIELDS.has(key)) out[key] = value;
  return out as unknown as Finding;
}
