/** Every rule and scanner check has a page under docs/rules/<id>.md; this builds its URL. */
export const DOCS_BASE = 'https://github.com/redis-auth/eslint-plugin-redis-auth/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
