/**
 * Inline suppression in any file whose comments start with `#` (redis.conf, ACL, YAML, .env), or
 * `//` (JS/TS sources, where the code-to-deployment findings point):
 *
 *   # redis-auth-disable-next-line conf-no-auth, conf-weak-password -- CI-only throwaway instance
 *   # redis-auth-disable-file compose-port-exposed -- bound to the host firewall
 *
 * No rule id means every rule. Directives may be stacked on consecutive lines above the finding.
 * Every suppression is kept with its reason so a reviewer can audit it.
 */
import type { Finding } from '../core/finding';

export interface SuppressionDirective {
  scope: 'next-line' | 'file';
  /** 1-based line of the comment. */
  line: number;
  /** Empty: every rule. */
  ruleIds: string[];
  reason: string;
}

export interface SuppressedFinding {
  finding: Finding;
  /** The text after `--`, or '' when the directive gave none. */
  reason: string;
  /** The 1-based line of the directive that suppressed it. */
  line: number;
}

// `#` comments, and `//` in JS/TS sources (the code-to-deployment findings point there). Only the
// head is matched by a pattern: a lazy `(.*?)\s*$` over the rest backtracks quadratically on a
// long run of blanks.
const DIRECTIVE = /^\s*(?:#|\/\/)\s*redis-auth-disable-(next-line|file)(?=\s|$)/;

/** Parses one line; undefined when it is not a directive. */
export function parseDirective(text: string, line: number): SuppressionDirective | undefined {
  const m = DIRECTIVE.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length).trim();
  // `-- reason` separates the ids from the justification (as in ESLint's directive comments).
  const sep = /(?:^|\s)--(?:\s|$)/.exec(rest);
  const idsText = sep ? rest.slice(0, sep.index) : rest;
  const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
  const ruleIds = idsText
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { scope: m[1] as SuppressionDirective['scope'], line, ruleIds, reason };
}

export interface FileDirectives {
  /** Directives of consecutive comment lines that end just above line N (key N). */
  byTargetLine: Map<number, SuppressionDirective[]>;
  fileWide: SuppressionDirective[];
}

export function parseDirectives(text: string): FileDirectives {
  const byTargetLine = new Map<number, SuppressionDirective[]>();
  const fileWide: SuppressionDirective[] = [];
  // Cheap exit for the usual file with no directive at all.
  if (!text.includes('redis-auth-disable-')) return { byTargetLine, fileWide };
  const lines = text.split(/\r?\n/);
  let stack: SuppressionDirective[] = [];
  lines.forEach((content, i) => {
    const directive = parseDirective(content, i + 1);
    if (directive?.scope === 'file') {
      fileWide.push(directive);
      return;
    }
    if (directive) {
      stack.push(directive);
      return;
    }
    if (stack.length) byTargetLine.set(i + 1, stack);
    stack = [];
  });
  return { byTargetLine, fileWide };
}

function covers(directive: SuppressionDirective, ruleId: string): boolean {
  return directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
}

/**
 * Splits findings into kept and suppressed. `textOf` gives a file's content (undefined when it
 * cannot be read: nothing is suppressed there).
 */
export function applySuppressions(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  const cache = new Map<string, FileDirectives | undefined>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    if (!cache.has(finding.file)) {
      const text = textOf(finding.file);
      cache.set(finding.file, text === undefined ? undefined : parseDirectives(text));
    }
    const directives = cache.get(finding.file);
    const match =
      directives?.byTargetLine.get(finding.line)?.find((d) => covers(d, finding.ruleId)) ??
      directives?.fileWide.find((d) => covers(d, finding.ruleId));
    if (match) suppressed.push({ finding, reason: match.reason, line: match.line });
    else kept.push(finding);
  }
  return { kept, suppressed };
}
