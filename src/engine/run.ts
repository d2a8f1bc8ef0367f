/**
 * The scan engine: discovery -> cheap content detection -> one `scan` call per scanner -> drift ->
 * configuration (severities, `off`, ignores) -> inline suppressions -> dedupe -> sort.
 * It never throws for bad input: a file or scanner that fails becomes a one-line diagnostic and
 * the rest of the scan goes on.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { EnvironmentOptions } from '../core/environment';
import { checkDocsUrl } from '../core/docs-url';
import type { CodeConnectionFact, RedisFact, UnitFact } from '../core/facts';
import { checkLinks, foldClientFindings, readPackages, type AppPackage } from '../link';
import { addDockerfileBuilds, copiesFromContext } from '../link/dockerfile-builds';
import { addImageHints, composeHints, productHints, dockerfileHints, isDockerfileName, isWorkflowPath, workflowHints, type ImageHint } from '../link/images';
import { compareFindings, dedupeFindings, type Diagnostic, type Finding } from '../core/finding';
import { oneLine } from '../core/terminal';
import { isRelaxedTier, tierOf, type TierOptions } from '../core/tiers';
import ignore from 'ignore';
import { catalog } from './catalog';
import { ConfigError, defaultConfig, loadConfig, type ResolvedConfig } from './config';
import { aliasBomb, isYamlPath } from './kit/alias-guard';
import { createContext } from './kit/context';
import { discoverFiles, safeIgnorePatterns } from './discovery';
import { checkDrift } from '../drift';
import { isCandidateName, SCANNERS, scannersForName } from './registry';
import { applySuppressions, type SuppressedFinding } from './suppression';
import { groupFindings, publicFinding, rateFindings } from './signal';
import { reconcileLaunches } from './launch';
import { emptyResult, mergeResults, type CodeReader, type ScanContext, type Scanner, type ScanResult, type SourceFile } from './kit/contract';

export type { SuppressedFinding } from './suppression';
export type { ResolvedConfig } from './config';

export interface ScanRequest {
  /** Absolute scan root: findings are relative to it, nothing outside it is read. */
  root: string;
  /** Files or folders under the root (absolute or root-relative); default the root. */
  paths?: string[];
  /** Restrict to these root-relative files (for --staged / --changed-since); nothing is walked. */
  only?: string[];
  /** Content that replaces the working tree's, e.g. from the git index. */
  readOverride?: (relPath: string) => string | undefined;
  /** Default: the config found at the root (a bad one becomes a diagnostic and defaults apply). */
  config?: ResolvedConfig;
  /** Scanners to run; default every registered scanner (tests pass their own). */
  scanners?: readonly Scanner[];
  /**
   * Reads JS/TS sources: their Redis connections are followed into the deployments that run them
   * (src/link/). Not used with `only` (a changed-files scan has no whole project to link).
   */
  code?: CodeReader;
  /** Collect the deployment side of the link (units, packages) even without a code reader. */
  project?: boolean;
}

