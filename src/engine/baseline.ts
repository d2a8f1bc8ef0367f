/**
 * Baselines: adopt the scanner on a large repository without fixing everything on day one.
 * `--write-baseline FILE` records today's findings; `--baseline FILE` then reports only findings
 * that are not in it and lists the recorded ones that are gone.
 *
 * A finding is recorded by a fingerprint that survives line moves: an HMAC (keyed with a random
 * salt kept in the baseline file) of its rule id, its file and what it points at — its `anchor`
 * when the scanner gives one, otherwise the trimmed, whitespace-collapsed text of its line. A
 * secret the finding points at is hashed in, so a rotated literal is a new finding. The file
 * holds only hashes, rule ids, paths, line numbers and the (already masked) messages, never a
 * secret. Identical lines are counted: two copies baselined, a third one is new.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { compareFindings, type Finding } from '../core/finding';
import { readNamedFile, readSourceFile, toPosix } from './kit/context';
import { checkParents, UnsafeWriteError, writeFileNoFollow } from './safe-write';
import { jsonProblem } from './config';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** Where the first occurrence was when the baseline was written; informational only. */
  line: number;
  /** How many findings share this fingerprint (identical lines). */
  count: number;
  /** The finding's message, secrets already masked; for the humans reviewing the file. */
  message: string;
}

export interface Baseline {
  tool: 'redis-auth';
  version: typeof BASELINE_VERSION;
  /** Hex; keys the fingerprints so that the file cannot be used to test guesses of a secret cheaply across repositories. */
  salt: string;
  findings: BaselineEntry[];
}

