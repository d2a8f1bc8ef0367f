/**
 * Loads redis.conf text into an ordered list of directives, as `loadServerConfigFromString` does:
 * directive names lower-cased, `include` expanded in place (inside the repository only, globs in
 * alphabetical order, cycles refused), command-line `--name value` options appended last.
 */
import { posix } from 'node:path';
import type { Diagnostic } from '../../../core/finding';
import type { SourceRef } from '../../../core/facts';
import type { ScanContext } from '../contract';
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
}

export interface TextPosition {
  file: string;
  lineOffset: number;
  columnOffset: number;
}

const MAX_INCLUDE_DEPTH = 16;

export function loadConfText(text: string, pos: TextPosition, state: LoadState, out: Directive[]): void {
  const { lines, bad } = readConfLines(text);
  const badByIndex = new Map(bad.map((b) => [b.index, b]));
  const all = [...lines.map((l) => l.index), ...bad.map((b) => b.index)].sort((a, b) => a - b);
  const byIndex = new Map(lines.map((l) => [l.index, l]));
  for (const index of all) {
    const line = pos.lineOffset + index + 1;
    const broken = badByIndex.get(index);
    if (broken) {
      state.diagnostics.push({
        file: pos.file,
        line,
        column: pos.columnOffset + broken.offset + 1,
        message: `${broken.error} in configuration line (Redis refuses to start on it); line skipped`,
      });
      if (AUTH_DIRECTIVES.has(broken.name)) state.unknownReasons.push(`line ${line} (\`${broken.name}\`) could not be read`);
      continue;
    }
    const confLine = byIndex.get(index)!;
    const place = (t: { start: number; end: number }): Place => ({
      file: pos.file,
      line,
      column: pos.columnOffset + t.start + 1,
      endColumn: pos.columnOffset + t.end + 1,
    });
    const [head, ...rest] = confLine.tokens;
    const directive: Directive = {
      name: head.value.toLowerCase(),
      args: rest.map((t) => t.value),
      at: place(head),
      argAt: rest.map(place),
    };
    if (directive.name === 'include') {
      includeDirective(directive, pos.file, state, out);
      continue;
    }
    out.push(directive);
  }
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
  if (d.args.length !== 1) {
    state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `\`include\` takes one path but has ${d.args.length} arguments; Redis refuses to start` });
    return;
  }
  const target = d.args[0];
  if (!state.ctx) {
    state.unknownReasons.push(`\`include ${target}\` at ${where} cannot be followed here`);
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
  for (const path of resolved.paths) {
    if (state.stack.includes(path) || state.stack.length >= MAX_INCLUDE_DEPTH) {
      state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: `include cycle: ${[...state.stack, path].join(' -> ')}; not followed again` });
      continue;
    }
    const file = state.ctx.readFile(path);
    if (!file) {
      state.unknownReasons.push(`\`include ${target}\` at ${where} could not be read`);
      continue;
    }
    if (!state.filesRead.includes(file.path)) state.filesRead.push(file.path);
    state.stack.push(file.path);
    loadConfText(file.text, { file: file.path, lineOffset: 0, columnOffset: 0 }, state, out);
    state.stack.pop();
  }
}

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
