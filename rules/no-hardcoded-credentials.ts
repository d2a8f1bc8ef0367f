import { classifySecret, looksLikeRealSecret, maskSecret } from '../src/core/secrets';
import { createRule } from './create-rule';
import { connectionListeners } from './support/connections';
import { connectionAllowed } from './support/hosts';
import { optionsSchema } from './options';
import { resolveSettings, type SharedOptions } from './settings';
import { inRelaxedTier } from './support/tier';

export type Options = [SharedOptions & { envVariable?: string }];
export type MessageIds = 'hardcoded' | 'useEnv';

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Redis passwords and tokens written into the source',
      recommended: true,
      category: 'hardcoded-secret',
    },
    // JavaScript and TypeScript only (ESLint 10 refuses the rule on another language).
    hasSuggestions: true,
    schema: optionsSchema({
      envVariable: {
        type: 'string',
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        description: 'Environment variable the suggestion reads the password from (default `REDIS_PASSWORD`).',
      },
    }),
    defaultOptions: [{}],
    messages: {
      hardcoded: 'Redis {{what}} `{{masked}}` is hardcoded.',
      useEnv: 'Read it from `process.env.{{name}}`.',
    },
    languages: ['js/js'],
  },
  create(context, [options]) {
    const settings = resolveSettings(context.settings, options);
    const allow = options.allowHosts ?? [];
    // In tests and examples only a real-looking secret is reported (the configs make it a warning).
    const relaxed = inRelaxedTier(context, settings.tiers);
    return connectionListeners(context, settings, (analysis) => {
      for (const cred of analysis.credentials) {
        // Empty, placeholder and weak values belong to no-weak-password: one report per literal.
        if (classifySecret(cred.text) !== 'literal') continue;
        if (relaxed && !looksLikeRealSecret(cred.text)) continue;
        if (allow.length && connectionAllowed(cred.connection, allow)) continue;
        const name = cred.what === 'password' && options.envVariable ? options.envVariable : cred.envVariable;
        const fix = cred.fix && name !== cred.envVariable
          ? { ...cred.fix, text: cred.fix.text.replace(`process.env.${cred.envVariable}`, `process.env.${name}`) }
          : cred.fix;
        context.report({
          loc: cred.loc,
          messageId: 'hardcoded',
          data: { what: cred.what, masked: maskSecret(cred.text) },
          suggest: fix
            ? [{ messageId: 'useEnv', data: { name }, fix: (fixer) => fixer.replaceTextRange(fix.range, fix.text) }]
            : [],
        });
      }
    });
  },
});
