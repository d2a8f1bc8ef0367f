/**
 * Editor warnings in config files: the parser, the rule and the flat config that wires them,
 * exported by the plugin as `configs.configFiles`.
 */
import type { ESLint, Linter } from 'eslint';
import * as parser from './parser';
import { configFilesRule, RULE_NAME } from './rule';
import { CACHE_KEY_SETTING, dependencyCacheKey } from './cache-key';

export { parser as configFileParser, configFilesRule, RULE_NAME as CONFIG_FILES_RULE_NAME };

/**
 * Files the scanners read (each scanner's `fileNames`, written out here so that loading the plugin
 * does not load the scanners; a test keeps the two equal). The scanner then decides by content,
 * so an unrelated YAML costs one cheap check.
 */
export const CONFIG_FILE_GLOBS: readonly string[] = [
  '**/*.yml',
  '**/*.yaml',
  '**/*.conf',
  '**/*.acl',
  '**/*.tf',
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/default.json',
  '**/custom-environment-variables.json',
  '**/local*.json',
  '**/config.json',
  '**/config.*.json',
  '**/development.json',
  '**/production.json',
  '**/staging.json',
  '**/test.json',
  '**/dev.json',
  '**/prod.json',
  '**/qa.json',
  '**/uat.json',
  '**/preprod.json',
];

/** Generated or vendored YAML nobody edits by hand. */
export const CONFIG_FILE_IGNORES: readonly string[] = [
  '**/pnpm-lock.yaml',
  '**/.yarn/**',
  '**/node_modules/**',
];

/**
 * `configs.configFiles`: an array (like `recommended` and `strict`) of one flat-config object.
 * It names the plugin (given by the entry point, which owns the plugin object) so that it works
 * on its own in a config array.
 */
export function configFilesConfig(plugin: ESLint.Plugin): Linter.Config[] {
  return [{
    name: 'redis-auth/config-files',
    files: [...CONFIG_FILE_GLOBS],
    ignores: [...CONFIG_FILE_IGNORES],
    plugins: { 'redis-auth': plugin },
    languageOptions: { parser },
    // Read by ESLint when it merges the config for a config file: see cache-key.ts.
    settings: {
      get [CACHE_KEY_SETTING]() {
        return dependencyCacheKey();
      },
    },
    rules: { [`redis-auth/${RULE_NAME}`]: 'warn' },
  }];
}