export interface BaselineComparison {
  /** Findings not covered by the baseline: these are reported and decide the exit code. */
  findings: Finding[];
  /** Findings the baseline covers. */
  baselined: Finding[];
  /** Baseline entries (or the part of their count) no longer found: fixed, or moved to another file. */
  resolved: BaselineEntry[];
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** The text of a line of a scanned file (1-based), or undefined when unknown. */
export type LineReader = (file: string, line: number) => string | undefined;

/** Reads lines of files under `root`, preferring `readOverride` (the git index for --staged). */
export function createLineReader(root: string, readOverride?: (relPath: string) => string | undefined): LineReader {
  const cache = new Map<string, string[] | undefined>();
  return (file, line) => {
    const key = toPosix(file);
    if (!cache.has(key)) {
      const text = readOverride?.(key) ?? readSourceFile(root, key).file?.text;
      cache.set(key, text?.split(/\r?\n/));
    }
    return cache.get(key)?.[line - 1];
  };
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

function hmac(salt: string, text: string): string {
  return createHmac('sha256', salt).update(text).digest('hex');
}

const SECRET_CATEGORIES = new Set(['hardcoded-secret', 'weak-password']);

/** The secret a finding points at: its own span on one line, for the categories that point at one. */
function secretSpan(finding: Finding, text: string | undefined): [number, number] | undefined {
  if (!text || !SECRET_CATEGORIES.has(finding.category)) return undefined;
  if (finding.endLine !== undefined && finding.endLine !== finding.line) return undefined;
  if (finding.endColumn === undefined || finding.endColumn <= finding.column) return undefined;
  const start = finding.column - 1;
  const end = Math.min(finding.endColumn - 1, text.length);
  return start < end ? [start, end] : undefined;
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** A fingerprint for one finding: stable across line moves and re-indentation, never reversible. */
export function fingerprintOf(finding: Finding, salt: string, readLine: LineReader): string {
  const text = readLine(finding.file, finding.line);
  const span = secretSpan(finding, text);
  const secretHash = span ? hmac(salt, text!.slice(span[0], span[1])).slice(0, 16) : '';
  let content: string;
  if (finding.anchor) {
    content = `anchor:${finding.anchor}\0${secretHash}`;
  } else if (text !== undefined) {
    const hashed = span ? text.slice(0, span[0]) + `<${secretHash}>` + text.slice(span[1]) : text;
    content = `line:${normalize(hashed)}`;
  } else {
    // File unreadable now (e.g. a drift finding about a file that is gone): the message, minus
    // line numbers, is the best stable description there is.
    content = `message:${finding.message.replace(/:\d+(:\d+)?/g, '')}`;
  }
  return hmac(salt, `${finding.ruleId}\0${finding.file}\0${content}`).slice(0, 32);
}

/**
 * The places of one finding: itself and its related locations (the other places of a grouped
 * problem), each fingerprinted like the finding it was before grouping. A baseline records every
 * place, so grouping never changes what a baseline written before it matches.
 */
export function placesOf(finding: Finding): Finding[] {
  const places: Finding[] = [{ ...finding, related: undefined }];
  for (const r of finding.related ?? []) {
    const place: Finding = { ...finding, related: undefined, ruleId: r.ruleId ?? finding.ruleId, file: r.file, line: r.line, column: r.column };
    delete place.endLine;
    delete place.endColumn;
    delete place.anchor;
    if (r.endLine !== undefined) place.endLine = r.endLine;
    if (r.endColumn !== undefined) place.endColumn = r.endColumn;
    if (r.anchor !== undefined) place.anchor = r.anchor;
    places.push(place);
  }
  return places;
}

/** A baseline of `findings`. Reuses the previous baseline's salt so unchanged findings keep their fingerprints. */
export function createBaseline(findings: readonly Finding[], readLine: LineReader, previous?: Baseline): Baseline {
  const salt = previous?.salt ?? newSalt();
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const finding of [...findings].sort(compareFindings).flatMap(placesOf)) {
    const fingerprint = fingerprintOf(finding, salt, readLine);
    const entry = byFingerprint.get(fingerprint);
    if (entry) {
      entry.count++;
      continue;
    }
    byFingerprint.set(fingerprint, {
      fingerprint,
      ruleId: finding.ruleId,
      file: finding.file,
      line: finding.line,
      count: 1,
      message: finding.message,
    });
  }
  return { tool: 'redis-auth', version: BASELINE_VERSION, salt, findings: [...byFingerprint.values()] };
}

/**
 * Splits findings into new and baselined, and lists what the baseline has that the scan no longer
 * finds. `inScope` says which files the scan looked at: a partial scan (`--staged`, a sub-folder)
 * must not call everything it did not look at resolved.
 */
export function compareWithBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  readLine: LineReader,
  inScope: (file: string) => boolean = () => true,
): BaselineComparison {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + entry.count);
  const result: BaselineComparison = { findings: [], baselined: [], resolved: [] };
  // In file order, so that of three identical lines with two baselined, the last one is new.
  for (const finding of [...findings].sort(compareFindings)) {
    const places = placesOf(finding);
    const known = places.map((place) => {
      const fingerprint = fingerprintOf(place, baseline.salt, readLine);
      const left = remaining.get(fingerprint) ?? 0;
      if (left <= 0) return false;
      remaining.set(fingerprint, left - 1);
      return true;
    });
    if (known.every(Boolean)) result.baselined.push(finding);
    else if (!known.some(Boolean)) result.findings.push(finding);
    else {
      // A known problem that spread to a new place (the same password in one more file): report
      // it at the first new place, with every other place related.
      const lead = known.indexOf(false);
      const primary = places[lead];
      const others = places.filter((_, i) => i !== lead);
      const related = others.map((o) => ({
        file: o.file,
        line: o.line,
        column: o.column,
        ...(o.endLine !== undefined ? { endLine: o.endLine } : {}),
        ...(o.endColumn !== undefined ? { endColumn: o.endColumn } : {}),
        ...(o.anchor !== undefined ? { anchor: o.anchor } : {}),
        ruleId: o.ruleId,
        message: o === places[0] ? 'the same problem (in the baseline)' : (finding.related?.[places.indexOf(o) - 1]?.message ?? 'the same problem'),
      }));
      result.findings.push({ ...primary, related });
      result.baselined.push(places[known.indexOf(true)]);
    }
  }
  for (const entry of baseline.findings) {
    const left = remaining.get(entry.fingerprint) ?? 0;
    if (left <= 0 || !inScope(entry.file)) continue;
    const count = Math.min(left, entry.count);
    remaining.set(entry.fingerprint, left - count);
    result.resolved.push({ ...entry, count });
  }
  return result;
}

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** Parses and checks a baseline; anything else is a BaselineError with a one-line message. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not a redis-auth baseline (${jsonProblem(error, text)})`);
  }
  const b = data as Partial<Baseline> | null;
  if (!b || typeof b !== 'object' || b.tool !== 'redis-auth' || !Array.isArray(b.findings) || typeof b.salt !== 'string') {
    throw new BaselineError(`${file}: not a redis-auth baseline (expected "tool": "redis-auth", "salt" and "findings")`);
  }
  if (b.version !== BASELINE_VERSION) {
    throw new BaselineError(`${file}: baseline version ${String(b.version)} is not supported (expected ${BASELINE_VERSION}); write it again with --write-baseline`);
  }
  for (const [i, e] of b.findings.entries()) {
    if (!e || typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string' || typeof e.file !== 'string') {
      throw new BaselineError(`${file}: findings[${i}] lacks fingerprint, ruleId or file`);
    }
    if (!Number.isInteger(e.count) || e.count < 1) e.count = 1;
  }
  return b as Baseline;
}

/**
 * Reads the baseline at `file` (absolute) through the safe reader: inside `root` a committed
 * symlink must not lead out, and only a regular file within the size cap is read. `shown` names it
 * in errors, which never quote its content.
 */
export function readBaseline(file: string, root = dirname(file), shown = file): Baseline {
  const read = readNamedFile(root, file, shown);
  if (read.diagnostic) throw new BaselineError(`cannot read baseline ${shown}: ${read.diagnostic.message}`);
  if (!read.file) throw new BaselineError(`cannot read baseline ${shown}: no such file (create it with --write-baseline)`);
  return parseBaseline(read.file.text, shown);
}

/** The baseline at `file` if there is a valid one (to keep its salt), else undefined. */
export function readBaselineIfAny(file: string, root = dirname(file)): Baseline | undefined {
  try {
    return readBaseline(file, root);
  } catch {
    return undefined;
  }
}

/** Writes the baseline without following a symlink at `file` (see safe-write.ts). */
export function writeBaseline(file: string, baseline: Baseline, shown = file, bases: readonly string[] = []): void {
  try {
    for (const base of bases) checkParents(file, base);
    writeFileNoFollow(file, serializeBaseline(baseline));
  } catch (error) {
    const why = error instanceof UnsafeWriteError ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    throw new BaselineError(`cannot write baseline ${shown}: ${why}`);
  }
}

/** The one-line summary the text formats print after the findings. */
export function baselineSummary(comparison: BaselineComparison, file: string): string {
  const baselined = comparison.baselined.length;
  const resolved = comparison.resolved.reduce((n, e) => n + e.count, 0);
  const parts = [`${baselined} known finding${baselined === 1 ? '' : 's'} in baseline ${file}`];
  if (resolved > 0) parts.push(`${resolved} resolved (run --write-baseline ${file} to drop ${resolved === 1 ? 'it' : 'them'})`);
  return `${parts.join('; ')}.`;
}

/** The files a scan covered: the listed files (`--staged`, `--changed-since`), else the paths given. */
export function scanScope(only: readonly string[] | undefined, paths: readonly string[] | undefined): (file: string) => boolean {
  if (only) {
    const set = new Set(only.map(toPosix));
    return (file) => set.has(file);
  }
  const dirs = (paths ?? []).map((p) => toPosix(p).replace(/\/+$/, '')).filter((p) => p && p !== '.');
  if (dirs.length === 0) return () => true;
  return (file) => dirs.some((d) => file === d || file.startsWith(`${d}/`));
}
