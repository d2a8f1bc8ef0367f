/**
 * The engine's signal stage (src/engine/signal.ts: severity by tier and reachability, grouping)
 * for the per-scanner fixture runners, so that they and the whole-engine runner read one
 * expected.json the same way. A check folded into another finding of the same problem is listed
 * with severity `related` at its own place.
 */
import type { Finding } from '../../src/core/finding';
import type { RedisFact } from '../../src/core/facts';
import { groupFindings, publicFinding, rateFindings } from '../../src/engine/signal';

export function throughSignal(findings: readonly Finding[], facts: readonly RedisFact[]): Finding[] {
  return groupFindings(rateFindings(findings, facts, {})).map(publicFinding);
}

export interface Brief {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
}

/** The check's findings and the places where it was folded into another finding. */
export function briefOf(findings: readonly Finding[], ruleId: string, prefix = ''): Brief[] {
  const own = findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({ file: prefix + f.file, line: f.line, column: f.column, ruleId, severity: f.severity }));
  const folded = findings.flatMap((f) =>
    (f.related ?? []).filter((r) => r.ruleId === ruleId).map((r) => ({ file: prefix + r.file, line: r.line, column: r.column, ruleId, severity: 'related' })),
  );
  return [...own, ...folded];
}
