// `npm test`: everything CI checks, in one command that also works on a fresh machine.
//   1. the system tools the suites need (test/system-tools.mjs): redis-server and redis-cli for the
//      live verify tests and the redis.conf model check, Chromium for the drift HTML report,
//      pre-commit for its recipe; as root it installs what is missing (apt-get, pip) and says so,
//      otherwise it stops with the commands to run
//   2. the build (tsc), which the package and demo tests load
//   3. the default vitest suite, then the slow suites (*.slow.test.ts)
//   4. the lint (`npm run lint`): tsc on all code (tests included), ESLint (eslint.config.mjs) and
//      the generated docs parts (scripts/docs.mjs --check)
// and prints `N passed, N failed` last (each lint step counts as one test), exiting 1 on any failure.
// `npm test -- <vitest args>` (a file, -t name) runs only the default suite with those arguments.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemTools } from './system-tools.mjs';
import { countResults } from '../.ci/summary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;

const tools = ensureSystemTools();
if (!tools.ok) {
  console.error(tools.message);
  process.exit(1);
}
// The drift page test reads CHROMIUM_PATH; point it at the browser found on PATH.
process.env.CHROMIUM_PATH ??= tools.chromium;

if (!run(bin('tsc'), ['-p', 'tsconfig.build.json'])) {
  console.error('npm test: the build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const extra = process.argv.slice(2);
if (extra.length > 0) process.exit(run(bin('vitest'), ['run', ...extra]) ? 0 : 1);

const out = mkdtempSync(join(tmpdir(), 'redis-auth-test-'));
const reports = [join(out, 'default.json'), join(out, 'slow.json')];
const json = (file) => ['--reporter=default', '--reporter=json', `--outputFile=${file}`];
run(bin('vitest'), ['run', ...json(reports[0])]);
run(bin('vitest'), ['run', '--config', 'vitest.slow.config.ts', ...json(reports[1])]);

const lint = [
  ['typecheck (tsc, tests included)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']],
  ['docs (generated headers and tables up to date)', process.execPath, ['scripts/docs.mjs', '--check']],
];
const lintFailures = [];
for (const [name, command, args] of lint) {
  console.log(`\n${name}`);
  if (!run(command, args)) lintFailures.push(name);
}

const counts = countResults(reports);
rmSync(out, { recursive: true, force: true });
for (const message of counts.messages) console.error(message);
for (const name of lintFailures) console.error(`failed: ${name}`);
const passed = counts.passed + lint.length - lintFailures.length;
const failed = counts.failed + lintFailures.length;
console.log(`${passed} passed, ${failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(failed > 0 || counts.passed === 0 ? 1 : 0);
