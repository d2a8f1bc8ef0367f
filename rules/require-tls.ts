import { createRule } from './create-rule';
import { connectionListeners } from './support/connections';
import { hostMatches, remoteHosts } from './support/hosts';
import { optionsSchema } from './options';
import { resolveSettings, type SharedOptions } from './settings';
import { inRelaxedTier } from './support/tier';

export type Options = [SharedOptions];
export type MessageIds = 'plaintext';

export default createRule<Options, MessageIds>({
  name: 'require-tls',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require TLS on Redis connections to hosts other than this machine',
      recommended: false,
      category: 'transport',
    },
    // JavaScript and TypeScript only (ESLint 10 refuses the rule on another language).
    schema: optionsSchema(),
    defaultOptions: [{}],
    messages: {
      plaintext: 'Redis connection to `{{host}}` is not encrypted.',
    },
    languages: ['js/js'],
  },
  create(context, [options]) {
    const settings = resolveSettings(context.settings, options);
    // Throwaway passwords and plaintext connections are normal in tests and examples.
    if (inRelaxedTier(context, settings.tiers)) return {};
    const allow = options.allowHosts ?? [];
    return connectionListeners(context, settings, (analysis) => {
      for (const c of analysis.connections) {
        if (c.profile.http || c.tls !== 'no') continue;
        const remote = remoteHosts(c)?.filter((h) => !allow.some((p) => hostMatches(h, p)));
        if (!remote?.length) continue;
        context.report({ loc: c.loc, messageId: 'plaintext', data: { host: remote[0] } });
      }
    });
  },
});
