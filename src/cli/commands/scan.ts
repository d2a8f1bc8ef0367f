/**
 * `redis-auth scan [paths...]`: scans configs under the scan root and prints a report.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error. Diagnostics
 * (unreadable files) never change the exit code.
 */
import { relative, resolve } from 'node:path';
import { escapeControls } from '../../core/terminal';
import { SEVERITY_RANK, type Diagnostic } from '../../core/finding';
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
import { toPosix } from '../../engine/kit/context';
import { lazyCodeReader } from '../code-reader';
import { dependencyAware } from '../code-dependencies';
import { runScan, type ScanOutcome, type ScanRequest } from '../../engine/run';
import { oneOf, optionsHelp, parseArgs, UsageError, type OptionSpecs, type ParsedArgs } from '../args';
import { paint } from '../color';
import { FORMATS, formatOutcome, HUMAN_FORMAT_ALIASES, summarize, type FormatName, type ScanSummary } from '../format';
import { problemsLine } from '../format/stylish';
import { plural } from '../format/summary';
import { changedSince, GitError, stagedSnapshot } from '../git-files';
import { targetsFrom, writeTargets, type Target } from '../output';
import { chooseRoot, shownPath } from '../root';
import { verboseLines } from '../verbose';
import { FAIL_ON, GENERAL_OPTIONS, outputOptions, runCommand, scanOptions, string, type CommandContext, type FailOn } from './common';
import type { CommandIo } from './io';

export { FAIL_ON, type FailOn } from './common';

const SCAN_FORMATS = 'stylish (default), json, sarif, github, gitlab (Code Quality)';

export const SCAN_OPTIONS: OptionSpecs = {
  ...outputOptions(SCAN_FORMATS),
  ...scanOptions('error'),
  staged: { type: 'boolean', help: 'scan only the files staged for commit, as staged (pre-commit)' },
  'changed-since': { type: 'string', value: '<ref>', help: 'scan only the files changed since <ref> (merge-base, as a PR)' },
  baseline: { type: 'string', value: '<file>', help: 'report only findings not recorded in this baseline' },
  'write-baseline': { type: 'string', value: '<file>', help: 'record the current findings as the baseline and exit 0' },
  ...GENERAL_OPTIONS,
};

export function scanUsage(): string {
  return `Usage: redis-auth scan [options] [paths...]

Scans redis.conf, ACL, sentinel, docker compose, Helm values, Kubernetes manifests and .env files
for Redis running without authentication, committed or weak passwords, exposure and drift.
Paths are files or folders under the scan root (default: the current directory).

Options:
${optionsHelp(SCAN_OPTIONS)}

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error.`;
}


export interface ScanOptions {
  /** The first report's format and file (most runs write one). */
  format: FormatName;
  output?: string;
  targets: Target<FormatName>[];
  failOn: FailOn;
  config?: string;
  root?: string;
  quiet: boolean;
  staged: boolean;
  changedSince?: string;
  baseline?: string;
  writeBaseline?: string;
  paths: string[];
}

export function scanOptionsFrom(parsed: ParsedArgs): ScanOptions {
  const v = parsed.values;
  const targets = targetsFrom(parsed, FORMATS, HUMAN_FORMAT_ALIASES, 'stylish');
  const failOn = oneOf('--fail-on level', string(parsed, 'fail-on') ?? 'error', FAIL_ON);
  const changedSince = string(parsed, 'changed-since');
  const writeBaseline = string(parsed, 'write-baseline');
  if (v.staged && changedSince !== undefined) throw new UsageError('--staged and --changed-since cannot be combined');
  if (v.baseline !== undefined && writeBaseline !== undefined) throw new UsageError('--baseline and --write-baseline cannot be combined');
  // A baseline records the whole repository; one written from a partial scan would silently drop
  // every finding outside it.
  if (writeBaseline !== undefined && (v.staged || changedSince !== undefined)) {
    throw new UsageError('--write-baseline records the whole scan; drop --staged / --changed-since');
  }
  return {
    format: targets[0].format,
    output: targets[0].output,
    targets,
    failOn,
    config: string(parsed, 'config'),
    root: string(parsed, 'root'),
    quiet: v.quiet === true,
    staged: v.staged === true,
    changedSince,
    baseline: string(parsed, 'baseline'),
    writeBaseline,
    paths: parsed.positionals,
  };
}

