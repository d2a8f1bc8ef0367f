/**
 * `redis-auth drift [paths...]`: scans like `redis-auth scan`, then prints how each Redis is
 * secured per environment (a matrix) and the drift findings. Exit codes: 0 no drift finding at or
 * above --fail-on (default warning: this command exists to answer "is there drift?"), 1 there is,
 * 2 usage or internal error.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { formatDiagnostic, SEVERITY_RANK, type Finding, type Severity } from '../../core/finding';
import { ConfigError, loadConfig, type ResolvedConfig } from '../../engine/config';
import { runScan } from '../../engine/run';
import { buildMatrix } from '../../drift';
import { formatTable } from '../../drift/format-table';
import { formatHtml } from '../../drift/format-html';
import type { CommandIo } from './io';

const FORMATS = ['table', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'note', 'none'] as const;
type FailOn = (typeof FAIL_ON)[number];

export const USAGE = `Usage: redis-auth drift [paths...] [options]

Compares how each Redis is secured in each environment (dev, test, staging, prod and names
mapped in the config): authentication, secret source, TLS, exposure, protected mode.

Options:
  --format table|json|html   output format (default table)
  --output, -o FILE          write the output to FILE instead of stdout
  --config FILE              configuration file (default redis-auth.config.json at the root)
  --fail-on LEVEL            exit 1 on drift findings at or above LEVEL: error, warning
                             (default), note, or none to always exit 0
  --help, -h                 show this help

Exit codes: 0 no drift at or above --fail-on, 1 drift found, 2 usage or internal error.
`;

interface Options {
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  failOn: FailOn;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { paths: [], format: 'table', failOn: 'warning', help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      opts.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      opts.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        opts.help = true;
        break;
      case '--format':
      case '-f': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`unknown format '${v}' (use ${FORMATS.join(', ')})`);
        opts.format = v as Format;
        break;
      }
      case '--output':
      case '-o':
        opts.output = value();
        break;
      case '--config':
      case '-c':
        opts.config = value();
        break;
      case '--fail-on': {
        const v = value();
        if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`unknown --fail-on level '${v}' (use ${FAIL_ON.join(', ')})`);
        opts.failOn = v as FailOn;
        break;
      }
      default:
        throw new UsageError(`unknown option '${name}'`);
    }
  }
  return opts;
}

/** The scan root: the working directory, or the one directory given when it lies outside it. */
function rootAndPaths(cwd: string, paths: string[]): { root: string; paths?: string[] } {
  const abs = paths.map((p) => resolve(cwd, p));
  for (const p of abs) if (!existsSync(p)) throw new UsageError(`no such file or directory: ${relative(cwd, p) || p}`);
  const outside = (p: string) => {
    const rel = relative(cwd, p);
    return rel.startsWith('..') || isAbsolute(rel);
  };
  if (abs.length === 1 && outside(abs[0]) && statSync(abs[0]).isDirectory()) return { root: abs[0] };
  if (abs.some(outside)) throw new UsageError('paths must lie inside the working directory (or give one directory)');
  return { root: cwd, paths: abs.length ? abs : undefined };
}

function atOrAbove(f: Finding, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn as Severity];
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let opts: Options;
  let target: { root: string; paths?: string[] };
  let config: ResolvedConfig | undefined;
  try {
    opts = parseArgs(argv);
    if (opts.help) {
      io.stdout(USAGE);
      return 0;
    }
    target = rootAndPaths(io.cwd, opts.paths);
    if (opts.config) config = loadConfig({ root: target.root, file: opts.config, cwd: io.cwd });
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`redis-auth drift: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr(`Run 'redis-auth drift --help' for usage.\n`);
      return 2;
    }
    throw error;
  }

  if (!config) {
    try {
      config = loadConfig({ root: target.root });
    } catch {
      // Left to runScan: it reports the bad config as a diagnostic and uses the defaults.
    }
  }
  const outcome = runScan({ root: target.root, paths: target.paths, config });
  const findings = outcome.findings.filter((f) => f.category === 'drift');
  // The matrix marks follow the same rule settings as the findings (`off`, severities).
  const matrix = buildMatrix(outcome.facts, { rules: config?.rules, environment: outcome.environment });
  for (const d of outcome.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);

  const text =
    opts.format === 'json'
      ? `${JSON.stringify({ ...matrix, findings, diagnostics: outcome.diagnostics }, null, 2)}\n`
      : opts.format === 'html'
        ? formatHtml(matrix, findings)
        : formatTable(matrix, findings);
  if (opts.output) {
    const file = resolve(io.cwd, opts.output);
    try {
      writeFileSync(file, text, 'utf8');
    } catch (error) {
      io.stderr(`redis-auth drift: cannot write ${opts.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
    io.stderr(`redis-auth drift: wrote ${opts.output}\n`);
  } else {
    io.stdout(text);
  }
  return findings.some((f) => atOrAbove(f, opts.failOn)) ? 1 : 0;
}
