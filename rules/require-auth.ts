import { createRule } from './create-rule';
import { connectionListeners } from './connections';
import { connectionAllowed } from './hosts';
import { optionsSchema } from './options';
import { resolveSettings, type SharedOptions } from './settings';

export type Options = [SharedOptions];
export type MessageIds = 'missingAuth';

export default createRule<Options, MessageIds>({
  name: 'require-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a password on every Redis connection the code opens',
      recommended: true,
      category: 'missing-auth',
    },
    schema: optionsSchema(),
    messages: {
      missingAuth: '`{{client}}` connects to Redis without a password.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const settings = resolveSettings(context.settings, options);
    const allow = options.allowHosts ?? [];
    return connectionListeners(context, settings, (analysis) => {
      for (const c of analysis.connections) {
        if (c.profile.http || c.auth !== 'absent' || connectionAllowed(c, allow)) continue;
        context.report({ loc: c.loc, messageId: 'missingAuth', data: { client: c.label } });
      }
    });
  },
});
