/**
 * Where reports go, the same for every command: `--format F` and `--output FILE` pair up, so one
 * run can write several reports (`-f sarif -o r.sarif -f json -o r.json`); at most one report goes
 * to stdout. Whenever a report goes to a file, one summary line on stderr says what was found and
 * what was written.
 */
import { prepareFolder, UnsafeWriteError, writeFileNoFollow } from '../engine/safe-write';
import { escapeControls } from '../core/terminal';
import { resolve } from 'node:path';
import { oneOf, UsageError, type ParsedArgs } from './args';
import type { CommandIo } from './commands/io';

export interface Target<F extends string> {
  format: F;
  /** As the user typed it; undefined is stdout. */
  output?: string;
}

export function targetsFrom<F extends string>(
  parsed: ParsedArgs,
  formats: readonly F[],
  aliases: Record<string, F>,
  fallback: F,
): Target<F>[] {
  const events = parsed.sequence.filter((e) => e.name === 'format' || e.name === 'output');
  const formatCount = events.filter((e) => e.name === 'format').length;
  const outputCount = events.length - formatCount;
  const format = (value: string) => oneOf('format', value, formats, aliases);
  if (formatCount <= 1 && outputCount <= 1) {
    const f = events.find((e) => e.name === 'format');
    const o = events.find((e) => e.name === 'output');
    return [{ format: f ? format(String(f.value)) : fallback, output: o ? String(o.value) : undefined }];
  }
  const targets: Target<F>[] = [];
  for (const e of events) {
    if (e.name === 'format') targets.push({ format: format(String(e.value)) });
    else if (targets.length === 0) targets.push({ format: fallback, output: String(e.value) });
    else if (targets[targets.length - 1].output === undefined) targets[targets.length - 1].output = String(e.value);
    else throw new UsageError(`--output ${e.value} has no --format of its own; write each report as --format F --output FILE`);
  }
  const toStdout = targets.filter((t) => t.output === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(
      `${toStdout.map((t) => t.format).join(' and ')} would both go to stdout; give each --format but one its --output FILE (e.g. -f json -o report.json -f sarif -o report.sarif)`,
    );
  }
  const files = targets.flatMap((t) => (t.output === undefined ? [] : [t.output]));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) throw new UsageError(`--output ${twice} given twice`);
  return targets;
}

/**
 * Renders and writes every target (files first, so a failing write leaves stdout untouched), then
 * the stderr summary when anything went to a file. `render(format, terminal)`: `terminal` is true
 * for the one report printed on stdout.
 */
export function writeTargets<F extends string>(
  command: string,
  targets: readonly Target<F>[],
  render: (format: F, terminal: boolean) => string,
  io: CommandIo,
  summary: string,
  bases: readonly string[] = [],
): void {
  const written: string[] = [];
  for (const t of targets) {
    if (t.output === undefined) continue;
    const file = resolve(io.cwd, t.output);
    const text = render(t.format, false);
    try {
      // Never through a symlink the repository committed at that name or on a folder of the way
      // (safe-write.ts), checked from the working directory and from the scan root.
      prepareFolder(file, [io.cwd, ...bases]);
      writeFileNoFollow(file, text);
    } catch (error) {
      const why = error instanceof UnsafeWriteError ? error.message : ((error as NodeJS.ErrnoException).code ?? 'error');
      throw new UsageError(`cannot write ${t.output}: ${why}`);
    }
    written.push(t.output);
  }
  for (const t of targets) if (t.output === undefined) io.stdout(render(t.format, true));
  if (written.length > 0) io.stderr(`redis-auth ${command}: ${escapeControls(`${summary}; wrote ${written.join(', ')}`)}\n`);
}
