/**
 * The scanner's configuration: `redis-auth.config.json` at the scan root, the `redis-auth` key of
 * the root package.json, or a file named with --config. Validated against the JSON Schema shipped
 * in schema/; any problem is one line naming the file.
 */
import type { ValidateFunction } from 'ajv';
import { resolve } from 'node:path';
import type { Severity } from '../core/finding';
import type { Environment } from '../core/environment';
import type { Tier } from '../core/tiers';
import schema from '../../schema/redis-auth.schema.json';
import { readNamedFile, readSourceFile } from './kit/context';

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
  /** The user's tier patterns (.gitignore syntax) per context tier (src/core/tiers.ts). */
  tiers?: Partial<Record<Tier, string[]>>;
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

let validator: ValidateFunction | undefined;
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
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const detail =
    error.keyword === 'additionalProperties'
      ? `has unknown property '${params.additionalProperty ?? ''}'`
      : error.keyword === 'enum'
        ? `must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`
        : (error.message ?? 'is not valid');
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
    ...(v.tiers ? { tiers: { ...v.tiers } } : {}),
    source,
  };
}

/**
 * JSON.parse's own message quotes the text it choked on; a config that is really something else
 * (a symlink to a secret, an environment dump) must not be echoed. Only the position is kept.
 */
export function jsonProblem(error: unknown, text: string): string {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) return 'invalid JSON';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return `invalid JSON at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown}: ${jsonProblem(error, text)}`);
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
    const read = readNamedFile(root, abs, shown);
    if (read.diagnostic) throw new ConfigError(`${shown}: ${read.diagnostic.message}`);
    if (!read.file) throw new ConfigError(`${shown}: config file not found`);
    return resolveConfig(parseJson(read.file.text, shown), shown);
  }
  const own = readSourceFile(root, CONFIG_FILE_NAME);
  if (own.diagnostic) throw new ConfigError(`${CONFIG_FILE_NAME}: ${own.diagnostic.message}`);
  if (own.file) return resolveConfig(parseJson(own.file.text, CONFIG_FILE_NAME), CONFIG_FILE_NAME);
  // A package.json we cannot read or parse is not ours to report.
  const pkg = readSourceFile(root, 'package.json').file;
  if (pkg) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(pkg.text);
    } catch {
      return defaultConfig();
    }
    const section = (parsed as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
    if (section !== undefined) return resolveConfig(section, `package.json#${PACKAGE_JSON_KEY}`);
  }
  return defaultConfig();
}
