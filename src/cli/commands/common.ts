/**
 * What every command shares: the output, verbosity, colour, help and version options, and one way
 * to turn a usage or input error into one line on stderr with exit code 2.
 */
import { escapeControls } from '../../core/terminal';
import { parseArgs, UsageError, type OptionSpecs, type ParseOptions, type ParsedArgs } from '../args';
import { useColor } from '../color';
import { packageInfo } from '../format/tool';
import type { CommandIo } from './io';

export const FAIL_ON = ['error', 'warning', 'note', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function outputOptions(formats: string): OptionSpecs {
  return {
    format: { type: 'string', short: 'f', multiple: true, value: '<name>', help: `${formats}\nrepeat with --output to write several reports in one run` },
    output: { type: 'string', short: 'o', multiple: true, value: '<file>', help: 'write the report to a file (folders are created) instead of stdout' },
  };
}

/** The scan options `scan` and `drift` share. */
export function scanOptions(failOnDefault: FailOn): OptionSpecs {
  return {
    'fail-on': { type: 'string', value: '<level>', help: `error, warning, note or none: exit 1 when a finding is at\nor above this severity (default ${failOnDefault})` },
    config: { type: 'string', short: 'c', value: '<file>', help: 'config file (default: redis-auth.config.json or the "redis-auth"\nkey of package.json at the scan root)' },
    root: { type: 'string', value: '<dir>', help: 'scan root: findings are relative to it (default: the current\ndirectory, or the one folder given when it lies outside it)' },
    quiet: { type: 'boolean', short: 'q', help: 'report errors only (the exit code still follows --fail-on)' },
  };
}

export const GENERAL_OPTIONS: OptionSpecs = {
  verbose: { type: 'boolean', help: 'say on stderr what was read: files claimed, skipped and why' },
  color: { type: 'boolean', negatable: true, help: 'force colour on or off (default: on for a terminal, off with NO_COLOR)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'v', help: 'print the version' },
};

export interface CommandContext {
  parsed: ParsedArgs;
  /** Colour for what goes to stdout. */
  color: boolean;
  verbose: boolean;
}

type ErrorClass = new (...args: never[]) => Error;

/**
 * Parses argv, answers --help and --version, runs the command, and turns the errors a user can
 * cause (bad flags, missing files, bad config, git problems) into `redis-auth <name>: <message>`.
 */
export async function runCommand(
  name: string,
  argv: readonly string[],
  io: CommandIo,
  spec: { options: OptionSpecs; usage: () => string; parse?: ParseOptions; expected?: readonly ErrorClass[] },
  body: (context: CommandContext) => Promise<number> | number,
): Promise<number> {
  try {
    const parsed = parseArgs(argv, spec.options, spec.parse);
    if (parsed.values.help) {
      io.stdout(`${spec.usage()}\n`);
      return 0;
    }
    if (parsed.values.version) {
      io.stdout(`${packageInfo().version}\n`);
      return 0;
    }
    const color = useColor({ flag: parsed.values.color as boolean | undefined, env: io.env, isTTY: io.stdoutIsTTY });
    return await body({ parsed, color, verbose: parsed.values.verbose === true });
  } catch (error) {
    if (error instanceof UsageError || spec.expected?.some((cls) => error instanceof cls)) {
      io.stderr(`redis-auth ${name}: ${escapeControls((error as Error).message)}\n`);
      return 2;
    }
    throw error;
  }
}

export function string(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}
