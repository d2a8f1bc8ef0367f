/**
 * The one argument grammar of every `redis-auth` command: `--name value`, `--name=value`, `-x value`,
 * `--no-<flag>` for negatable flags, `--` ends the options. Unknown options get a "did you mean".
 * A string option given twice is an error unless it is `multiple` (then the values keep their order).
 */
import { echoArgument } from '../core/secrets';
import { suggest } from './suggest';

export class UsageError extends Error {}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given several times; values are kept in order. */
  multiple?: boolean;
  /** `--no-<name>` sets it to false. */
  negatable?: boolean;
  /** Placeholder shown in help, e.g. `<file>`. */
  value?: string;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface ParsedArgs {
  values: Values;
  positionals: string[];
  /** Every option as given, in order (for pairing `--format` with `--output`). */
  sequence: { name: string; value: string | boolean }[];
}

export interface ParseOptions {
  /** Called with each option name as typed, before it is looked up; a string refuses it. */
  refuse?: (flag: string) => string | undefined;
}

export function parseArgs(argv: readonly string[], specs: OptionSpecs, options: ParseOptions = {}): ParsedArgs {
  const values: Values = {};
  const positionals: string[] = [];
  const sequence: ParsedArgs['sequence'] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));

  const set = (name: string, spec: OptionSpec, value: string | boolean, typed: string) => {
    sequence.push({ name, value });
    if (spec.multiple) {
      values[name] = [...((values[name] as string[] | undefined) ?? []), value as string];
    } else if (spec.type === 'string' && values[name] !== undefined && values[name] !== value) {
      throw new UsageError(`${typed} given twice ('${values[name] as string}' and '${value}')`);
    } else {
      values[name] = value;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const typed = eq > 0 ? arg.slice(0, eq) : arg;
    const refused = options.refuse?.(typed);
    if (refused) throw new UsageError(refused);

    let name: string | undefined;
    let negated = false;
    if (typed.startsWith('--')) {
      const long = typed.slice(2);
      if (specs[long]) name = long;
      else if (long.startsWith('no-') && specs[long.slice(3)]?.negatable) {
        name = long.slice(3);
        negated = true;
      }
    } else if (typed.length === 2) {
      name = byShort.get(typed.slice(1));
    }
    if (!name) throw new UsageError(unknownOption(typed, specs));
    const spec = specs[name];

    if (spec.type === 'boolean') {
      if (eq > 0) throw new UsageError(`${typed} takes no value`);
      set(name, spec, !negated, typed);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      // `--output --format json` forgot the file name; do not swallow the next option.
      if (value !== undefined && value.startsWith('-') && value !== '-' && value.length > 1) value = undefined;
      else i++;
    }
    if (value === undefined || value === '') throw new UsageError(`${typed} needs a value`);
    set(name, spec, value, typed);
  }
  return { values, positionals, sequence };
}

function unknownOption(typed: string, specs: OptionSpecs): string {
  const names = Object.entries(specs).flatMap(([name, spec]) => [`--${name}`, ...(spec.negatable ? [`--no-${name}`] : [])]);
  const close = typed.startsWith('--') ? suggest(typed, names) : undefined;
  // Echoed safely: `-aSECRET` shows `-a…`, a URL's password is masked, controls are escaped.
  return `unknown option '${echoArgument(typed)}'${close ? `; did you mean '${close}'?` : ''}`;
}

/** A value from a fixed list, or a usage error naming the list (and the nearest name). */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[], aliases: Record<string, T> = {}): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  if (Object.hasOwn(aliases, value)) return aliases[value];
  const close = suggest(value, [...allowed, ...Object.keys(aliases)]);
  return fail(`unknown ${option} '${value}' (use ${allowed.join(', ')})${close ? `; did you mean '${close}'?` : ''}`);
}

function fail(message: string): never {
  throw new UsageError(message);
}

/** The options block of a command's help, from its specs. */
export function optionsHelp(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.negatable ? `[no-]${name}` : name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows
    .map(([flag, help]) => {
      const [first, ...rest] = help.split('\n');
      return [`  ${flag.padEnd(width)}${first}`, ...rest.map((l) => `  ${' '.repeat(width)}${l}`)].join('\n');
    })
    .join('\n');
}
