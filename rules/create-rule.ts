import { ESLintUtils } from '@typescript-eslint/utils';
import { ruleDocsUrl } from '../src/core/docs-url';

export interface RedisAuthDocs {
  /** Whether `configs.recommended` turns the rule on. */
  recommended: boolean;
  /** The finding category shared with the config scanner (src/finding.ts). */
  category: 'missing-auth' | 'hardcoded-secret' | 'weak-password' | 'transport';
}

export const createRule = ESLintUtils.RuleCreator<RedisAuthDocs>((name) => ruleDocsUrl(name));
