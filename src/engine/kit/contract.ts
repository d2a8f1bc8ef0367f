/**
 * The contract every file-kind scanner implements. A scanner receives every file that discovery
 * classified as its kind (so it can merge compose overrides or Helm values per environment),
 * parses them into facts, and runs its checks over the facts.
 */
import type { Category, Diagnostic, Finding, Severity } from '../../core/finding';
import type { EnvironmentOptions } from '../../core/environment';
import type { CodeConnectionFact, RedisFact, UnitFact } from '../../core/facts';

export type FileKind = 'redis-conf' | 'acl' | 'sentinel' | 'compose' | 'helm' | 'kubernetes' | 'dotenv' | 'app-config';

export interface SourceFile {
  /** Relative to the scan root, forward slashes: what findings print. */
  path: string;
  /** Absolute path on disk (or a virtual path for staged content). */
  absPath: string;
  text: string;
}

export interface ScanContext {
  /** Absolute scan root. Nothing outside it is ever read. */
  root: string;
  /**
   * Reads another file by a path relative to the scan root (an `include`, a mounted redis.conf,
   * the `.env` beside a compose file, a `Chart.yaml`). Returns undefined when it does not exist,
   * is outside the root, is binary, or is too big; those problems become diagnostics.
   */
  readFile(relPath: string): SourceFile | undefined;
  /** Lists files relative to the root matching a glob (for `include` globs), sorted. */
  glob(pattern: string): string[];
  environment: EnvironmentOptions;
  /** Extra image names (`myregistry/redis-hardened`) the user says run Redis. */
  extraImages: string[];
}

export interface ScanResult {
  facts: RedisFact[];
  /** Deployment units that run application code, with what they set its variables to (src/link/). */
  units?: UnitFact[];
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export function emptyResult(): ScanResult {
  return { facts: [], findings: [], diagnostics: [] };
}

export function mergeResults(into: ScanResult, from: ScanResult): ScanResult {
  into.facts.push(...from.facts);
  if (from.units?.length) (into.units ??= []).push(...from.units);
  into.findings.push(...from.findings);
  into.diagnostics.push(...from.diagnostics);
  return into;
}

/** The catalogue entry for one scanner check: drives docs, SARIF rules and config validation. */
export interface CheckMeta {
  /** Stable id, e.g. `conf-no-auth`; its page is docs/checks/<id>.md. */
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** One sentence, used as SARIF shortDescription. */
  description: string;
}

export interface DetectHints {
  extraImages: readonly string[];
}

export interface Scanner {
  kind: FileKind;
  checks: readonly CheckMeta[];
  /**
   * Base-name globs of the files this kind can be (`*.conf`, `.env.*`, case-insensitive; see
   * file-names.ts). Discovery walks only these names, the engine offers a file only to the
   * scanners whose names match, and the config-files ESLint rule is set up for them; `detect`
   * then decides by content and finer name rules.
   */
  fileNames: readonly string[];
  /**
   * Cheap content test on a file whose name could be this kind. Must be fast: it runs on every
   * candidate file. E.g. compose: a `services:` key and a Redis-family image. `hints` carries the
   * user's extra image names, so a file that runs only a custom Redis image is still claimed.
   */
  detect(path: string, text: string, hints?: DetectHints): boolean;
  scan(files: SourceFile[], ctx: ScanContext): ScanResult;
}

/**
 * Reads the Redis connections JS/TS source files open. The analysis is the ESLint rules' own
 * (rules/support/read-source.ts); the CLI hands it to the engine, which never imports the rules.
 */
export interface CodeReader {
  /**
   * `paths`: root-relative JS/TS sources; `readFile` reads one through the scan's safe reader (a
   * reader with a cache reads only the files whose stamps changed).
   */
  read(paths: readonly string[], readFile: (path: string) => SourceFile | undefined): { facts: CodeConnectionFact[]; diagnostics: Diagnostic[] };
}