/** For recipes and tests: the options a scan command line means (throws UsageError). */
export function parseScanArgs(argv: string[]): ScanOptions {
  return scanOptionsFrom(parseArgs(argv, SCAN_OPTIONS));
}

export function exitCodeFor(outcome: Pick<ScanOutcome, 'findings'>, failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn];
  return outcome.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  return runCommand('scan', argv, io, { options: SCAN_OPTIONS, usage: scanUsage, expected: [ConfigError, GitError, BaselineError] }, (context) =>
    execute(scanOptionsFrom(context.parsed), io, context),
  );
}

function execute(options: ScanOptions, io: CommandIo, context: CommandContext): number {
  const { root, paths } = chooseRoot(options, io.cwd);
  const config = loadConfig({ root, file: options.config, cwd: io.cwd });

  const request: ScanRequest = { root, paths: paths.map((p) => toPosix(relative(root, p)) || '.'), config, code: dependencyAware(lazyCodeReader(root), root) };
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
  if (context.verbose) io.stderr(`${verboseLines(outcome, shownPath(io.cwd, root)).join('\n')}\n`);

  const readLine = createLineReader(root, request.readOverride);
  if (options.writeBaseline !== undefined) {
    const file = resolve(io.cwd, options.writeBaseline);
    writeBaseline(file, createBaseline(outcome.findings, readLine, readBaselineIfAny(file, root)), options.writeBaseline, [io.cwd, root]);
    io.stderr(`redis-auth scan: recorded ${outcome.findings.length} finding(s) in baseline ${escapeControls(options.writeBaseline)}\n`);
    return 0;
  }
  let comparison: BaselineComparison | undefined;
  if (options.baseline !== undefined) {
    comparison = compareWithBaseline(
      outcome.findings,
      readBaseline(resolve(io.cwd, options.baseline), root, options.baseline),
      readLine,
      scanScope(request.only, request.paths),
    );
    outcome = { ...outcome, findings: comparison.findings };
  }

  const exitCode = exitCodeFor(outcome, options.failOn);
  const shown = options.quiet ? { ...outcome, findings: outcome.findings.filter((f) => f.severity === 'error') } : outcome;
  const baselineLine = comparison && options.baseline ? baselineSummary(comparison, options.baseline) : undefined;
  const render = (format: FormatName, terminal: boolean): string => {
    const color = terminal && context.color;
    let report = formatOutcome(format, shown, { checks: catalog(), paint: paint(color), width: terminal ? io.columns : undefined });
    if (comparison && options.baseline && baselineLine) {
      if (format === 'stylish') report += `${baselineLine}\n`;
      else if (format === 'json') {
        const body = JSON.parse(report) as Record<string, unknown>;
        // Both lists in full, so a reviewer sees what the baseline hides and what it can drop.
        body.baseline = { file: options.baseline, baselined: comparison.baselined, resolved: comparison.resolved };
        report = `${JSON.stringify(body, null, 2)}\n`;
      }
    }
    return report;
  };
  // The baseline line goes to stderr when no stylish report carries it.
  if (baselineLine && !options.targets.some((t) => t.format === 'stylish' && t.output === undefined)) {
    io.stderr(`redis-auth scan: ${baselineLine}\n`);
  }
  writeTargets('scan', options.targets, render, io, countsLine(summarize(shown)), [root]);
  return exitCode;
}

/** The stderr summary when reports go to files: `✖ 3 problems (…)` or `✔ no problems in 4 files`. */
function countsLine(s: ScanSummary): string {
  if (s.findings > 0) return problemsLine(s);
  return s.filesScanned === 0 ? `✔ no Redis configuration found (${plural(s.filesConsidered, 'candidate file')} looked at)` : `✔ no problems found in ${plural(s.filesScanned, 'file')}`;
}
