/**
 * The catalogue of every scanner check (file-kind scanners + drift): SARIF rules, config
 * validation and docs all read it. Unique by id; the first definition wins.
 */
import { checkDocsUrl } from '../core/docs-url';
import { driftChecks } from '../drift';
import { linkChecks } from '../link';
import { allChecks } from './registry';
import type { CheckMeta } from './kit/contract';

export function catalog(): CheckMeta[] {
  const seen = new Set<string>();
  const out: CheckMeta[] = [];
  for (const check of allChecks([...driftChecks, ...linkChecks])) {
    if (seen.has(check.id)) continue;
    seen.add(check.id);
    out.push(check);
  }
  return out;
}

export function checkById(): Map<string, CheckMeta> {
  return new Map(catalog().map((c) => [c.id, c]));
}

export { checkDocsUrl };
