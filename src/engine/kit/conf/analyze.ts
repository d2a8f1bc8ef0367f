/**
 * analyzeConf: a redis.conf (or sentinel.conf) text, wherever it lives, to a ServerFact plus
 * findings. Follows Redis's startup order, one step per file:
 * directives.ts (config with includes, then command-line options; last occurrence wins) →
 * default-user.ts (`requirepass`, conf `user` lines or `aclfile`) → network.ts (port, bind,
 * protected-mode) → findings.ts (what the started server gets wrong) → fact.ts. Every message
 * lives in messages.ts.
 */
import type { Diagnostic } from '../../../core/finding';
import { aboutSubject } from '../finding';
import { decideDefaultUser } from './default-user';
import { applyDirectives, collectDirectives } from './directives';
import { serverFact } from './fact';
import { serverFindings } from './findings';
import type { LoadState, Place } from './load';
import { networkOf } from './network';
import { toPlace } from './places';
import { withStartupAdditions } from './startup-script';
import { newReport } from './report';
import type { Anchors, ConfAnalysis, ConfAnalysisOptions, EffectiveAuth } from './types';

export type { ConfAnalysis, ConfAnalysisOptions, EffectiveAuth } from './types';
export { replicaNoMasterAuth } from './findings';

export function analyzeConf(text: string, options: ConfAnalysisOptions): ConfAnalysis {
  const diagnostics: Diagnostic[] = [];
  const state: LoadState = {
    ctx: options.ctx,
    diagnostics,
    unknownReasons: [],
    filesRead: options.noConfFile ? [] : [options.file],
    resolvePath: options.resolvePath,
    stack: [options.file],
  };
  const top: Place = { file: options.file, line: (options.lineOffset ?? 0) + 1, column: (options.columnOffset ?? 0) + 1 };
  const anchors: Anchors = { top, argsAt: options.argsAt ? toPlace(options.argsAt) : top };

  const directives = collectDirectives(text, options, state, anchors.argsAt);
  const report = newReport(options, directives, diagnostics);
  const applied = applyDirectives(directives, report);
  const { auth, aclFile } = decideDefaultUser(applied, report, options, state, anchors);
  const net = networkOf(applied, options);
  const replicaOf = serverFindings(applied, net, auth, report);
  const fact = serverFact(options, directives, auth, net, report.credentials);

  return withStartupAdditions(
    {
      fact,
      findings: aboutSubject(report.findings, fact.subject),
      diagnostics,
      auth,
      filesRead: state.filesRead,
      aclFile,
      replicaOf,
    },
    options,
  );
}

/**
 * The default user's effective state for conf text (and command-line options), without findings:
 * `open` (on + nopass), `password`, `off`, `locked`, or `unknown` when an include or aclfile
 * outside the repository, or an unreadable auth line, could change it.
 */
export function effectiveAuth(text: string, options: ConfAnalysisOptions): EffectiveAuth {
  return analyzeConf(text, options).auth!;
}
