/**
 * Loads redis.conf text into an ordered list of directives, as `loadServerConfigFromString` does:
 * directive names lower-cased, `include` expanded in place (inside the repository only, globs in
 * alphabetical order, cycles refused), command-line `--name value` options appended last.
 */
import { posix } from 'node:path';
import type { Diagnostic } from '../../../core/finding';
import type { SourceRef } from '../../../core/facts';
import type { ScanContext, SourceFile } from '../contract';
import { readConfLines } from './tokenizer';

/** A place in some file, 1-based, end column exclusive. */
export interface Place {
  file: string;
  line: number;
  column: number;
  endColumn?: number;
}

export interface Directive {
  /** Lower-cased directive name. */
  name: string;
  args: string[];
  /** Place of the directive name. */
  at: Place;
  /** Place of each argument (parallel to `args`). */
  argAt: Place[];
  /** True for a `--name value` command-line option. */
  fromArgs?: boolean;
}

/** Directives whose arguments carry auth: an unreadable line naming one makes the verdict unknown. */
export const AUTH_DIRECTIVES = new Set([
  'requirepass',
  'user',
  'aclfile',
  'include',
  'masterauth',
  'primaryauth',
  'masteruser',
  'primaryuser',
  'sentinel',
]);

export interface LoadState {
  ctx?: ScanContext;
  diagnostics: Diagnostic[];
  /** Why the auth verdict cannot be trusted (an include we could not follow...). */
  unknownReasons: string[];
  /** Every repository file read while loading (the conf itself, includes). */
  filesRead: string[];
  /** Maps a path as Redis sees it (inside a container) to a repository path. */
  resolvePath?: (path: string) => string | undefined;
  stack: string[];
  /** Files already expanded for this root conf (see loadConfText). */
  expanded?: Set<string>;
  /** Work done for this root conf, against INCLUDE_BUDGET. */
  budget?: { directives: number; bytes: number; globs: number; exceeded?: boolean };
}

export interface TextPosition {
  file: string;
  lineOffset: number;
  columnOffset: number;
}

const MAX_INCLUDE_DEPTH = 16;
/**
 * Work budgets per root conf, far above real configs (a redis.conf has about a hundred directives)
 * and far below what a crafted include tree needs to exhaust a scan.
 */
export const INCLUDE_BUDGET = { directives: 50_000, bytes: 8 * 1024 * 1024, globMatches: 256 };

/** One line of a conf as loading needs it: a directive, or a line Redis refuses. */
type ConfItem =
  | { directive: Directive; bad?: undefined }
  | { directive?: undefined; bad: { line: number; column: number; error: string; name: string; file: string } };

/** Each included file is tokenized once per scan, however many confs include it and how often. */
const parsedFiles = new WeakMap<SourceFile, ConfItem[]>();

function parseConf(text: string, pos: TextPosition): ConfItem[] {
  const { lines, bad } = readConfLines(text);
  const items: { index: number; item: ConfItem }[] = [];
  for (const b of bad) {
    items.push({
      index: b.index,
      item: { bad: { file: pos.file, line: pos.lineOffset + b.index + 1, column: pos.columnOffset + b.offset + 1, error: b.error, name: b.name } },
    });
  }
  for (const confLine of lines) {
    const line = pos.lineOffset + confLine.index + 1;
    const place = (t: { start: number; end: number }): Place => ({
      file: pos.file,
      line,
      column: pos.columnOffset + t.start + 1,
      endColumn: pos.columnOffset + t.end + 1,
    });
    const [head, ...rest] = confLine.tokens;
    items.push({ index: confLine.index, item: { directive: { name: head.value.toLowerCase(), args: rest.map((t) => t.value), at: place(head), argAt: rest.map(place) } } });
  }
  return items.sort((a, b) => a.index - b.index).map((x) => x.item);
}

/**
 * Loads `text` (and what it includes) into `out`, in Redis's order. A file included more than
 * once is expanded once, at its last inclusion: for directives where the last occurrence wins
 * and ACL rules that set or clear, the earlier copies change nothing, and a diamond of includes
 * stays linear instead of exponential. The walk runs backwards so that "last" is seen first.
 */
