/**
 * Package entry: the ESLint plugin object `{ meta, rules, configs }`. `export =` keeps
 * `require('eslint-plugin-redis-auth')` and `import plugin from 'eslint-plugin-redis-auth'` equal.
 * More rules (e.g. for config files) join `rules` and `configs` here.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules';
import { configFilesConfig, configFilesRule } from '../rules/config-files';
import { buildConfigs } from '../rules/configs';
import deployedConnections, { RULE_NAME as DEPLOYED_CONNECTIONS } from '../rules/deployed-connections';

const plugin = {
  meta: { name: 'eslint-plugin-redis-auth', version: '0.1.0' },
  rules: { ...rules, 'config-files': configFilesRule, [DEPLOYED_CONNECTIONS]: deployedConnections } as Record<string, TSESLint.LooseRuleDefinition> &
    typeof rules & { 'config-files': typeof configFilesRule; 'deployed-connections': typeof deployedConnections },
  configs: {} as Record<string, TSESLint.FlatConfig.Config | TSESLint.FlatConfig.Config[]> &
    ReturnType<typeof buildConfigs> & { configFiles: TSESLint.FlatConfig.Config[] },
};

Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin), {
  // Editor warnings in compose, Helm, Kubernetes, redis.conf and .env files (rules/config-files).
  configFiles: configFilesConfig(plugin as unknown as TSESLint.FlatConfig.Plugin),
});

export = plugin;
