/**
 * `redis-auth scan [paths...]`: scans configs under the scan root and prints a report.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error. Diagnostics
 * (unreadable files) never change the exit code.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEVERITY_RANK, type Diagnostic, type Severity } from '../../core/finding';
import {
  baselineSummary,
  BaselineError,
  compareWithBaseline,
  createBaseline,
  createLineReader,
  readBaseline,
  readBaselineIfAny,
  scanScope,
  writeBaseline,
  type BaselineComparison,
} from '../../engine/baseline';
import { catalog } from '../../engine/catalog';
import { ConfigError, loadConfig } from '../../engine/config';
import { isInside, toPosix } from '../../engine/kit/context';
import { runScan, type ScanOutcome, type ScanRequest } from '../../engine/run';
import { FORMATS, formatOutcome, isFormatName, type FormatName } from '../format';
import { changedSince, GitError, stagedSnapshot } from '../git-files';
import type { CommandIo } from './io';

export const FAIL_ON = ['error', 'warning', 'note', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const SCAN_USAGE = `Usage: redis-auth scan [options] [paths...]

Scans redis.conf, ACL, sentinel, docker compose, Helm values, Kubernetes manifests and .env files
for Redis running without authentication, committed or weak passwords, exposure and drift.
Paths are files or folders under the scan root (default: the current directory).

Options:
  -f, --format <name>       stylish (default), json, sarif, github, gitlab (Code Quality)
  -o, --output <file>       write the report to a file instead of stdout
      --fail-on <level>     error (default), warning, note or none: exit 1 when a finding is at
                            or above this severity
  -c, --config <file>       config file (default: redis-auth.config.json or the "redis-auth"
                            key of package.json at the scan root)
      --root <dir>          scan root: findings are relative to it (default: the current
                            directory, or the one folder given when it lies outside it)
  -q, --quiet               report errors only (the exit code still follows --fail-on)
      --staged              scan only the files staged for commit, as staged (pre-commit)
      --changed-since <ref> scan only the files changed since <ref> (merge-base, as a PR)
      --baseline <file>     report only findings not recorded in this baseline
      --write-baseline <file>
                            record the current findings as the baseline and exit 0
  -h, --help                show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error.`;

class UsageError extends Error {}

export interface ScanOptions {
  format: FormatName;
  output?: string;
  failOn: FailOn;
  config?: string;
  root?: string;
  quiet: boolean;
  staged: boolean;
  changedSince?: string;
  baseline?: string;
  writeBaseline?: string;
  help: boolean;
  paths: string[];
}

export function parseScanArgs(argv: string[]): ScanOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        config: { type: 'string', short: 'c' },
        root: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        staged: { type: 'boolean' },
        'changed-since': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's messages are long and mention internals; keep the first sentence.
    throw new UsageError((error as Error).message.split('. ')[0].replace(/\.$/, ''));
  }
  const v = parsed.values;
  const format = v.format ?? 'stylish';
  if (!isFormatName(format)) throw new UsageError(`unknown format '${format}' (use ${FORMATS.join(', ')})`);
  const failOn = v['fail-on'] ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got '${failOn}'`);
  if (v.staged && v['changed-since'] !== undefined) throw new UsageError('--staged and --changed-since cannot be combined');
  if (v.baseline !== undefined && v['write-baseline'] !== undefined) throw new UsageError('--baseline and --write-baseline cannot be combined');
  // A baseline records the whole repository; one written from a partial scan would silently drop
  // every finding outside it.
  if (v['write-baseline'] !== undefined && (v.staged || v['changed-since'] !== undefined)) {
    throw new UsageError('--write-baseline records the whole scan; drop --staged / --changed-since');
  }
  return {
    format,
    output: v.output,
    failOn: failOn as FailOn,
    config: v.config,
    root: v.root,
    quiet: v.quiet ?? false,
    staged: v.staged ?? false,
    changedSince: v['changed-since'],
    baseline: v.baseline,
    writeBaseline: v['write-baseline'],
    help: v.help ?? false,
    paths: parsed.positionals,
  };
}

/** The scan root: --root, else the cwd, else the single folder given outside the cwd. */
function chooseRoot(options: ScanOptions, cwd: string): { root: string; paths: string[] } {
  const paths = options.paths.map((p) => resolve(cwd, p));
  for (const [i, p] of paths.entries()) {
    if (!existsSync(p)) throw new UsageError(`path not found: ${options.paths[i]}`);
  }
  if (options.root !== undefined) {
    const root = resolve(cwd, options.root);
    if (!existsSync(root)) throw new UsageError(`--root not found: ${options.root}`);
    for (const [i, p] of paths.entries()) {
      if (!isInside(root, p)) throw new UsageError(`path ${options.paths[i]} is outside the scan root ${options.root}`);
    }
    return { root, paths };
  }
  if (paths.every((p) => isInside(cwd, p))) return { root: cwd, paths };
  if (paths.length === 1) {
    return statSync(paths[0]).isDirectory() ? { root: paths[0], paths: [] } : { root: dirname(paths[0]), paths };
  }
  throw new UsageError(`paths outside the current directory need --root (got ${options.paths.join(', ')})`);
}

