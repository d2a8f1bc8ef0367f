/**
 * Environment naming: which deployment environment a file configures, from its path alone.
 * `values-prod.yaml`, `environments/prod/values.yaml`, `overlays/staging/`, `.env.production`,
 * `docker-compose.prod.yml`, `compose.override.yaml` (dev by Compose convention).
 */

export const ENVIRONMENTS = ['dev', 'test', 'staging', 'prod'] as const;
export type KnownEnvironment = (typeof ENVIRONMENTS)[number];
/** A known environment, or a name a user mapped in the config file. */
export type Environment = string;

/** How much protection an environment is expected to have; production is the reference. */
export const ENVIRONMENT_RANK: Record<KnownEnvironment, number> = { dev: 1, test: 2, staging: 3, prod: 4 };

export const DEFAULT_ALIASES: Record<string, KnownEnvironment> = {
  dev: 'dev',
  devel: 'dev',
  develop: 'dev',
  development: 'dev',
  local: 'dev',
  sandbox: 'dev',
  test: 'test',
  testing: 'test',
  tests: 'test',
  qa: 'test',
  ci: 'test',
  e2e: 'test',
  integration: 'test',
  stage: 'staging',
  staging: 'staging',
  stg: 'staging',
  preprod: 'staging',
  'pre-prod': 'staging',
  preproduction: 'staging',
  uat: 'staging',
  prod: 'prod',
  prd: 'prod',
  production: 'prod',
  live: 'prod',
};

export interface EnvironmentOptions {
  /** Extra or overriding names, e.g. `{ "eu-west": "prod", "acc": "staging" }`. */
  aliases?: Record<string, Environment>;
}

/** Tokens of a path: folder names and the dot/dash/underscore separated parts of the file name. */
function tokens(path: string): string[] {
  const parts = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const out: string[] = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    out.push(part.toLowerCase());
    if (last) out.push(...part.toLowerCase().split(/[._-]+/).filter(Boolean));
  });
  return out;
}

/**
 * The environment a file belongs to, or undefined for a base/shared file (`values.yaml`,
 * `docker-compose.yml`, `.env`). The file name wins over folders; the innermost folder wins over
 * outer ones.
 */
export function environmentOf(path: string, options: EnvironmentOptions = {}): Environment | undefined {
  const aliases: Record<string, Environment> = { ...DEFAULT_ALIASES, ...lowerKeys(options.aliases) };
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.split('/').pop() ?? '';
  if (/^(docker-)?compose\.override\.ya?ml$/i.test(base)) return aliases.dev ?? 'dev';
  const parts = normalized.split('/').filter(Boolean);
  const fileTokens = base.toLowerCase().split(/[._-]+/).filter(Boolean);
  // Multi-word aliases such as `pre-prod` are matched on the raw file name as well.
  for (const key of Object.keys(aliases)) {
    if (key.includes('-') && base.toLowerCase().includes(key)) return aliases[key];
  }
  for (const t of fileTokens) if (aliases[t]) return aliases[t];
  for (let i = parts.length - 2; i >= 0; i--) {
    const folder = parts[i].toLowerCase();
    if (aliases[folder]) return aliases[folder];
    for (const t of folder.split(/[._-]+/)) if (aliases[t]) return aliases[t];
  }
  return undefined;
}

export function environmentRank(env: Environment | undefined): number {
  if (!env) return 0;
  return (ENVIRONMENT_RANK as Record<string, number>)[env] ?? 0;
}

export function isProduction(env: Environment | undefined): boolean {
  return env === 'prod';
}

function lowerKeys(map: Record<string, Environment> | undefined): Record<string, Environment> {
  const out: Record<string, Environment> = {};
  for (const [k, v] of Object.entries(map ?? {})) out[k.toLowerCase()] = v;
  return out;
}

export { tokens as pathTokens };
