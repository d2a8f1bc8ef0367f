/**
 * The one home of the project's public addresses: the repository, its docs and each rule's page
 * (docs/rules/<id>.md). ESLint's meta.docs.url, SARIF helpUri/informationUri, `redis-auth rules`,
 * the drift page's links and (checked by a test) package.json, README, docs and the pre-commit
 * recipe all use these.
 */
export const REPOSITORY_URL = 'https://github.com/redis-auth/eslint-plugin-redis-auth';

/** Where docs/ is browsable, for absolute links (SARIF help shown in a code-scanning alert). */
export const DOCS_ROOT = `${REPOSITORY_URL}/blob/main/docs/`;

export const DOCS_BASE = `${DOCS_ROOT}rules/`;

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/**
 * Markdown from docs/rules/ with every relative link made absolute, so that it still works where
 * it is shown out of the repository (GitHub code scanning renders SARIF help.markdown in an alert).
 */
export function absoluteDocLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/(\]\()([^)\s]+)(\))/g, (whole, open: string, target: string, close: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    return `${open}${new URL(target, pageUrl).href}${close}`;
  });
}
