/**
 * One finding per root cause in a package (the scan; the ESLint rule reports at each connection
 * line it lints). Connections of one package that the same deploy settings fail the same way,
 * three clients reading the one `REDIS_AUTH` a compose file commits, are one finding at the first
 * connection with the others as related locations. Variables no unit sets: one note per package
 * naming every variable read. A judgement about one Redis the scan found carries its subject and
 * is grouped with that Redis's own finding by the engine instead.
 */
import type { RelatedLocation } from '../core/finding';
import type { Judgement } from './judge';
import { unsetMessage } from './judge';
import { LINK_CHECKS } from './checks';

function byPosition(a: Judgement, b: Judgement): number {
  return a.connection.code.file.localeCompare(b.connection.code.file) || a.connection.code.line - b.connection.code.line;
}

/** Judgements with the same key have one cause; undefined: nothing to group by. */
function causeKey(j: Judgement): string | undefined {
  const dir = j.connection.pkg.dir;
  if (j.check.id === LINK_CHECKS.unset.id) return `unset\0${dir}`;
  if (j.subject || !j.related.length) return undefined;
  const places = [...new Set(j.related.map((r) => `${r.file}:${r.line}`))].sort().join(',');
  return [j.check.id, dir, j.severity, j.tierHint ?? '', places].join('\0');
}

function names(j: Judgement): string {
  return [...new Set(j.connection.inputs.map((i) => `\`${i.name}\``))].join(', ');
}

function merged(list: readonly Judgement[]): Judgement {
  const [first, ...rest] = [...list].sort(byPosition);
  if (!rest.length) return first;
  const c = first.connection;
  const others: RelatedLocation[] = rest.map((j) => ({
    file: j.connection.code.file,
    line: j.connection.code.line,
    column: j.connection.code.column,
    message: `\`${j.connection.code.label}\` reads ${names(j)}`,
  }));
  if (first.check.id === LINK_CHECKS.unset.id) {
    const read = [first, ...rest].flatMap((j) => j.connection.inputs.map((i) => i.name));
    return { ...first, message: unsetMessage(`\`${c.code.label}\``, read, c.units.length, c.pkg.dir, rest.length), related: others };
  }
  const more = `${rest.length} other connection${rest.length === 1 ? '' : 's'} of ${c.pkg.dir || 'this package'} read${rest.length === 1 ? 's' : ''} the same settings.`;
  return { ...first, message: `${first.message} ${more}`, related: [...first.related, ...others] };
}

export function onePerCause(judgements: readonly Judgement[]): Judgement[] {
  const groups = new Map<string, Judgement[]>();
  const out: Judgement[] = [];
  for (const j of judgements) {
    const key = causeKey(j);
    if (key === undefined) {
      out.push(j);
      continue;
    }
    const list = groups.get(key);
    if (list) list.push(j);
    else groups.set(key, [j]);
  }
  for (const list of groups.values()) out.push(merged(list));
  return out;
}
