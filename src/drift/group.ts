/** Groups facts by Redis (`subject`) and environment into one posture per cell. */
import { environmentOf, type Environment, type EnvironmentOptions } from '../core/environment';
import { isThrowawayPath, type TierOptions } from '../core/tiers';
import type { RedisFact } from '../core/facts';
import { compareEnvironments } from './environments';
import { mergePostures, postureOfFact, type Posture } from './posture';
import { canonicalLabel, canonicalSubject } from './subject';

export interface SubjectGroup {
  subject: string;
  label: string;
  kind: 'server' | 'client';
  /** One per environment column, in column order. */
  postures: Posture[];
  /** Files of facts with no environment (a base file scanned on its own). */
  baseFiles: string[];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The column of each fact of one Redis. A file whose name maps to its environment only through
 * the config (`values-eu.yaml` with `{"eu": "prod"}`) is a deployment of its own when that
 * environment also has other files: column `prod (values-eu.yaml)`, still production. Several
 * files named for the environment (`overlays/prod/*.yaml`) share its column.
 */
function columnsOf(facts: readonly (RedisFact & { environment: Environment })[], options: EnvironmentOptions): Map<RedisFact, Environment> {
  const filesByEnv = new Map<Environment, Set<string>>();
  for (const f of facts) filesByEnv.set(f.environment, (filesByEnv.get(f.environment) ?? new Set()).add(f.file));
  const out = new Map<RedisFact, Environment>();
  const named = new Map<string, Environment | undefined>();
  const envOf = (file: string) => {
    if (!named.has(file)) named.set(file, environmentOf(file, { scanRoot: options.scanRoot }));
    return named.get(file);
  };
  for (const f of facts) {
    const own = envOf(f.file) === f.environment;
    out.set(f, own || filesByEnv.get(f.environment)!.size === 1 ? f.environment : `${f.environment} (${baseName(f.file)})`);
  }
  return out;
}

/**
 * The facts drift compares: those of deployments. A test stack, an example or a chart's CI values
 * configures a Redis nobody runs in an environment, so it makes neither a row nor a finding.
 */
export function deployedFacts(facts: readonly RedisFact[], tiers?: TierOptions['patterns'], environment: EnvironmentOptions = {}): RedisFact[] {
  const options: TierOptions = { patterns: tiers, environment };
  return facts.filter((f) => !(f && typeof f.file === 'string' && isThrowawayPath(f.file, options)));
}

/**
 * A row's label names files that exist: the base file's own label, or the one file every fact
 * comes from. Only a row over several environment-named files (`redis-dev.conf`, `redis-prod.conf`)
 * shows the shared shape with the environment taken out (`redis.conf`).
 */
function labelOf(b: { label: string; rawLabel: string; baseLabel?: string; facts: readonly RedisFact[] }): string {
  if (b.baseLabel !== undefined) return b.baseLabel;
  return new Set(b.facts.map((f) => f.file)).size <= 1 ? b.rawLabel : b.label;
}

export function groupFacts(facts: readonly RedisFact[], options: EnvironmentOptions = {}): SubjectGroup[] {
  type Bucket = { label: string; rawLabel: string; baseLabel?: string; kind: RedisFact['kind']; facts: (RedisFact & { environment: Environment })[]; baseFiles: Set<string> };
  const buckets = new Map<string, Bucket>();
  for (const fact of facts) {
    // A fact without identity or file cannot be placed in the matrix or pointed at.
    if (!fact || typeof fact.subject !== 'string' || typeof fact.file !== 'string') continue;
    if (fact.environment !== undefined && typeof fact.environment !== 'string') continue;
    const subject = canonicalSubject(fact.subject, fact.file, fact.environment, options);
    let b = buckets.get(subject);
    if (!b) {
      const label = canonicalLabel(fact.label, fact.file, fact.environment, options);
      buckets.set(subject, (b = { label, rawLabel: fact.label, kind: fact.kind, facts: [], baseFiles: new Set() }));
    }
    if (fact.environment === undefined || fact.environment === '') {
      b.baseFiles.add(fact.file);
      b.baseLabel ??= fact.label;
    } else b.facts.push({ ...fact, subject, environment: fact.environment });
  }
  const groups: SubjectGroup[] = [];
  for (const [subject, b] of buckets) {
    const columns = columnsOf(b.facts, options);
    const cells = new Map<Environment, Posture>();
    for (const fact of b.facts) {
      const column = columns.get(fact)!;
      const posture = postureOfFact({ ...fact, environment: column });
      const prev = cells.get(column);
      cells.set(column, prev ? mergePostures(prev, posture) : posture);
    }
    groups.push({
      subject,
      label: labelOf(b),
      kind: b.kind,
      postures: [...cells.values()].sort((a, b2) => compareEnvironments(a.environment, b2.environment)),
      baseFiles: [...b.baseFiles].sort(),
    });
  }
  return groups.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}
