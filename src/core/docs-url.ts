/**
 * The one home of the project's public addresses: the repository, its docs, each ESLint rule's
 * page (docs/rules/<name>.md) and each scanner, drift or code-to-deployment check's page
 * (docs/checks/<id>.md). ESLint's meta.docs.url, SARIF helpUri/informationUri, `redis-auth rules`,
 * the drift page's links and (checked by a test) package.json, README, docs and the pre-commit
 * recipe all use these.
 */
export const REPOSITORY_URL = 'https://github.com/redis-auth/eslint-plugin-redis-auth';

/** Where docs/ is browsable, for absolute links (SARIF help shown in a code-scanning alert). */
export const DOCS_ROOT = `${REPOSITORY_URL}/blob/main/docs/`;

/** The page of an ESLint rule (`require-auth`, `config-files`). */
export function ruleDocsUrl(name: string): string {
  return `${DOCS_ROOT}rules/${name}.md`;
}

/** The page of a scanner, drift or code-to-deployment check (`conf-no-auth`, `drift-shared-secret`). */
export function checkDocsUrl(id: string): string {
  return `${DOCS_ROOT}checks/${id}.md`;
}

/**
 * Markdown from docs/ with every relative link made absolute, so that it still works where it is
 * shown out of the repository (GitHub code scanning renders SARIF help.markdown in an alert).
 */
export function absoluteDocLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/(\]\()([^)\s]+)(\))/g, (whole, open: string, target: string, close: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    return `${open}${new URL(target, pageUrl).href}${close}`;
  });
}