export function exitCodeFor(outcome: Pick<ScanOutcome, 'findings'>, failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return outcome.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let options: ScanOptions;
  try {
    options = parseScanArgs(argv);
    if (options.help) {
      io.stdout(`${SCAN_USAGE}\n`);
      return 0;
    }
    return execute(options, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof GitError || error instanceof BaselineError) {
      io.stderr(`redis-auth scan: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function execute(options: ScanOptions, io: CommandIo): number {
  const { root, paths } = chooseRoot(options, io.cwd);
  const config = loadConfig({ root, file: options.config, cwd: io.cwd });

  const request: ScanRequest = { root, paths: paths.map((p) => toPosix(relative(root, p)) || '.'), config };
  const extraDiagnostics: Diagnostic[] = [];
  if (options.staged) {
    const snapshot = stagedSnapshot(root);
    request.only = snapshot.files;
    request.readOverride = snapshot.readOverride;
    extraDiagnostics.push(...snapshot.diagnostics);
  } else if (options.changedSince !== undefined) {
    request.only = changedSince(root, options.changedSince).files;
  }

  const scanned = runScan(request);
  let outcome: ScanOutcome = scanned;
  if (extraDiagnostics.length) outcome = { ...outcome, diagnostics: [...extraDiagnostics, ...outcome.diagnostics] };

  const readLine = createLineReader(root, request.readOverride);
  if (options.writeBaseline !== undefined) {
    const file = resolve(io.cwd, options.writeBaseline);
    writeBaseline(file, createBaseline(outcome.findings, readLine, readBaselineIfAny(file)));
    io.stderr(`redis-auth scan: recorded ${outcome.findings.length} finding(s) in baseline ${options.writeBaseline}\n`);
    return 0;
  }
  let comparison: BaselineComparison | undefined;
  if (options.baseline !== undefined) {
    comparison = compareWithBaseline(
      outcome.findings,
      readBaseline(resolve(io.cwd, options.baseline)),
      readLine,
      scanScope(request.only, request.paths),
    );
    outcome = { ...outcome, findings: comparison.findings };
  }

  const exitCode = exitCodeFor(outcome, options.failOn);
  const shown = options.quiet ? { ...outcome, findings: outcome.findings.filter((f) => f.severity === 'error') } : outcome;
  let report = formatOutcome(options.format, shown, { checks: catalog() });
  if (comparison && options.baseline) {
    const line = baselineSummary(comparison, options.baseline);
    if (options.format === 'stylish') report += `${line}\n`;
    else if (options.format === 'json') {
      const body = JSON.parse(report);
      // Both lists in full, so a reviewer sees what the baseline hides and what it can drop.
      body.baseline = { file: options.baseline, baselined: comparison.baselined, resolved: comparison.resolved };
      report = `${JSON.stringify(body, null, 2)}\n`;
    } else io.stderr(`redis-auth scan: ${line}\n`);
  }

  if (options.output !== undefined) {
    const file = isAbsolute(options.output) ? options.output : resolve(io.cwd, options.output);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, report);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    io.stdout(report);
  }
  return exitCode;
}
