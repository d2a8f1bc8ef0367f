/**
 * `deployed-connections`: what each environment that runs this code really gives its Redis
 * connection. `new Redis(process.env.REDIS_URL)` is quiet under require-auth (provided from
 * outside); this rule follows REDIS_URL into the compose services, Kubernetes workloads, Helm
 * values and env files that run the file's package and reports, at the connection, an environment
 * that gives no password, a committed literal password, a variable set in some environments only
 * (or weaker in one). It reads the repository's config files once per run (cached by file stamps),
 * never the network. `settings['redis-auth'].deployments: false` turns it off.
 */
import { relative, resolve, sep } from 'node:path';
import { createRule } from './create-rule';
import { connectionListeners } from './support/connections';
import { codeConnections } from './support/code-connections';
import { resolveSettings } from './settings';
import { inRelaxedTier } from './support/tier';

type Link = typeof import('./support/deployment-side');

// The engine (scanners, YAML...) loads on the first connection that reads a variable, so a lint
// of files without one never pays for it.
let loaded: Link | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lazyLink = (): Link => (loaded ??= require('./support/deployment-side') as Link);

export const RULE_NAME = 'deployed-connections';

type MessageIds = 'passwordMissing' | 'noAuth' | 'hardcodedSecret' | 'drift' | 'unset';
export type Options = [{ reportUnset?: boolean }];

const MESSAGE_OF_CHECK: Record<string, MessageIds> = {
  'app-password-missing': 'passwordMissing',
  'app-no-auth': 'noAuth',
  'app-hardcoded-secret': 'hardcodedSecret',
  'app-env-drift': 'drift',
  'app-env-unset': 'unset',
};

/** `settings['redis-auth'].deployments`: `false` turns the rule off; `{ root }` names the repository root. */
function deploymentSettings(settings: Record<string, unknown> | undefined): { off: boolean; root?: string } {
  const own = settings?.['redis-auth'];
  const value = own && typeof own === 'object' ? (own as Record<string, unknown>).deployments : undefined;
  if (value === false) return { off: true };
  if (value && typeof value === 'object' && typeof (value as { root?: unknown }).root === 'string') {
    return { off: false, root: (value as { root: string }).root };
  }
  return { off: false };
}

/**
 * The rule over a loader of the link (tests pass the module itself: a test runner that compiles
 * TypeScript on import cannot follow the lazy `require`).
 */
export function createDeployedConnectionsRule(load: () => Link = lazyLink) {
  return createRule<Options, MessageIds>({
    name: RULE_NAME,
    meta: {
      defaultOptions: [{}],
      type: 'problem',
      docs: {
        description: 'Check what each environment that runs this code gives its Redis connections',
        recommended: true,
        category: 'missing-auth',
      },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            reportUnset: { type: 'boolean', description: 'Also report connections whose variables no deployment the scan sees sets.' },
          },
        },
      ],
      messages: {
        passwordMissing: '{{message}}',
        noAuth: '{{message}}',
        hardcodedSecret: '{{message}}',
        drift: '{{message}}',
        unset: '{{message}}',
      },
    },
    create(context, [options]) {
      const own = deploymentSettings(context.settings);
      if (own.off) return {};
      const settings = resolveSettings(context.settings, {});
      // Tests and examples connect to test containers, not to what the deployments give the app.
      if (inRelaxedTier(context, settings.tiers)) return {};
      return connectionListeners(context, settings, (analysis) => {
        const link = load();
        const root = own.root ? resolve(context.cwd, own.root) : link.repositoryRoot(context.cwd);
        const file = relative(root, context.filename).split(sep).join('/');
        if (file.startsWith('..')) return;
        // A fact without inputs only keeps the scan cache's dependencies: nothing to link here.
        const code = codeConnections(context.sourceCode, analysis, file, link.moduleGraph(root), context.filename).filter((c) => c.inputs.length);
        if (!code.length) return;
        const side = link.deploymentSide(root);
        for (const linked of link.linkConnections(code, side)) {
          for (const j of link.judge(linked, side.servers)) {
            if (j.check.id === 'app-env-unset' && !options.reportUnset) continue;
            // Only a dev or test stack gives it this value: the scan lists it as a note, the editor stays quiet.
            if (j.tierHint) continue;
            const c = linked.code;
            context.report({
              loc: { start: { line: c.line, column: c.column - 1 }, end: { line: c.endLine ?? c.line, column: (c.endColumn ?? c.column) - 1 } },
              messageId: MESSAGE_OF_CHECK[j.check.id] ?? 'noAuth',
              data: { message: j.message },
            });
          }
        }
      });
    },
  });
}

export default createDeployedConnectionsRule();
