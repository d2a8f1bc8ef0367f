/**
 * The one finding model both front ends share: ESLint rules report through it, scanners emit it,
 * formatters print it. Formatters know nothing about file kinds; parsers never format.
 */
import { escapeControls, oneLine } from './terminal';

import type { Tier } from './tiers';

export const CATEGORIES = [
  'missing-auth',
  'hardcoded-secret',
  'weak-password',
  'exposure',
  'transport',
  'drift',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe; used by --fail-on and sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Another place that is part of the same problem (the deploy file line that sets a value, a copy of a literal, the compose service of a redis.conf). */
export interface RelatedLocation extends Position {
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  /** What this place contributes; secret-free: `the same value (warning)`. */
  message?: string;
  /** The check that reported this place before it was grouped. */
  ruleId?: string;
  /** Its own anchor, so that a baseline can fingerprint this place like a finding. */
  anchor?: string;
}

export interface Finding extends Position {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  /** Says what is wrong and what to do. Any secret in it is already masked. */
  message: string;
  helpUri?: string;
  /**
   * Stable, secret-free text that identifies the offending element independent of its line
   * (for baselines), e.g. `services.cache.environment.REDIS_PASSWORD`.
   */
  anchor?: string;
  /** The other places of one problem; the finding itself sits at the most useful one. */
  related?: RelatedLocation[];
  /** The file's context tier (src/core/tiers.ts) when it is not `production`; set by the scan engine. */
  tier?: Exclude<Tier, 'production'>;
  /**
   * Engine-internal hints, removed before any output (a group key may be a hash of a secret):
   * `subject` names the Redis the finding is about (facts.ts), `group` joins findings of one root
   * cause, `secretLooksReal` marks a committed value that looks generated, not a throwaway.
   */
  subject?: string;
  group?: string;
  secretLooksReal?: boolean;
  /** Set when the severity follows the server's known reachability (the place that knows it). */
  rated?: boolean;
  /**
   * The tier a scanner knows from the file's content when its path says `production`: a compose
   * file that runs only backing services is a local dependency stack (`dev`). User tier patterns win.
   */
  tierHint?: Exclude<Tier, 'production'>;
  /** Why the hinted tier applies, for the rated message (default: the compose stack's words). */
  tierHintWhy?: string;
}

/** The engine-internal hint fields of a Finding. */
export const INTERNAL_FINDING_FIELDS = ['subject', 'group', 'secretLooksReal', 'rated', 'tierHint', 'tierHintWhy'] as const;

/** A problem reading a file (bad YAML, binary, too big...). Never stops the scan. */
export interface Diagnostic {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** `file:line: message` for people: control characters in the name or message are escaped. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}` : d.file;
  return escapeControls(`${where}: ${d.message}`);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/**
 * One finding per check and place (file, line, column): the most severe of those that coincide,
 * in the position of the first. Scanners that reach one element on two paths, and the run that
 * merges every scanner's output, both use it.
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.line}\u0000${f.column}`;
    const seen = byKey.get(key);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) byKey.set(key, f);
  }
  return [...byKey.values()];
}

/**
 * A message as a short headline (what is wrong, at most about `limit` characters) and the rest
 * (why, and what to do), for terminal output. Messages are written "What is wrong. What to do.";
 * the split is at the first sentence end outside code spans and parentheses, and a first sentence
 * longer than `limit` is cut at a clause boundary (`, `, `; `, `: `, ` (`), else at a space.
 */
export function splitMessage(message: string, limit = 100): { headline: string; detail?: string } {
  const text = oneLine(message).trim();
  let inCode = false;
  let depth = 0;
  let sentenceEnd = -1;
  const clauseCuts: number[] = [];
  const spaceCuts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') inCode = !inCode;
    if (inCode) continue;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (c === ' ') {
      spaceCuts.push(i);
      if (depth === 0 && /[,;:]/.test(text[i - 1])) clauseCuts.push(i);
      if (text[i + 1] === '(' && depth === 0) clauseCuts.push(i);
    }
    if (depth === 0 && c === '.' && text[i + 1] === ' ' && /[A-Z`(]/.test(text[i + 2] ?? '')) {
      sentenceEnd = i + 1;
      break;
    }
  }
  let headline = sentenceEnd > 0 ? text.slice(0, sentenceEnd) : text;
  let detail = sentenceEnd > 0 ? text.slice(sentenceEnd).trim() : '';
  if (headline.length > limit + 10) {
    const fits = (cuts: number[]) => cuts.filter((i) => i <= limit && i >= limit / 3).pop();
    const cut = fits(clauseCuts) ?? fits(spaceCuts);
    if (cut !== undefined) {
      detail = `…${headline.slice(cut).trim()}${detail ? ` ${detail}` : ''}`;
      headline = `${headline.slice(0, cut).replace(/[,;:]$/, '')}…`;
    }
  }
  return detail ? { headline, detail } : { headline };
}
