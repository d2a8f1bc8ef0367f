/**
 * The same literal secret in several environments: a leaked dev secret is the production secret.
 * Values are compared by hash and only ever shown masked. Every distinct line that holds the
 * value gets a finding, since each is a place to change.
 */
import { createHash } from 'node:crypto';
import type { RedisFact, SourceRef } from '../core/facts';
import type { Finding } from '../core/finding';
import { classifySecret, maskSecret } from '../core/secrets';
import { checkDocsUrl } from '../core/docs-url';
import { compareEnvironments, isProductionLike } from './environments';
import { where } from './messages';
import { SHARED_SECRET } from './compare';

interface Location {
  at: SourceRef;
  environments: Set<string>;
}

function hashOf(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

const refKey = (r: SourceRef) => `${r.file}\0${r.line}\0${r.column}`;

/** Environments using each literal value, by hash, with the lines that set it. */
function collect(facts: readonly RedisFact[]): Map<string, { masked: string; locations: Map<string, Location> }> {
  const byHash = new Map<string, { masked: string; locations: Map<string, Location> }>();
  for (const fact of facts) {
    if (!fact || typeof fact.environment !== 'string' || !fact.environment || !Array.isArray(fact.credentials)) continue;
    for (const c of fact.credentials) {
      if (c?.source !== 'literal' || typeof c.value !== 'string' || typeof c.at?.file !== 'string') continue;
      // Empty values, references and placeholders (`<password>`, `xxxx`) are not secrets anyone shares.
      const kind = classifySecret(c.value);
      if (kind === 'empty' || kind === 'reference' || kind === 'placeholder') continue;
      const hash = hashOf(c.value);
      let entry = byHash.get(hash);
      if (!entry) byHash.set(hash, (entry = { masked: maskSecret(c.value), locations: new Map() }));
      const key = refKey(c.at);
      let loc = entry.locations.get(key);
      if (!loc) entry.locations.set(key, (loc = { at: c.at, environments: new Set() }));
      loc.environments.add(fact.environment);
    }
  }
  return byHash;
}

const MAX_OTHERS = 5;

const envList = (envs: Iterable<string>) => [...envs].sort(compareEnvironments).join(', ');

export function sharedSecretFindings(facts: readonly RedisFact[]): Finding[] {
  const findings: Finding[] = [];
  for (const { masked, locations } of collect(facts).values()) {
    const all = new Set([...locations.values()].flatMap((l) => [...l.environments]));
    if (all.size < 2) continue;
    const severity = [...all].some(isProductionLike) ? 'error' : 'warning';
    const places = [...locations.values()];
    const named = places.map((o) => `${envList(o.environments)} (${where(o.at)})`);
    for (const [i, loc] of places.entries()) {
      // Name a few other places, not hundreds: a monorepo can repeat one dev password everywhere.
      const shown: string[] = [];
      for (let j = 0; j < named.length && shown.length < MAX_OTHERS; j++) if (j !== i) shown.push(named[j]);
      const more = named.length - 1 - shown.length;
      const used = [`${envList(loc.environments)} (here)`, ...shown].join(', ') + (more > 0 ? ` and ${more} more` : '');
      findings.push({
        ruleId: SHARED_SECRET,
        category: 'drift',
        severity,
        file: loc.at.file,
        line: loc.at.line,
        column: loc.at.column,
        ...(loc.at.endLine ? { endLine: loc.at.endLine, endColumn: loc.at.endColumn } : {}),
        message:
          `The same literal password (\`${masked}\`) is used in ${places.length} place${places.length === 1 ? '' : 's'} across ${all.size} environments (${envList(all)}): ${used}. ` +
          `A leak of one environment's files or data exposes the others; use a separate secret per ` +
          `environment and keep production's out of the repository.`,
        helpUri: checkDocsUrl(SHARED_SECRET),
        ...(loc.at.anchor ? { anchor: `${loc.at.anchor}#shared-secret` } : {}),
      });
    }
  }
  return findings;
}