export function loadConfText(text: string, pos: TextPosition, state: LoadState, out: Directive[]): void {
  const reasonsBefore = state.unknownReasons.length;
  const filesBefore = state.filesRead.length;
  const reversed: Directive[] = [];
  state.expanded ??= new Set();
  state.budget ??= { directives: 0, bytes: text.length, globs: 0 };
  walkBackwards(parseConf(text, pos), pos.file, state, reversed);
  out.push(...reversed.reverse());
  // Reasons and files were met last to first; keep them in document order.
  state.unknownReasons.push(...state.unknownReasons.splice(reasonsBefore).reverse());
  state.filesRead.push(...state.filesRead.splice(filesBefore).reverse());
}

function walkBackwards(items: readonly ConfItem[], file: string, state: LoadState, out: Directive[]): void {
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    if (item.bad) {
      const b = item.bad;
      state.diagnostics.push({ file: b.file, line: b.line, column: b.column, message: `${b.error} in configuration line (Redis refuses to start on it); line skipped` });
      if (AUTH_DIRECTIVES.has(b.name)) state.unknownReasons.push(`line ${b.line} (\`${b.name}\`) could not be read`);
      continue;
    }
    const d = item.directive;
    if (d.name === 'include') {
      includeDirective(d, file, state, out);
      continue;
    }
    if (++state.budget!.directives > INCLUDE_BUDGET.directives) {
      overBudget(d, state, `more than ${INCLUDE_BUDGET.directives} directives`);
      return;
    }
    out.push(d);
  }
}

/** Once per root conf: one diagnostic, the verdict becomes unknown, nothing more is expanded. */
function overBudget(d: Directive, state: LoadState, what: string): void {
  if (state.budget!.exceeded) return;
  state.budget!.exceeded = true;
  state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `include expansion too large (${what}); auth not judged` });
  state.unknownReasons.push(`the include expansion is too large (${what})`);
}

/** Turns `--requirepass x --save "" --bind a b` into directives, as redis-server's main() does. */
export function argsToDirectives(args: string[], refOf: (i: number) => SourceRef): Directive[] {
  const out: Directive[] = [];
  let current: Directive | undefined;
  args.forEach((arg, i) => {
    const ref = refOf(i);
    const place: Place = { file: ref.file, line: ref.line, column: ref.column, endColumn: ref.endColumn };
    if (arg.startsWith('--') && arg.length > 2) {
      current = { name: arg.slice(2).toLowerCase(), args: [], at: place, argAt: [], fromArgs: true };
      out.push(current);
    } else if (current) {
      current.args.push(arg);
      current.argAt.push(place);
    }
    // Anything before the first option is the conf path or the program name: not ours.
  });
  return out;
}

