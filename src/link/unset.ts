/**
 * One app-env-unset note per package: every connection of a package that reads variables no unit
 * sets has one cause (the deployment does not set them), so the first connection carries the note
 * with every name read, and the others are its related locations.
 */
import type { Judgement } from './judge';
import { unsetMessage } from './judge';
import { LINK_CHECKS } from './checks';

export function oneUnsetPerPackage(judgements: readonly Judgement[]): Judgement[] {
  const byPackage = new Map<string, Judgement[]>();
  const out: Judgement[] = [];
  for (const j of judgements) {
    if (j.check.id !== LINK_CHECKS.unset.id) {
      out.push(j);
      continue;
    }
    const dir = j.connection.pkg.dir;
    byPackage.set(dir, [...(byPackage.get(dir) ?? []), j]);
  }
  for (const [dir, list] of byPackage) {
    const sorted = [...list].sort((a, b) => a.connection.code.file.localeCompare(b.connection.code.file) || a.connection.code.line - b.connection.code.line);
    const [first, ...rest] = sorted;
    if (!rest.length) {
      out.push(first);
      continue;
    }
    const read = sorted.flatMap((j) => j.connection.inputs.map((i) => i.name));
    const c = first.connection;
    out.push({
      ...first,
      message: unsetMessage(`\`${c.code.label}\``, read, c.units.length, dir, rest.length),
      related: rest.map((j) => ({
        file: j.connection.code.file,
        line: j.connection.code.line,
        column: j.connection.code.column,
        message: `\`${j.connection.code.label}\` reads ${[...new Set(j.connection.inputs.map((i) => `\`${i.name}\``))].join(', ')}`,
      })),
    });
  }
  return out;
}
