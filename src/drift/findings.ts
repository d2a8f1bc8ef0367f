/**
 * Weaknesses become findings at the line that makes the environment weaker (its own file, or the
 * base file line it inherits). Several environments inheriting the same weak line against the
 * same reference share one finding.
 */
import type { Finding } from '../core/finding';
import type { SourceRef } from '../core/facts';
import { checkDocsUrl } from '../core/docs-url';
import { compareEnvironments } from './environments';
import { describe, origin, where } from './messages';
import { settingOf } from './posture';
import { PRODUCTION_WEAKER, type Weakness } from './compare';

const ADVICE = {
  'drift-weaker-than-production':
    'Protect it like production: non-production data and credentials leak, and their settings get promoted.',
  'drift-production-weaker': 'Production must be at least as protected as every other environment.',
} as const;

/** The line that makes it weaker; when nothing sets it, the element that should (the Redis's auth element). */
function locationOf(w: Weakness): SourceRef {
  return settingOf(w.weaker, w.dimension).at ?? w.weaker.auth.at ?? { file: w.weaker.files[0], line: 1, column: 1 };
}

interface Clause {
  text: string;
  anchor: string;
}

/** `<label> in dev, staging has no authentication (set at …), weaker than prod, which … (…)`. */
function clauseOf(group: readonly Weakness[]): Clause {
  const w = group[0];
  const weak = settingOf(w.weaker, w.dimension);
  const strong = settingOf(w.stronger, w.dimension);
  const envs = group.map((g) => g.weaker.environment).sort(compareEnvironments);
  const ownFiles = group.flatMap((g) => g.weaker.files);
  return {
    text:
      `${w.weaker.label} in ${envs.join(', ')} ${describe(w.dimension, weak.value)} (${origin(weak.at, ownFiles)}), weaker than ` +
      `${w.stronger.environment}, which ${describe(w.dimension, strong.value)} (${where(strong.at, w.stronger.files)})`,
    anchor: `${w.weaker.subject}#${envs.join('+')}#${w.dimension}`,
  };
}

const refKey = (r: SourceRef) => `${r.file}\0${r.line}\0${r.column}`;

/**
 * One finding per rule and line: environments inheriting the same weak line share a clause, and
 * several weak dimensions resolved to one line (TLS and exposure both defaulting at a service's
 * element) share the finding, since a line carries one finding per rule.
 */
export function weaknessFindings(weaknesses: readonly Weakness[]): Finding[] {
  const clauses = new Map<string, Weakness[]>();
  for (const w of weaknesses) {
    const key = [w.ruleId, refKey(locationOf(w)), w.dimension, w.weaker.subject, w.stronger.environment].join('\0');
    clauses.set(key, [...(clauses.get(key) ?? []), w]);
  }
  const byLine = new Map<string, { first: Weakness; clauses: Clause[] }>();
  for (const group of clauses.values()) {
    const key = `${group[0].ruleId}\0${refKey(locationOf(group[0]))}`;
    const entry = byLine.get(key) ?? { first: group[0], clauses: [] };
    entry.clauses.push(clauseOf(group));
    byLine.set(key, entry);
  }
  const findings: Finding[] = [];
  for (const { first, clauses: parts } of byLine.values()) {
    const at = locationOf(first);
    findings.push({
      ruleId: first.ruleId,
      category: 'drift',
      severity: first.ruleId === PRODUCTION_WEAKER ? 'error' : 'warning',
      file: at.file,
      line: at.line,
      column: at.column,
      ...(at.endLine ? { endLine: at.endLine, endColumn: at.endColumn } : {}),
      message: `${parts.map((c) => c.text).join('; ')}. ${ADVICE[first.ruleId]}`,
      helpUri: checkDocsUrl(first.ruleId),
      anchor: parts.map((c) => c.anchor).join(' '),
    });
  }
  return findings;
}
