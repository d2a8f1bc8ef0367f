import { createRule } from './create-rule';
import { connectionListeners } from './support/connections';
import { connectionAllowed } from './support/hosts';
import { optionsSchema } from './options';
import { resolveSettings, type SharedOptions } from './settings';
import { inRelaxedTier } from './support/tier';

export type Options = [SharedOptions];
export type MessageIds = 'missingAuth' | 'fallbackWithoutAuth';

export default createRule<Options, MessageIds>({
  name: 'require-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a password on every Redis connection the code opens',
      recommended: true,
      category: 'missing-auth',
    },
    // JavaScript and TypeScript only (ESLint 10 refuses the rule on another language).
    schema: optionsSchema(),
    defaultOptions: [{}],
    messages: {
      missingAuth: '`{{client}}` connects to {{target}} without a password.',
      fallbackWithoutAuth: '`{{client}}` falls back to a Redis URL without a password when the variable is not set.',
    },
    languages: ['js/js'],
  },
  create(context, [options]) {
    const settings = resolveSettings(context.settings, options);
    const allow = options.allowHosts ?? [];
    // Tests and examples connect to throwaway servers; production code is always checked, loopback
    // and library defaults included (a deployed `new Redis()` reaches whatever listens there).
    if (inRelaxedTier(context, settings.tiers)) return {};
    return connectionListeners(context, settings, (analysis) => {
      for (const c of analysis.connections) {
        if (c.profile.http || (c.auth !== 'absent' && c.auth !== 'fallback') || connectionAllowed(c, allow)) continue;
        const messageId = c.auth === 'fallback' ? 'fallbackWithoutAuth' : 'missingAuth';
        context.report({ loc: c.loc, messageId, data: { client: c.label, target: c.target } });
      }
    });
  },
});
