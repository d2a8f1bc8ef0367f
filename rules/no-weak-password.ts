import { classifySecret, maskSecret, weaknessOf } from '../src/core/secrets';
import { createRule } from './create-rule';
import { connectionListeners } from './support/connections';
import { connectionAllowed } from './support/hosts';
import { optionsSchema } from './options';
import { resolveSettings, type SharedOptions } from './settings';
import { inRelaxedTier } from './support/tier';

export type Options = [SharedOptions];
export type MessageIds = 'weak';

export default createRule<Options, MessageIds>({
  name: 'no-weak-password',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow empty, placeholder and well-known Redis passwords',
      recommended: true,
      category: 'weak-password',
    },
    // JavaScript and TypeScript only (ESLint 10 refuses the rule on another language).
    schema: optionsSchema(),
    defaultOptions: [{}],
    messages: {
      weak: 'Redis {{what}} `{{masked}}` {{reason}}.',
    },
    languages: ['js/js'],
  },
  create(context, [options]) {
    const settings = resolveSettings(context.settings, options);
    // Throwaway passwords and plaintext connections are normal in tests and examples.
    if (inRelaxedTier(context, settings.tiers)) return {};
    const allow = options.allowHosts ?? [];
    return connectionListeners(context, settings, (analysis) => {
      for (const cred of analysis.credentials) {
        const kind = classifySecret(cred.text);
        if (kind !== 'empty' && kind !== 'placeholder' && kind !== 'weak') continue;
        if (allow.length && connectionAllowed(cred.connection, allow)) continue;
        const reason = weaknessOf(cred.text) ?? 'is a placeholder';
        context.report({
          loc: cred.loc,
          messageId: 'weak',
          data: { what: cred.what, masked: maskSecret(cred.text), reason },
        });
      }
    });
  },
});
