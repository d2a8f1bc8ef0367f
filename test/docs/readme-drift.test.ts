/**
 * The README's "Drift between environments" section shows `redis-auth drift` on
 * fixtures/drift/compose-prod-drops-auth. The block is generated here from a real run and must appear
 * in the README verbatim, so the README cannot drift from the tool. After a reviewed change, print it
 * with `README_PRINT=1 npx vitest run test/docs/readme-drift.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { run } from '../../src/cli/commands/drift';

process.env.REDIS_AUTH_CACHE = '0';
const dir = resolve(__dirname, '../../fixtures/drift/compose-prod-drops-auth');
const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

async function driftText(): Promise<string> {
  let out = '';
  const code = await run(['--no-color'], { stdout: (t) => (out += t), stderr: () => {}, cwd: dir, env: {}, stdoutIsTTY: true, columns: 100 });
  expect(code).toBe(1);
  return out.trimEnd();
}

it('the README shows the drift of compose-prod-drops-auth exactly as redis-auth drift prints it', async () => {
  const text = await driftText();
  if (process.env.README_PRINT) console.log(text);
  expect(text).toContain('drift-production-weaker');
  expect(readme).toContain(`\`\`\`text\n${text}\n\`\`\``);
  expect(readme).toContain('fixtures/drift/compose-prod-drops-auth');
});
