/**
 * Steps 1 and 2 of analyzeConf: the directives Redis applies, in its startup order (the file with
 * its includes, then the command-line options), and the standard-config pass over them: last
 * occurrence wins, an auth directive with extra arguments is fatal, passwords are judged in place.
 */
import { argsToDirectives, loadConfText, type Directive, type LoadState, type Place } from './load';
import { arityMessage, fixFor, refused, unknownBecause, what } from './messages';
import type { Report } from './report';
import type { ConfAnalysisOptions } from './types';

const SINGLE_ARG_AUTH = new Set(['requirepass', 'masterauth', 'primaryauth', 'masteruser', 'primaryuser', 'aclfile']);
const SINGLE_ARG_OTHER = new Set(['port', 'tls-port', 'protected-mode', 'unixsocket', 'daemonize', 'dir', 'dbfilename', 'appendonly']);
/** Old and Valkey spellings, read under one name. */
const ALIASES = new Map([
  ['slaveof', 'replicaof'],
  ['primaryauth', 'masterauth'],
  ['primaryuser', 'masteruser'],
]);

export function collectDirectives(text: string, options: ConfAnalysisOptions, state: LoadState, argsAt: Place): Directive[] {
  const directives: Directive[] = [];
  if (!options.noConfFile) {
    loadConfText(text, { file: options.file, lineOffset: options.lineOffset ?? 0, columnOffset: options.columnOffset ?? 0 }, state, directives);
  }
  for (const d of argsToDirectives(options.args ?? [], (i) => options.argRefs?.[i] ?? argsAt)) {
    if (d.name === 'include') state.unknownReasons.push(unknownBecause.includeOnCommandLine);
    else directives.push(d);
  }
  return directives;
}

export interface AppliedDirectives {
  /** The last occurrence of each directive (aliases under their current name). */
  last: Map<string, Directive>;
  /** `user` lines, in order. */
  userLines: Directive[];
  /** `sentinel monitor` lines. */
  monitors: Directive[];
  /** The last `sentinel auth-pass` per master name. */
  authPass: Map<string, Directive>;
}

export function applyDirectives(directives: Directive[], report: Report): AppliedDirectives {
  const applied: AppliedDirectives = { last: new Map(), userLines: [], monitors: [], authPass: new Map() };
  for (const d of directives) {
    const name = ALIASES.get(d.name) ?? d.name;
    if (SINGLE_ARG_AUTH.has(d.name) && d.args.length !== 1) {
      report.configError(d.at, arityMessage(d), d);
      if (d.args.length === 0) continue;
    } else if (SINGLE_ARG_OTHER.has(d.name) && d.args.length !== 1) {
      report.diagnose(d.at, arityMessage(d));
      if (d.args.length === 0) continue;
    }
    if (name === 'user') {
      if (d.args.length === 0) report.configError(d.at, refused.userWithoutName, d);
      else applied.userLines.push(d);
      continue;
    }
    if (name === 'sentinel') {
      if (!report.sentinel) report.diagnose(d.at, refused.sentinelOutsideSentinel);
      else sentinelDirective(d, applied, report);
      continue;
    }
    applied.last.set(name, d);
    if (name === 'requirepass') report.literal(d.args[0], d.argAt[0], d, what.directive('requirepass'), fixFor('requirepass'));
    else if (name === 'masterauth') report.literal(d.args[0], d.argAt[0], d, what.directive(d.name), fixFor('masterauth'));
  }
  return applied;
}

function sentinelDirective(d: Directive, applied: AppliedDirectives, report: Report): void {
  const sub = (d.args[0] ?? '').toLowerCase();
  if (sub === 'monitor' && d.args.length >= 5) applied.monitors.push(d);
  else if (sub === 'auth-pass' && d.args.length >= 3) {
    applied.authPass.set(d.args[1], d);
    report.literal(d.args[2], d.argAt[2], d, what.authPass(d.args[1]), fixFor('auth-pass'));
  } else if (sub === 'sentinel-pass' && d.args.length >= 2) {
    report.literal(d.args[1], d.argAt[1], d, what.sentinelPass, fixFor('auth-pass'));
  }
}
