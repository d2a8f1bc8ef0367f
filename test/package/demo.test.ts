/**
 * `npm run demo` lints fixtures/demo/app with fixtures/demo/eslint.config.js, which loads the built
 * package from dist/ (npm test and npm run demo both build first).
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const { ESLint } = createRequire(__filename)('eslint') as typeof import('eslint');

describe('the demo ESLint setup', () => {
  it('reports the demo app code as warnings, one rule per problem', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'fixtures/demo/eslint.config.js') });
    const [result] = await eslint.lintFiles(['fixtures/demo/app/src/cache.js']);
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId}`)).toEqual([
      '5:18 1 redis-auth/require-tls',
      '5:84 1 redis-auth/no-hardcoded-credentials',
      '8:15 1 redis-auth/require-auth',
      '8:15 1 redis-auth/deployed-connections',
    ]);
    expect(result.messages.map((m) => m.message).join('\n')).not.toContain('Hb4nWq8Zr2Lm6Xt9');
  });
});
