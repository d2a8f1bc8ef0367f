/**
 * One verdict per password literal in a conf, ACL or sentinel file: an unexpanded `${VAR}`, a
 * weak password, or a committed secret. Never more than one of the three for the same value.
 */
import { judgeSecret } from '../../../core/secrets';
import type { Credential, SourceRef } from '../../../core/facts';

export type LiteralVerdict =
  /** `${VAR}`/`$VAR` in a file Redis reads itself: used literally. */
  | { kind: 'unexpanded'; variable: string; kubernetes?: boolean }
  | { kind: 'weak'; reason: string }
  | { kind: 'hardcoded' }
  /** Supplied from outside: a rendered template, Helm `{{ }}`, an already-interpolated argument. */
  | { kind: 'reference' }
  | { kind: 'empty' };

/** File names of templates that a tool renders before Redis reads them (envsubst, Jinja, ERB...). */
export function isTemplatePath(path: string): boolean {
  return /\.(tpl|tmpl|template|j2|jinja2?|erb|mustache|hbs|in|envsubst)$/i.test(path) || /\.(template|tmpl|tpl)\./i.test(path);
}

export interface LiteralContext {
  /** The value reached Redis through a shell, Compose or Kubernetes that already expanded it. */
  expanded: boolean;
  /**
   * Kubernetes `args`/`command`: only `$(VAR)` is expanded there; `${VAR}` and `$VAR` reach the
   * process literally (docker-library/redis#46).
   */
  kubernetes?: boolean;
  /** The file is a template rendered before Redis reads it. */
  template: boolean;
}

export function judgeLiteral(value: string, context: LiteralContext): LiteralVerdict {
  if (value === '') return { kind: 'empty' };
  const expansion = context.kubernetes ? 'kubernetes' : context.expanded || context.template ? 'all' : 'none';
  const verdict = judgeSecret(value, expansion);
  switch (verdict.kind) {
    case 'unexpanded':
      return { kind: 'unexpanded', variable: verdict.variable, kubernetes: context.kubernetes };
    case 'reference':
      return { kind: 'reference' };
    case 'literal':
      return { kind: 'hardcoded' };
    case 'empty':
      // `requirepass " "`: a password of blanks.
      return { kind: 'weak', reason: 'is empty' };
    default:
      return { kind: 'weak', reason: verdict.reason };
  }
}

export function credentialOf(value: string, verdict: LiteralVerdict, at: SourceRef, username?: string): Credential {
  if (verdict.kind === 'reference') {
    const name = /\$\{?\(?([A-Za-z_][A-Za-z0-9_]*)/.exec(value)?.[1];
    return { source: name ? 'env' : 'unknown', reference: name ?? value, username, at };
  }
  return { source: 'literal', value, username, at };
}
