/**
 * Command lines as words with positions: a compose `command`/`entrypoint`/`healthcheck.test`,
 * an env value holding flags (`REDIS_ARGS`), or an `sh -c` script inside one of them. And the
 * step from a service's command line to the Redis server's own arguments.
 */
import type { SourceRef } from '../../src/core/facts';
import type { Located } from './located';
import type { ComposeCommand } from './model';
import { interpolate } from './interpolate';
import { splitWords, type Word } from './shell-words';
import { isRedisServerBinary } from '../../src/core/redis-names';

export interface Arg {
  /** Unquoted but not yet interpolated: `${PW}`, `$$REDIS_PASSWORD`, `hunter2`. */
  text: string;
  /** After Compose interpolation. */
  value: string;
  at: SourceRef;
  /** The value the word was written in, and where in its file the word starts (for nested finds). */
  loc: Located;
  offset: number;
}

function argOf(loc: Located, word: Word, cursor: number): { arg: Arg; next: number } {
  const hit = loc.find(word.raw, cursor) ?? loc.find(word.value, cursor);
  const at = hit ? hit.at : loc.at;
  const offset = hit ? hit.index : cursor;
  const next = hit ? hit.index + Math.max(1, word.raw.length) : cursor;
  return {
    arg: { text: word.value, value: interpolate(word.value, loc.vars), at: { ...at, anchor: loc.at.anchor }, loc, offset },
    next,
  };
}

/** Words of a text that lives in `loc` starting at absolute `from`; `op` words are kept. */
export function wordsIn(loc: Located, text: string, from: number): (Arg & { op?: boolean })[] {
  let cursor = from;
  return splitWords(text).map((w) => {
    const { arg, next } = argOf(loc, w, cursor);
    cursor = next;
    return w.op ? { ...arg, op: true } : arg;
  });
}

/** A compose command as argv. String form is split shell-like (Compose does not run a shell). */
export function argsOf(cmd: ComposeCommand | null | undefined): Arg[] | undefined {
  if (!cmd) return undefined;
  if (cmd.form === 'list') {
    return cmd.items.map((loc) => ({ text: loc.raw, value: loc.value, at: loc.at, loc, offset: loc.startOffset }));
  }
  const loc = cmd.items[0];
  return wordsIn(loc, loc.raw, loc.startOffset).filter((a) => !(a as { op?: boolean }).op);
}

/** Flags in an env value (`REDIS_ARGS=--requirepass x`): words of the value. */
export function argsOfValue(loc: Located): Arg[] {
  return wordsIn(loc, loc.raw, loc.startOffset).filter((a) => !(a as { op?: boolean }).op);
}

export function basename(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox']);

/** The simple commands an argv runs: itself, or the commands of its `sh -c` script. */
export function simpleCommands(argv: Arg[]): Arg[][] {
  if (argv.length === 0) return [];
  if (SHELLS.has(basename(argv[0].value))) {
    const c = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a.value));
    const script = c >= 0 ? argv[c + 1] : undefined;
    if (!script) return [argv];
    const out: Arg[][] = [[]];
    for (const w of wordsIn(script.loc, script.text, script.offset)) {
      if (w.op) out.push([]);
      else out[out.length - 1].push(w);
    }
    return out.filter((cmd) => cmd.length > 0);
  }
  return [argv];
}

/** Drops `exec`, `env`, and leading `VAR=value` assignments from a simple command. */
export function stripPrefix(cmd: Arg[]): { assignments: Arg[]; rest: Arg[] } {
  const assignments: Arg[] = [];
  let i = 0;
  for (; i < cmd.length; i++) {
    const v = cmd[i].text;
    if (v === 'exec' || v === 'env' || v === 'gosu' || v === 'su-exec') continue;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      assignments.push(cmd[i]);
      continue;
    }
    // gosu/su-exec take a user before the command.
    if (i > 0 && (cmd[i - 1].text === 'gosu' || cmd[i - 1].text === 'su-exec')) continue;
    break;
  }
  return { assignments, rest: cmd.slice(i) };
}

export interface ServerInvocation {
  bin: string;
  sentinel: boolean;
  /** Arguments after the binary: `[conf] --name value ...`. */
  args: Arg[];
}

/**
 * `${PW:+--requirepass ${PW}}` (Compose) or `$${PW:+--requirepass "$$PW"}` (the container's shell):
 * the words inside when `PW` is set, nothing when it is known to be empty or unset. A variable
 * neither file sets is supplied at deploy time, as `--requirepass ${PW}` is: the words count.
 */
function expandAlternative(arg: Arg): Arg[] {
  const m = /^(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)\+/.exec(arg.text);
  if (!m || closingBrace(arg.text, m[1].length + 1) !== arg.text.length - 1) return [arg];
  if (!m[1]) {
    const value = arg.loc.vars.get(m[2]);
    if (value !== undefined && (m[3] ? value === '' : false)) return [];
  }
  return wordsIn(arg.loc, arg.text.slice(m[0].length, -1), arg.offset).filter((a) => !(a as { op?: boolean }).op);
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Finds the Redis server started by an argv (directly, or inside `sh -c`). */
export function findServer(argv: Arg[]): ServerInvocation | undefined {
  for (const cmd of simpleCommands(argv)) {
    const { rest } = stripPrefix(cmd);
    if (rest.length === 0) continue;
    const bin = basename(rest[0].value);
    if (isRedisServerBinary(bin)) {
      const args = rest.slice(1).flatMap(expandAlternative);
      return { bin, sentinel: bin.endsWith('-sentinel') || args.some((a) => a.value === '--sentinel'), args };
    }
  }
  return undefined;
}

export interface ServerOption {
  name: string;
  nameArg: Arg;
  values: Arg[];
}

export interface ServerArgs {
  /** The conf file argument, if any. */
  conf?: Arg;
  options: ServerOption[];
}

/** `[conf] --name v1 v2 --other v` -> conf + options (names lower-cased, as Redis does). */
export function parseServerArgs(args: Arg[], equalsFlags = false): ServerArgs {
  const out: ServerArgs = { options: [] };
  // gflags servers (Dragonfly) also take `--name=value`.
  if (equalsFlags) args = args.flatMap((a) => splitEquals(a));
  let i = 0;
  if (args[0] && !args[0].value.startsWith('--') && args[0].value !== '-') {
    out.conf = args[0];
    i = 1;
  }
  for (; i < args.length; i++) {
    const a = args[i];
    if (a.value.startsWith('--')) {
      out.options.push({ name: a.value.slice(2).toLowerCase(), nameArg: a, values: [] });
    } else if (out.options.length > 0) {
      out.options[out.options.length - 1].values.push(a);
    }
  }
  return out;
}

/** The last occurrence of an option (Redis: last wins). */
export function lastOption(args: ServerArgs, ...names: string[]): ServerOption | undefined {
  for (let i = args.options.length - 1; i >= 0; i--) if (names.includes(args.options[i].name)) return args.options[i];
  return undefined;
}

/** `--requirepass=x` -> `--requirepass`, `x` (positions kept: the value starts after `=`). */
function splitEquals(a: Arg): Arg[] {
  const eq = a.text.indexOf('=');
  const veq = a.value.indexOf('=');
  if (!a.text.startsWith('--') || eq < 0 || veq < 0) return [a];
  const name = { ...a, text: a.text.slice(0, eq), value: a.value.slice(0, veq) };
  const value = { ...a, text: a.text.slice(eq + 1), value: a.value.slice(veq + 1), offset: a.offset + eq + 1, at: { ...a.at, column: a.at.column + eq + 1 } };
  return [name, value];
}
