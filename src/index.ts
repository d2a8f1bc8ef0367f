/**
 * Package entry: the ESLint plugin object `{ meta, rules, configs }`. `export =` keeps
 * `require('eslint-plugin-redis-auth')` and `import plugin from 'eslint-plugin-redis-auth'` equal.
 * More rules (e.g. for config files) join `rules` and `configs` here.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules';
import { buildConfigs } from './configs';

const plugin = {
  meta: { name: 'eslint-plugin-redis-auth', version: '0.1.0' },
  rules: { ...rules } as Record<string, TSESLint.LooseRuleDefinition> & typeof rules,
  configs: {} as Record<string, TSESLint.FlatConfig.Config | TSESLint.FlatConfig.Config[]> &
    ReturnType<typeof buildConfigs>,
};

Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin));

export = plugin;
