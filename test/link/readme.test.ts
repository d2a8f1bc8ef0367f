/**
 * The README's "Code to deployment" section shows one finding of fixtures/link/compose-requirepass
 * as ESLint prints it (stylish) and as `redis-auth scan` prints it. Both blocks are generated here
 * from a real run and must appear in the README verbatim, so the README cannot drift from the tool.
 * After a reviewed change, print the blocks with `README_PRINT=1 npx vitest run test/link/readme.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';
import { runScan } from '../../src/engine/run';
import { codeReader } from '../../rules/support/read-source';
import { formatStylish } from '../../src/cli/format/stylish';
import { createDeployedConnectionsRule } from '../../rules/deployed-connections';
import * as link from '../../rules/support/deployment-side';

process.env.REDIS_AUTH_CACHE = '0';
const dir = resolve(__dirname, '../../fixtures/link/compose-requirepass');
const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

async function eslintText(): Promise<string> {
  const rule = createDeployedConnectionsRule(() => ({ ...link, deploymentSide: (root: string) => link.deploymentSide(root, runScan) }));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.js'],
        plugins: { 'redis-auth': { rules: { 'deployed-connections': rule } } as never },
        settings: { 'redis-auth': { deployments: { root: dir } } },
        rules: { 'redis-auth/deployed-connections': 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(['src']);
  const text = (await eslint.loadFormatter('stylish')).format(results) as string;
  // ESLint prints absolute paths; the README shows the repository-relative one.
  return text.split(`${dir}/`).join('').replace(/^\n/, '').trimEnd();
}

function scanText(): string {
  return formatStylish(runScan({ root: dir, code: codeReader(dir) }), { width: 100 }).trimEnd();
}

it('the README shows the compose-requirepass finding exactly as ESLint and redis-auth scan print it', async () => {
  const blocks = { eslint: await eslintText(), scan: scanText() };
  if (process.env.README_PRINT) console.log(`${blocks.eslint}\n\n-----\n\n${blocks.scan}`);
  expect(blocks.eslint).toContain('redis-auth/deployed-connections');
  expect(blocks.scan).toContain('app-password-missing');
  expect(readme).toContain(`\`\`\`text\n${blocks.eslint}\n\`\`\``);
  expect(readme).toContain(`\`\`\`text\n${blocks.scan}\n\`\`\``);
  expect(readme).toContain(join('fixtures', 'link', 'compose-requirepass'));
});
