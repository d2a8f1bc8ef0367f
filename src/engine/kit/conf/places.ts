/** Places and anchors of conf directives, as findings and facts carry them. */
import type { SourceRef } from '../../../core/facts';
import type { Directive, Place } from './load';

/** The stable name of a directive a baseline matches on (`requirepass`, `user.alice`, `--port`). */
export function anchorOf(d: Directive): string {
  if (d.name === 'user') return `user.${d.args[0] ?? ''}`;
  if (d.name === 'sentinel') return `sentinel.${(d.args[0] ?? '').toLowerCase()}${d.args[1] && d.args[0] !== 'sentinel-pass' ? `.${d.args[1]}` : ''}`;
  return d.fromArgs ? `--${d.name}` : d.name;
}

export function toPlace(ref: SourceRef): Place {
  return { file: ref.file, line: ref.line, column: ref.column, endColumn: ref.endColumn };
}

export function toRef(at: Place, d?: Directive): SourceRef {
  const ref: SourceRef = { file: at.file, line: at.line, column: at.column };
  if (at.endColumn !== undefined) ref.endColumn = at.endColumn;
  if (d) ref.anchor = anchorOf(d);
  return ref;
}
