/**
 * `redis-auth drift [paths...]`: scans like `redis-auth scan`, then prints how each Redis is
 * secured per environment (a matrix) and the drift findings. Exit codes: 0 no drift finding at or
 * above --fail-on (default warning: this command exists to answer "is there drift?"), 1 there is,
 * 2 usage or internal error.
 */
import { formatDiagnostic, SEVERITY_RANK, type Finding, type Severity } from '../../core/finding';
import { ConfigError, loadConfig, type ResolvedConfig } from '../../engine/config';
import { runScan } from '../../engine/run';
import { escapeControls } from '../../core/terminal';
import { connectionRows, formatConnectionTable, linkConnections, type ConnectionRow } from '../../link';
import { lazyCodeReader } from '../code-reader';
import { dependencyAware } from '../code-dependencies';
import { buildMatrix, type DriftMatrix } from '../../drift';
import { formatMatrixTable } from '../../drift/format-table';
import { formatHtml, type PageInfo } from '../../drift/format-html';
import { driftSummary } from '../../drift/summary';
import { oneOf, optionsHelp, type OptionSpecs } from '../args';
import { paint, type Paint } from '../color';
import { HUMAN_FORMAT_ALIASES } from '../format';
import { findingLines, problemsLine } from '../format/stylish';
import { packageInfo } from '../format/tool';
import { repositoryInfo } from '../git-files';
import { targetsFrom, writeTargets } from '../output';
import { chooseRoot, shownPath } from '../root';
import { verboseLines } from '../verbose';
import { FAIL_ON, GENERAL_OPTIONS, outputOptions, runCommand, scanOptions, string, type CommandContext, type FailOn } from './common';
import type { CommandIo } from './io';

const FORMATS = ['stylish', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const DRIFT_OPTIONS: OptionSpecs = {
  ...outputOptions('stylish (default: the matrix and the findings), json, html (one page)'),
  ...scanOptions('warning'),
  ...GENERAL_OPTIONS,
};

export function driftUsage(): string {
  return `Usage: redis-auth drift [options] [paths...]

Compares how each Redis is secured in each environment (dev, test, staging, prod and names
mapped in the config): authentication, secret source, TLS, exposure, protected mode.

Options:
${optionsHelp(DRIFT_OPTIONS)}

Exit codes: 0 no drift at or above --fail-on, 1 drift found, 2 usage or internal error.`;
}

function atOrAbove(f: Finding, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn];
}

/** The matrix, then the findings grouped by file as `scan` prints them, then the counts. */
function formatStylishDrift(matrix: DriftMatrix, findings: readonly Finding[], p: Paint, width?: number, connections: readonly ConnectionRow[] = []): string {
  const out = formatMatrixTable(matrix);
  out.push('');
  if (connections.length) out.push(...formatConnectionTable(connections), '');
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    out.push(p.underline(escapeControls(file)), ...findingLines(list, { paint: p, width }), '');
  }
  out.push(findings.length === 0 ? p.green('✔ No drift findings.') : problemsLine(counts(findings), p));
  if (matrix.rows.length > 0) out.push(driftSummary(matrix).text);
  return `${out.join('\n')}\n`;
}

function counts(findings: readonly Finding[]) {
  const by = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return { findings: findings.length, errors: by('error'), warnings: by('warning'), notes: by('note') };
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  return runCommand('drift', argv, io, { options: DRIFT_OPTIONS, usage: driftUsage, expected: [ConfigError] }, (context) => execute(io, context));
}

function execute(io: CommandIo, context: CommandContext): number {
  const { parsed } = context;
  const targets = targetsFrom(parsed, FORMATS, HUMAN_FORMAT_ALIASES, 'stylish');
  const failOn = oneOf('--fail-on level', string(parsed, 'fail-on') ?? 'warning', FAIL_ON);
  const { root, paths } = chooseRoot({ paths: parsed.positionals, root: string(parsed, 'root') }, io.cwd);
  const configFile = string(parsed, 'config');
  let config: ResolvedConfig | undefined;
  if (configFile) config = loadConfig({ root, file: configFile, cwd: io.cwd });
  else {
    try {
      config = loadConfig({ root });
    } catch {
      // Left to runScan: it reports the bad config as a diagnostic and uses the defaults.
    }
  }
  const outcome = runScan({ root, paths: paths.length ? paths : undefined, config, code: dependencyAware(lazyCodeReader(root), root) });
  // Application connections: per environment, where the code's URL and password come from.
  const connections = connectionRows(
    linkConnections(outcome.code ?? [], { units: outcome.units ?? [], servers: outcome.facts, packages: outcome.packages ?? [] }),
  );
  if (context.verbose) io.stderr(`${verboseLines(outcome, shownPath(io.cwd, root)).join('\n')}\n`);
  const all = outcome.findings.filter((f) => f.category === 'drift');
  const findings = parsed.values.quiet ? all.filter((f) => f.severity === 'error') : all;
  // The matrix marks follow the same rule settings as the findings (`off`, severities).
  const matrix = buildMatrix(outcome.facts, { rules: config?.rules, environment: outcome.environment, tiers: config?.tiers });
  for (const d of outcome.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);

  const page = (): PageInfo => ({ ...repositoryInfo(root), version: packageInfo().version, date: new Date().toISOString() });
  const render = (format: Format, terminal: boolean): string => {
    if (format === 'json') return `${JSON.stringify({ ...matrix, connections, findings, diagnostics: outcome.diagnostics }, null, 2)}\n`;
    if (format === 'html') return formatHtml(matrix, findings, page());
    return formatStylishDrift(matrix, findings, paint(terminal && context.color), terminal ? io.columns : undefined, connections);
  };
  const summary = `${driftSummary(matrix).text}, ${findings.length === 0 ? 'no drift findings' : problemsLine(counts(findings)).replace('✖ ', '')}`;
  writeTargets('drift', targets, render, io, summary, [root]);
  return all.some((f) => atOrAbove(f, failOn)) ? 1 : 0;
}
