/** Groups facts by Redis (`subject`) and environment into one posture per cell. */
import type { RedisFact } from '../../src/facts';
import { compareEnvironments } from './environments';
import { mergePostures, postureOfFact, type Posture } from './posture';
import { canonicalLabel, canonicalSubject } from './subject';

export interface SubjectGroup {
  subject: string;
  label: string;
  kind: 'server' | 'client';
  /** One per environment, in column order. */
  postures: Posture[];
  /** Files of facts with no environment (a base file scanned on its own). */
  baseFiles: string[];
}

export function groupFacts(facts: readonly RedisFact[]): SubjectGroup[] {
  const groups = new Map<string, { label: string; kind: RedisFact['kind']; cells: Map<string, Posture>; baseFiles: Set<string> }>();
  for (const fact of facts) {
    const subject = canonicalSubject(fact.subject, fact.environment);
    let g = groups.get(subject);
    if (!g) {
      const label = canonicalLabel(fact.label, fact.subject, subject, fact.environment);
      groups.set(subject, (g = { label, kind: fact.kind, cells: new Map(), baseFiles: new Set() }));
    }
    if (fact.environment === undefined || fact.environment === '') {
      g.baseFiles.add(fact.file);
      continue;
    }
    const posture = postureOfFact({ ...fact, subject, environment: fact.environment });
    const prev = g.cells.get(fact.environment);
    g.cells.set(fact.environment, prev ? mergePostures(prev, posture) : posture);
  }
  return [...groups.entries()]
    .map(([subject, g]) => ({
      subject,
      label: g.label,
      kind: g.kind,
      postures: [...g.cells.values()].sort((a, b) => compareEnvironments(a.environment, b.environment)),
      baseFiles: [...g.baseFiles].sort(),
    }))
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}
