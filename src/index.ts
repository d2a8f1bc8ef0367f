/**
 * Package entry: the ESLint plugin object `{ meta, rules, configs }`, typed with ESLint's own
 * `ESLint.Plugin` and `Linter.Config` (from the user's eslint, a peer dependency), so it fits
 * `defineConfig`, typescript-eslint's `config()` and plain config arrays in an `eslint.config.ts`.
 * `export =` keeps `require('eslint-plugin-redis-auth')` and `import plugin from
 * 'eslint-plugin-redis-auth'` equal.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { rules } from '../rules';
import { configFilesConfig, configFilesRule } from '../rules/config-files';
import { buildConfigs, buildTierOverrides } from '../rules/configs';
import type { TierPatterns } from '../rules/settings';
import deployedConnections, { RULE_NAME as DEPLOYED_CONNECTIONS } from '../rules/deployed-connections';

type RuleName = keyof typeof rules | 'config-files' | typeof DEPLOYED_CONNECTIONS;

interface RedisAuthPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: 'redis-auth' };
  rules: Record<RuleName, Rule.RuleModule>;
  configs: {
    /** JS/TS rules that find Redis without a password or with a committed or weak one; relaxed for test files. */
    recommended: Linter.Config[];
    /** `recommended` plus `require-tls`. */
    strict: Linter.Config[];
    /** Warnings in compose, Helm, Kubernetes, redis.conf and .env files, in the editor. */
    configFiles: Linter.Config[];
  };
  /**
   * Tier overrides (`.gitignore` patterns relative to ESLint's working directory): the settings
   * the rules read and the severities they imply. Spread after `configs.recommended`/`strict`.
   */
  tiers(patterns: TierPatterns): Linter.Config[];
}

const plugin: RedisAuthPlugin = {
  meta: { name: 'eslint-plugin-redis-auth', version: '0.1.0', namespace: 'redis-auth' },
  // typescript-eslint's rule type is ESLint's with stricter generics; the objects are the same.
  rules: { ...rules, 'config-files': configFilesRule, [DEPLOYED_CONNECTIONS]: deployedConnections } as unknown as Record<RuleName, Rule.RuleModule>,
  configs: { recommended: [], strict: [], configFiles: [] },
  tiers: (patterns) => buildTierOverrides(plugin, patterns),
};

Object.assign(plugin.configs, buildConfigs(plugin), {
  // Editor warnings in compose, Helm, Kubernetes, redis.conf and .env files (rules/config-files).
  configFiles: configFilesConfig(plugin),
});

export = plugin;
