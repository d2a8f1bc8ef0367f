/**
 * Where the analysis steps put what they find: findings, diagnostics and the credentials of the
 * fact, plus the one judge of a password literal, so each step reports the same way.
 */
import type { Diagnostic, Finding } from '../../../core/finding';
import type { Credential } from '../../../core/facts';
import { aboutSecret } from '../finding';
import { CONF_IDS, SENTINEL_IDS, makeFinding, type AnalysisIds } from './checks';
import type { Directive, Place } from './load';
import { hardcodedMessage, unexpandedMessage, weakMessage } from './messages';
import { anchorOf, toRef } from './places';
import { renderedFiles } from './rendered';
import { credentialOf, isTemplatePath, judgeLiteral, type LiteralContext } from './secrets';
import type { ConfAnalysisOptions } from './types';

export interface Report {
  sentinel: boolean;
  ids: AnalysisIds;
  findings: Finding[];
  diagnostics: Diagnostic[];
  credentials: Credential[];
  /** How a literal on this directive's line is read (already expanded, rendered template...). */
  literalContext(d: Directive): LiteralContext;
  /** Judges one literal password; emits at most one finding, records the credential of a user. */
  literal(value: string, at: Place, d: Directive, what: string, fix: string, username?: string): void;
  /** A line Redis refuses to start on: a finding for redis.conf, a diagnostic for sentinel.conf. */
  configError(at: Place, message: string, d: Directive): void;
  diagnose(at: Place, message: string): void;
}

export function newReport(options: ConfAnalysisOptions, directives: Directive[], diagnostics: Diagnostic[]): Report {
  const sentinel = options.sentinel === true;
  const rendered = renderedFiles(directives);
  const report: Report = {
    sentinel,
    ids: sentinel ? SENTINEL_IDS : CONF_IDS,
    findings: [],
    diagnostics,
    credentials: [],
    literalContext: (d) =>
      d.fromArgs
        ? options.argsExpansion === 'kubernetes'
          ? { expanded: true, template: false, kubernetes: true }
          : { expanded: options.argsExpanded ?? true, template: false }
        : { expanded: false, template: isTemplatePath(options.file) || isTemplatePath(d.at.file) || rendered.has(d.at.file) },
    literal(value, at, d, what, fix, username) {
      const verdict = judgeLiteral(value, report.literalContext(d));
      if (username !== undefined && value !== '') report.credentials.push(credentialOf(value, verdict, toRef(at, d), username));
      if (d.fromArgs && options.reportArgSecrets === false) return;
      const place = { ...at, anchor: anchorOf(d) };
      const ids = report.ids;
      if (verdict.kind === 'unexpanded') {
        report.findings.push(makeFinding(ids.unexpanded, place, unexpandedMessage(what, verdict.variable, sentinel ? 'Sentinel' : 'Redis', verdict.kubernetes)));
      } else if (verdict.kind === 'weak') report.findings.push(aboutSecret(makeFinding(ids.weak, place, weakMessage(what, value, verdict.reason)), value));
      else if (verdict.kind === 'hardcoded') report.findings.push(aboutSecret(makeFinding(ids.hardcoded, place, hardcodedMessage(what, value, fix)), value));
    },
    configError(at, message, d) {
      if (sentinel) report.diagnose(at, message);
      else report.findings.push(makeFinding('conf-auth-config-error', { ...at, anchor: anchorOf(d) }, message));
    },
    diagnose(at, message) {
      diagnostics.push({ file: at.file, line: at.line, column: at.column, message });
    },
  };
  return report;
}
