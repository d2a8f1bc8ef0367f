/**
 * Weaknesses become findings at the line that makes the environment weaker (its own file, or the
 * base file line it inherits). Several environments inheriting the same weak line against the
 * same reference share one finding.
 */
import type { Finding } from '../../src/finding';
import { docsUrl } from '../../src/docs-url';
import { compareEnvironments } from './environments';
import { describe, origin, where } from './messages';
import { settingOf } from './posture';
import { PRODUCTION_WEAKER, type Weakness } from './compare';

const ADVICE = {
  'drift-weaker-than-production':
    'Protect it like production: non-production data and credentials leak, and their settings get promoted.',
  'drift-production-weaker': 'Production must be at least as protected as every other environment.',
} as const;

export function weaknessFindings(weaknesses: readonly Weakness[]): Finding[] {
  const merged = new Map<string, Weakness[]>();
  for (const w of weaknesses) {
    const at = settingOf(w.weaker, w.dimension).at;
    const key = [w.ruleId, w.dimension, w.weaker.subject, at?.file, at?.line, at?.column, w.stronger.environment].join('\0');
    merged.set(key, [...(merged.get(key) ?? []), w]);
  }
  const findings: Finding[] = [];
  for (const group of merged.values()) {
    const w = group[0];
    const weak = settingOf(w.weaker, w.dimension);
    const strong = settingOf(w.stronger, w.dimension);
    const at = weak.at ?? { file: w.weaker.files[0], line: 1, column: 1 };
    const envs = group.map((g) => g.weaker.environment).sort(compareEnvironments);
    const ownFiles = group.flatMap((g) => g.weaker.files);
    const subjectText = `${w.weaker.label} in ${envs.join(', ')}`;
    const message =
      `${subjectText} ${describe(w.dimension, weak.value)} (${origin(weak.at, ownFiles)}), weaker than ` +
      `${w.stronger.environment}, which ${describe(w.dimension, strong.value)} (${where(strong.at)}). ` +
      ADVICE[w.ruleId];
    findings.push({
      ruleId: w.ruleId,
      category: 'drift',
      severity: w.ruleId === PRODUCTION_WEAKER ? 'error' : 'warning',
      file: at.file,
      line: at.line,
      column: at.column,
      ...(at.endLine ? { endLine: at.endLine, endColumn: at.endColumn } : {}),
      message,
      helpUri: docsUrl(w.ruleId),
      anchor: `${w.weaker.subject}#${envs.join('+')}#${w.dimension}`,
    });
  }
  return findings;
}
