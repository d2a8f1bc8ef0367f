/** Groups facts by Redis (`subject`) and environment into one posture per cell. */
import type { RedisFact } from '../../src/facts';
import { compareEnvironments } from './environments';
import { mergePostures, postureOfFact, type Posture } from './posture';

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
  const groups = new Map<string, { first: RedisFact; cells: Map<string, Posture>; baseFiles: Set<string> }>();
  for (const fact of facts) {
    let g = groups.get(fact.subject);
    if (!g) groups.set(fact.subject, (g = { first: fact, cells: new Map(), baseFiles: new Set() }));
    if (fact.environment === undefined || fact.environment === '') {
      g.baseFiles.add(fact.file);
      continue;
    }
    const posture = postureOfFact({ ...fact, environment: fact.environment });
    const prev = g.cells.get(fact.environment);
    g.cells.set(fact.environment, prev ? mergePostures(prev, posture) : posture);
  }
  return [...groups.entries()]
    .map(([subject, g]) => ({
      subject,
      label: g.first.label,
      kind: g.first.kind,
      postures: [...g.cells.values()].sort((a, b) => compareEnvironments(a.environment, b.environment)),
      baseFiles: [...g.baseFiles].sort(),
    }))
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}