export interface ScanOutcome {
  /** Sorted, deduplicated, not suppressed, severities as configured. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  diagnostics: Diagnostic[];
  facts: RedisFact[];
  /** Files some scanner claimed and parsed. */
  filesScanned: number;
  /** Files whose name made them candidates (all were read for the content check). */
  filesConsidered: number;
  /** Environment names and the scan root as the scanners read them (drift's matrix needs the same). */
  environment?: EnvironmentOptions;
  /** Each candidate and the scanner that claimed it (none: unreadable, or not Redis); for --verbose. */
  files?: { path: string; scanner?: string }[];
  /** Deployment units running application code (with `code` or `project`). */
  units?: UnitFact[];
  packages?: AppPackage[];
  /** The code's Redis connections that read variables (with `code`). */
  code?: CodeConnectionFact[];
  /** Root-relative candidate config files (stamps for a cached model). */
  configFiles?: string[];
  /** Root-relative package.json files and Dockerfiles the project side read, for cache stamps. */
  projectFiles?: string[];
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

/** Runs one scanner over its files; if it throws, each file is retried alone so one bad file costs only itself. */
function runScanner(scanner: Scanner, files: SourceFile[], ctx: ScanContext): ScanResult {
  try {
    return normalizeResult(scanner.scan(files, ctx));
  } catch (error) {
    if (files.length === 1) {
      const result = emptyResult();
      result.diagnostics.push({ file: files[0].path, message: `${scanner.kind} scanner failed: ${message(error)}; file skipped` });
      return result;
    }
    const merged = emptyResult();
    for (const file of files) mergeResults(merged, runScanner(scanner, [file], ctx));
    return merged;
  }
}

/** Guards against a scanner returning something half-formed. */
function normalizeResult(result: ScanResult | undefined): ScanResult {
  return {
    facts: Array.isArray(result?.facts) ? result.facts : [],
    ...(Array.isArray(result?.units) ? { units: result.units } : {}),
    findings: Array.isArray(result?.findings) ? result.findings : [],
    diagnostics: Array.isArray(result?.diagnostics) ? result.diagnostics : [],
  };
}

function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const raw of diagnostics) {
    if (!raw || typeof raw.message !== 'string') continue;
    // One line each, whatever a scanner or library put in the message.
    const d = { ...raw, message: oneLine(raw.message).trim() };
    const key = `${d.file}\u0000${d.line ?? 0}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message));
}

/**
 * The folder the user asked to scan, root-relative (`my-prod-stack` for `redis-auth drift
 * my-prod-stack/` run from its parent): the common folder of the directories given, when only
 * directories are given. Its own name is the repository's, never an environment's.
 */
function scanRootOf(root: string, paths: readonly string[] | undefined): string | undefined {
  if (!paths?.length) return undefined;
  const dirs: string[][] = [];
  for (const p of paths) {
    const abs = resolve(root, p);
    try {
      if (!statSync(abs).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    const rel = relative(root, abs);
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
    dirs.push(rel.split(sep).filter(Boolean));
  }
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    let n = 0;
    while (n < common.length && n < d.length && common[n] === d[n]) n++;
    common = common.slice(0, n);
  }
  return common.length ? common.join('/') : undefined;
}

/** What the repository says about which image each package ships as (src/link/images.ts). */
function imageHints(discovered: { files: string[] }, dockerfiles: ReadonlyArray<{ path: string; text: string }>, units: readonly UnitFact[], read: (path: string) => string | undefined): ImageHint[] {
  const out: ImageHint[] = [...composeHints(units)];
  for (const { path, text } of dockerfiles) out.push(...dockerfileHints(path, text));
  for (const path of discovered.files) {
    const text = isWorkflowPath(path) ? read(path) : undefined;
    if (text) out.push(...workflowHints(path, text));
  }
  return out;
}

export function runScan(request: ScanRequest): ScanOutcome {
  const root = resolve(request.root);
  const diagnostics: Diagnostic[] = [];
  let config = request.config;
  if (!config) {
    try {
      config = loadConfig({ root });
    } catch (error) {
      // ConfigError messages read `file: problem`.
      const text = message(error);
      const m = error instanceof ConfigError ? /^(.+?): (.*)$/.exec(text) : null;
      diagnostics.push({ file: m?.[1] ?? 'redis-auth.config.json', message: `${m?.[2] ?? text}; using defaults` });
      config = defaultConfig();
    }
  }

  const scanners = request.scanners ?? SCANNERS;
  const known = new Set([...catalog(), ...scanners.flatMap((s) => s.checks)].map((c) => c.id));
  for (const id of Object.keys(config.rules)) {
    // Only once some scanner has registered checks can an unknown id be told from a typo.
    if (known.size > 0 && !known.has(id)) diagnostics.push({ file: config.source ?? 'config', message: `unknown rule '${id}'; ignored` });
  }

  // Patterns that would backtrack on long file names are dropped here, once, for discovery and findings.
  const ignorePatterns = safeIgnorePatterns(config.ignore, config.source ?? 'redis-auth.config.json', diagnostics);
  const wantProject = !!(request.code || request.project) && config.link && !request.only;
  const discovered = discoverFiles({
    root,
    paths: request.paths,
    only: request.only,
    ignore: ignorePatterns,
    isCandidate: (path) => isCandidateName(path, scanners),
    project: wantProject,
  });
  diagnostics.push(...discovered.diagnostics);

  const environment: EnvironmentOptions = { aliases: config.environments, scanRoot: scanRootOf(root, request.paths) };
  const { ctx: plainCtx, diagnostics: readDiagnostics } = createContext(root, {
    environment,
    extraImages: config.extraImages,
    readOverride: request.readOverride,
    knownRegular: (relPath) => discovered.regular.has(relPath),
  });
  // Alias bombs are refused for every YAML read, whether the engine offers the file or a scanner
  // reads it as a neighbour (a Helm values-prod.yaml reading its base values.yaml).
  const bombs = new Map<string, boolean>();
  const ctx: ScanContext = {
    ...plainCtx,
    readFile(relPath) {
      const file = plainCtx.readFile(relPath);
      if (!file || !isYamlPath(file.path)) return file;
      let bomb = bombs.get(file.path);
      if (bomb === undefined) {
        const diagnostic = aliasBomb(file.path, file.text);
        bomb = !!diagnostic;
        bombs.set(file.path, bomb);
        if (diagnostic) diagnostics.push(diagnostic);
      }
      return bomb ? undefined : file;
    },
  };

  const groups = new Map<Scanner, SourceFile[]>();
  const verdicts: { path: string; scanner?: string }[] = [];
  for (const rel of discovered.files) {
    const verdict: { path: string; scanner?: string } = { path: rel };
    verdicts.push(verdict);
    const file = ctx.readFile(rel);
    if (!file) continue;
    // By name first; a file named on the command line whatever its name is offered to all.
    const byName = scannersForName(file.path, scanners);
    for (const scanner of byName.length ? byName : scanners) {
      let claimed = false;
      try {
        claimed = scanner.detect(file.path, file.text, ctx);
      } catch (error) {
        diagnostics.push({ file: file.path, message: `${scanner.kind} detection failed: ${message(error)}` });
      }
      if (!claimed) continue;
      verdict.scanner = scanner.kind;
      const list = groups.get(scanner) ?? [];
      list.push(file);
      groups.set(scanner, list);
      break; // first claim wins: a sentinel.conf is not also a redis.conf
    }
  }

  const all = emptyResult();
  let filesScanned = 0;
  for (const scanner of scanners) {
    const files = groups.get(scanner);
    if (!files) continue;
    filesScanned += files.length;
    mergeResults(all, runScanner(scanner, files, ctx));
  }

  try {
    const drift = checkDrift(all.facts, environment, config.tiers);
    all.findings.push(...(drift.findings ?? []));
    all.diagnostics.push(...(drift.diagnostics ?? []));
  } catch (error) {
    all.diagnostics.push({ file: '.', message: `drift check failed: ${message(error)}` });
  }

  let packages: AppPackage[] = [];
  let code: CodeConnectionFact[] = [];
  if (wantProject) {
    try {
      const isManifest = (p: string) => p === 'package.json' || p.endsWith('/package.json');
      const ignoredProject = discovered.projectIgnored;
      const manifests = discovered.project.filter((p) => isManifest(p) && !ignoredProject(p));
      packages = readPackages(
        manifests.map((p) => ctx.readFile(p)).filter((f): f is SourceFile => !!f),
        config.applications,
      );
      const dockerfiles = discovered.project
        .filter((p) => isDockerfileName(p))
        .map((path) => ({ path, text: ctx.readFile(path)?.text }))
        .filter((d): d is { path: string; text: string } => d.text !== undefined);
      const deployed = dockerfiles.filter((d) => !isRelaxedTier(tierOf(d.path)));
      addDockerfileBuilds(packages, deployed, (file, message) => all.diagnostics.push({ file, message }));
      const hints = imageHints(discovered, dockerfiles, all.units ?? [], (p) => ctx.readFile(p)?.text);
      addImageHints(packages, [...hints, ...productHints(packages, deployed.filter((d) => copiesFromContext(d.text)).map((d) => d.path))]);
      if (request.code) {
        // Tests, examples and CI fixtures are not what the deployments run (the ESLint rule skips
        // them too), nor are git-ignored files. Both tests run only on what is read (changed files)
        // and on what has facts: a warm scan of thousands of sources reads none of them.
        const tierOptions: TierOptions = { patterns: config.tiers, environment: { aliases: config.environments } };
        const excluded = (p: string) => isRelaxedTier(tierOf(p, tierOptions)) || ignoredProject(p);
        const read = request.code.read(discovered.sources, (p) => (excluded(p) ? undefined : ctx.readFile(p)));
        code = read.facts.filter((f) => !excluded(f.file));
        all.diagnostics.push(...read.diagnostics);
        all.findings.push(...checkLinks(code, { units: all.units ?? [], servers: all.facts, packages }).findings);
      }
    } catch (error) {
      all.diagnostics.push({ file: '.', message: `code-to-deployment link failed: ${message(error)}` });
    }
  }

  const ignored = ignorePatterns.length ? ignore().add(ignorePatterns) : undefined;
  // Severity by context tier and reachability, before the user's own severities.
  // A conf's own verdict gives way to the units that start it (src/engine/launch.ts).
  const settled = reconcileLaunches(
    all.findings.filter((f) => f && typeof f.file === 'string' && typeof f.ruleId === 'string'),
    all.facts,
  );
  const rated = rateFindings(
    settled,
    all.facts,
    { tiers: config.tiers, environment: { aliases: config.environments } },
  );
  const configured: Finding[] = [];
  for (const raw of rated) {
    if (!raw || typeof raw.file !== 'string' || typeof raw.ruleId !== 'string') continue;
    const setting = config.rules[raw.ruleId];
    if (setting === 'off') continue;
    if (ignored && raw.file && !raw.file.startsWith('..') && ignored.ignores(raw.file)) continue;
    configured.push({
      ...raw,
      line: raw.line >= 1 ? raw.line : 1,
      column: raw.column >= 1 ? raw.column : 1,
      severity: setting ?? raw.severity,
      helpUri: raw.helpUri ?? checkDocsUrl(raw.ruleId),
    });
  }

  const { kept, suppressed } = applySuppressions(dedupeFindings(configured), (file) => ctx.readFile(file)?.text);
  suppressed.sort((a, b) => compareFindings(a.finding, b.finding));

  return {
    findings: groupFindings(foldClientFindings(kept)).map(publicFinding),
    suppressed: suppressed.map((s) => ({ ...s, finding: publicFinding(s.finding) })),
    diagnostics: dedupeDiagnostics([...diagnostics, ...all.diagnostics, ...readDiagnostics]),
    facts: all.facts,
    filesScanned,
    filesConsidered: discovered.files.length,
    environment,
    files: verdicts,
    units: all.units ?? [],
    packages,
    code,
    configFiles: discovered.files,
    projectFiles: discovered.project,
  };
}
