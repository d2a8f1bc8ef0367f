/** RuleTester from @typescript-eslint wired to vitest, one for TS and one for plain JS. */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** TypeScript syntax through @typescript-eslint/parser (the default), ES modules. */
export const tsTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
});

/** CommonJS JavaScript: `require`, no imports. */
export const cjsTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'script' } },
});
