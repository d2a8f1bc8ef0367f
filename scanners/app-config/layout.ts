/**
 * Which files are application config, and how they layer. The `config` package (node-config)
 * merges `config/default.*`, then `config/<NODE_ENV>.*`, then `local.*` / `local-<env>.*`;
 * `custom-environment-variables.*` maps variable NAMES onto keys. NestJS / 12-factor projects keep
 * one file per environment (`config/production.yaml`, `config.staging.json`) with the same idea.
 */

/** Base names the scanner is offered: YAML (like the other YAML kinds; `detect` picks by folder) and the JSON names of the layouts. */
export const APP_CONFIG_FILE_NAMES = [
  '*.yml',
  '*.yaml',
  'default.json',
  'custom-environment-variables.json',
  'local*.json',
  'config.json',
  'config.*.json',
  'development.json',
  'production.json',
  'staging.json',
  'test.json',
  'dev.json',
  'prod.json',
  'qa.json',
  'uat.json',
  'preprod.json',
];

const CONFIG_FOLDER = /(^|\/)config\/[^/]+$/i;
const TWELVE_FACTOR = /(^|\/)config(\.[\w-]+)?\.(json|ya?ml)$/i;

/** A file this scanner reads: under a `config/` folder, or `config[.<env>].json|yaml`. */
export function isAppConfigPath(path: string): boolean {
  return CONFIG_FOLDER.test(path) || TWELVE_FACTOR.test(path);
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `default.json`, `config.json`: the base every environment builds on. */
export function isBaseName(name: string): boolean {
  return /^(default|config)\.(json|ya?ml)$/i.test(name);
}

/** `custom-environment-variables.json`: values are variable names. */
export function isEnvMapName(name: string): boolean {
  return /^custom-environment-variables\.(json|ya?ml)$/i.test(name);
}