function includeDirective(d: Directive, fromFile: string, state: LoadState, out: Directive[]): void {
  const where = `${d.at.file}:${d.at.line}`;
  if (state.budget!.exceeded) return;
  if (d.args.length !== 1) {
    state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `\`include\` takes one path but has ${d.args.length} arguments; Redis refuses to start` });
    return;
  }
  const target = d.args[0];
  if (!state.ctx) {
    state.unknownReasons.push(`\`include ${target}\` at ${where} cannot be followed here`);
    return;
  }
  if (GLOB_CHARS.test(target) && ++state.budget!.globs > MAX_GLOB_INCLUDES) {
    overBudget(d, state, `more than ${MAX_GLOB_INCLUDES} glob includes`);
    return;
  }
  // A container path guessed by its trailing segments must not land on a file being loaded.
  const resolved = resolveRepoPaths(target, posix.dirname(fromFile), state, target.startsWith('/') ? state.stack : []);
  if (resolved.kind === 'outside') {
    state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `\`include ${target}\` leaves the repository; not followed` });
    state.unknownReasons.push(`\`include ${target}\` at ${where} leaves the repository`);
    return;
  }
  if (resolved.kind === 'missing') {
    if (!resolved.glob) {
      state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `\`include ${target}\` is not in the repository; not followed, auth not judged` });
    }
    // Redis ignores a glob with no match; a container path may still be mounted at deploy time.
    if (!resolved.glob || target.startsWith('/')) state.unknownReasons.push(`\`include ${target}\` at ${where} is not in the repository`);
    return;
  }
  if (resolved.paths.length > INCLUDE_BUDGET.globMatches) {
    overBudget(d, state, `\`include ${target}\` matches ${resolved.paths.length} files, more than ${INCLUDE_BUDGET.globMatches}`);
    return;
  }
  // Glob matches are included in alphabetical order; walking backwards, the last one comes first.
  for (const path of [...resolved.paths].reverse()) {
    if (state.stack.includes(path) || state.stack.length >= MAX_INCLUDE_DEPTH) {
      state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `include cycle: ${[...state.stack, path].join(' -> ')}; not followed again` });
      continue;
    }
    // Already expanded at a later inclusion, which is the one that counts.
    if (state.expanded!.has(path)) continue;
    const file = state.ctx.readFile(path);
    if (!file) {
      state.unknownReasons.push(`\`include ${target}\` at ${where} could not be read`);
      continue;
    }
    state.expanded!.add(path);
    state.expanded!.add(file.path);
    state.budget!.bytes += file.text.length;
    if (state.budget!.bytes > INCLUDE_BUDGET.bytes) {
      overBudget(d, state, `more than ${INCLUDE_BUDGET.bytes / 1024 / 1024} MiB of included text`);
      return;
    }
    if (!state.filesRead.includes(file.path)) state.filesRead.push(file.path);
    let items = parsedFiles.get(file);
    if (!items) {
      items = parseConf(file.text, { file: file.path, lineOffset: 0, columnOffset: 0 });
      parsedFiles.set(file, items);
    }
    state.stack.push(file.path);
    walkBackwards(items, file.path, state, out);
    state.stack.pop();
  }
}

/** Distinct glob patterns a root conf may include: each one walks the repository once. */
const MAX_GLOB_INCLUDES = 64;

export type ResolvedPaths =
  | { kind: 'found'; paths: string[] }
  | { kind: 'missing'; glob: boolean }
  | { kind: 'outside' };

const GLOB_CHARS = /[*?[]/;

/**
 * Where a path Redis would open lives in the repository. A relative path is taken relative to the
 * file that names it (then to the root); an absolute path (a container path such as
 * `/usr/local/etc/redis/users.acl`) is looked up by its trailing segments next to that file, so a
 * conf and the files it names that sit side by side in the repository are found.
 */
export function resolveRepoPaths(
  target: string,
  baseDir: string,
  state: Pick<LoadState, 'ctx' | 'resolvePath'>,
  exclude: readonly string[] = [],
): ResolvedPaths {
  const glob = GLOB_CHARS.test(target);
  const mapped = state.resolvePath?.(target);
  let candidates: string[];
  if (mapped !== undefined) {
    candidates = [mapped];
  } else if (target.startsWith('/')) {
    const segments = target.split('/').filter(Boolean);
    candidates = [];
    for (let k = Math.min(segments.length, 4); k >= 1; k--) candidates.push(posix.join(baseDir, ...segments.slice(-k)));
  } else {
    candidates = [posix.join(baseDir, target)];
    if (isOutside(candidates[0])) return { kind: 'outside' };
    const fromRoot = posix.normalize(target);
    if (fromRoot !== candidates[0] && !isOutside(fromRoot)) candidates.push(fromRoot);
  }
  candidates = candidates.filter((c) => !isOutside(c) && !exclude.includes(posix.normalize(c)));
  if (candidates.length === 0) return { kind: 'outside' };
  for (const c of candidates) {
    if (glob) {
      const matches = (state.ctx?.glob(c) ?? []).filter((m) => !exclude.includes(m));
      if (matches.length > 0) return { kind: 'found', paths: matches };
    } else if (state.ctx?.readFile(c)) {
      return { kind: 'found', paths: [posix.normalize(c)] };
    }
  }
  return { kind: 'missing', glob };
}

function isOutside(path: string): boolean {
  const n = posix.normalize(path);
  return n === '..' || n.startsWith('../') || n.startsWith('/');
}
