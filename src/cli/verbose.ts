/** `--verbose`: which candidate files a scan read, which scanner claimed each, and why others were skipped. */
import type { ScanOutcome } from '../engine/run';

export function verboseLines(outcome: Pick<ScanOutcome, 'files' | 'diagnostics'>, root: string): string[] {
  const files = outcome.files ?? [];
  const claimed = files.filter((f) => f.scanner);
  const out = [`scan root ${root}: ${files.length} candidate file(s) by name, ${claimed.length} claimed by a scanner`];
  const width = Math.max(0, ...claimed.map((f) => f.scanner!.length));
  for (const f of files) {
    if (f.scanner) {
      out.push(`  claimed  ${f.scanner.padEnd(width)}  ${f.path}`);
      continue;
    }
    const problem = outcome.diagnostics.find((d) => d.file === f.path);
    out.push(`  skipped  ${''.padEnd(width)}  ${f.path}: ${problem ? problem.message : 'not Redis (no scanner recognised its content)'}`);
  }
  return out;
}
