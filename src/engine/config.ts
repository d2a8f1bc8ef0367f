/**
 * The scanner's configuration: `redis-auth.config.json` at the scan root, the `redis-auth` key of
 * the root package.json, or a file named with --config. Validated against the JSON Schema shipped
 * in schema/; any problem is one line naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Severity } from '../core/finding';
import type { Environment } from '../core/environment';
import schema from '../../schema/redis-auth.schema.json';

export const CONFIG_FILE_NAME = 'redis-auth.config.json';
export const PACKAGE_JSON_KEY = 'redis-auth';

export type RuleSetting = Severity | 'off';

export interface ResolvedConfig {
  /** Severity overrides and `off`, by check id. */
  rules: Record<string, RuleSetting>;
  /** Gitignore-style patterns relative to the scan root. */
  ignore: string[];
  extraImages: string[];
  /** Extra environment names (lower-cased) -> environment. */
  environments: Record<string, Environment>;
  /** Application packages by folder: the image names Kubernetes/Helm units run them as. */
  applications: Record<string, { images?: string[] }>;
  /** Follow code connections into deployments (default true). */
  link: boolean;
  /** Where the config came from, for messages (`redis-auth.config.json`, `package.json`), if anywhere. */
  source?: string;
}

/** A config that cannot be used; its message is one line and names the file. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function defaultConfig(): ResolvedConfig {
  return { rules: {}, ignore: [], extraImages: [], environments: {}, applications: {}, link: true };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let validator: any;
function validate(value: unknown): string | undefined {
  if (!validator) {
    // Loaded only when there is a config to check: most scans have none, and startup matters in hooks.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    validator = new Ajv({ allErrors: false, strict: false }).compile(schema);
  }
  if (validator(value)) return undefined;
  const error = validator.errors?.[0];
  if (!error) return 'is not a valid configuration';
  const where = error.instancePath ? error.instancePath.replace(/^\//, '').replace(/\//g, '.') : 'config';
  const detail =
    error.keyword === 'additionalProperties'
      ? `has unknown property '${error.params.additionalProperty}'`
      : error.keyword === 'enum'
        ? `must be one of ${error.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`
        : error.message;
  return `${where} ${detail}`;
}

/** Checks a parsed config object; `source` names it in the error. */
export function resolveConfig(value: unknown, source: string): ResolvedConfig {
  const problem = validate(value);
  if (problem) throw new ConfigError(`${source}: invalid configuration: ${problem}`);
  const v = value as Partial<ResolvedConfig>;
  const environments: Record<string, Environment> = {};
  for (const [name, env] of Object.entries(v.environments ?? {})) environments[name.toLowerCase()] = env;
  return {
    rules: { ...(v.rules ?? {}) },
    ignore: [...(v.ignore ?? [])],
    extraImages: [...(v.extraImages ?? [])],
    environments,
    applications: { ...(v.applications ?? {}) },
    link: v.link ?? true,
    source,
  };
}

function readJson(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${shown}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown}: invalid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

export interface LoadConfigOptions {
  /** Absolute scan root: where redis-auth.config.json and package.json are looked for. */
  root: string;
  /** An explicit config file (--config), absolute or relative to `cwd`. */
  file?: string;
  cwd?: string;
}

/** Finds and validates the configuration; no file at all is the default config. Throws ConfigError. */
export function loadConfig(options: LoadConfigOptions): ResolvedConfig {
  const root = resolve(options.root);
  if (options.file) {
    const abs = resolve(options.cwd ?? root, options.file);
    // As the user typed it: a path rewritten relative to somewhere else is one they never wrote.
    const shown = options.file;
    if (!existsSync(abs)) throw new ConfigError(`${shown}: config file not found`);
    return resolveConfig(readJson(abs, shown), shown);
  }
  const own = join(root, CONFIG_FILE_NAME);
  if (existsSync(own)) return resolveConfig(readJson(own, CONFIG_FILE_NAME), CONFIG_FILE_NAME);
  const pkg = join(root, 'package.json');
  if (existsSync(pkg)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(pkg, 'utf8'));
    } catch {
      // A broken package.json is not ours to report.
      return defaultConfig();
    }
    const section = (parsed as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
    if (section !== undefined) return resolveConfig(section, `package.json#${PACKAGE_JSON_KEY}`);
  }
  return defaultConfig();
}
