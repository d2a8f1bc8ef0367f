// The closing line CI reads, `N passed, N failed` (vitest's own summary has another form), from
// vitest JSON reports. test/run.mjs (`npm test`) uses countResults and prints the line itself;
// `node .ci/summary.mjs <report.json>...` still prints it for any reports given.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Totals over vitest JSON reports; a report not written, or a suite that failed to load, fails. */
export function countResults(files) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const messages = [];
  for (const file of files) {
    if (!existsSync(file)) {
      failed++;
      messages.push(`summary: ${file} was not written (its test run did not finish)`);
      continue;
    }
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // A suite that failed to load, or whose beforeAll failed (its tests then count as skipped),
    // failed without a failed test: count it as one failure.
    for (const suite of r.testResults ?? []) {
      if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((a) => a.status === 'failed')) failed++;
    }
  }
  return { passed, failed, skipped, messages };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { passed, failed, skipped, messages } = countResults(process.argv.slice(2));
  for (const message of messages) console.error(message);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}
