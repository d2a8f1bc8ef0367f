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
  nonprod: 'staging',
  'non-prod': 'staging',
  nonproduction: 'staging',
  prod: 'prod',
  prd: 'prod',
  production: 'prod',
  live: 'prod',
};

export interface EnvironmentOptions {
  /** Extra or overriding names, e.g. `{ "eu-west": "prod", "acc": "staging" }`. */
  aliases?: Record<string, Environment>;
  /**
   * The scan root as seen in root-relative paths (`my-prod-stack` when `my-prod-stack/` is scanned
   * from its parent): its folders name the repository, never an environment.
   */
  scanRoot?: string;
}

/** A part of a path that names an environment: a whole folder, or a word of the file name. */
export interface EnvironmentPart {
  environment: Environment;
  /** 0-based index of the path segment. */
  segment: number;
  /** For the file name: the word that names it (`prod` in `values-prod.yaml`); undefined for a folder. */
  word?: string;
}

/**
 * Names that make a test environment in a file name (`docker-compose.ci.yml`, `.env.test`) but, as
 * a folder, hold test code and fixtures (`tests/`, `test/`, Helm chart-testing `ci/`, `e2e/`).
 */
const TEST_CODE_FOLDERS = new Set(['test', 'tests', 'testing', 'ci', 'e2e', 'integration']);

interface AliasTable {
  /** Without a prototype: a file called `constructor.yaml` names no environment. */
  names: Record<string, Environment>;
  /** The user's own names, lower case (they make even a test-code folder an environment). */
  own: Record<string, Environment>;
  /** Multi-word names (`pre-prod`, a mapped `eu-west`), each as a run of words. */
  multi: Array<[string, RegExp]>;
}

const DEFAULT_TABLE_KEY = {};
/** Built once per aliases object: every file of a scan asks with the same one. */
const tables = new WeakMap<object, AliasTable>();

function aliasTable(options: EnvironmentOptions): AliasTable {
  const key = options.aliases ?? DEFAULT_TABLE_KEY;
  let table = tables.get(key);
  if (!table) {
    const own = lowerKeys(options.aliases);
    const names = Object.assign(Object.create(null) as Record<string, Environment>, DEFAULT_ALIASES, own);
    const multi = Object.keys(names)
      .filter((k) => /[._-]/.test(k))
      .map((k): [string, RegExp] => [k, new RegExp(`(^|[._-])${escapeRegExp(k)}([._-]|$)`)]);
    table = { names, own, multi };
    tables.set(key, table);
  }
  return table;
}

function segmentsOf(path: string): string[] {
  const parts = (path.includes('\\') ? path.replace(/\\/g, '/') : path).split('/');
  // Asked for every file of a scan: filter only when there is something to drop.
  return parts.every((p) => p && p !== '.') ? parts : parts.filter((p) => p && p !== '.');
}

/** How many leading segments of `parts` are the scan root's own folders. */
function scanRootDepth(parts: readonly string[], scanRoot: string | undefined): number {
  if (!scanRoot) return 0;
  const root = segmentsOf(scanRoot);
  if (root.length === 0 || root.length >= parts.length) return 0;
  return root.every((r, i) => parts[i] === r) ? root.length : 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The word of a file name that names an environment: `prod` in `values-prod.yaml`. */
function fileNameWord(base: string, table: AliasTable): string | undefined {
  const lower = base.toLowerCase();
  if (/^(docker-)?compose\.override\.ya?ml$/.test(lower)) return 'override';
  // Multi-word names (`pre-prod`, a mapped `eu-west`) are matched as a run of words.
  const multi = table.multi.find(([, re]) => re.test(lower));
  if (multi) return multi[0];
  return lower.split(/[._-]+/).find((w) => w && table.names[w]);
}

/**
 * The parts of a path that name an environment, innermost first: the file's own name, then the
 * folders from the file outwards. Only a folder that IS an environment counts (`prod/`,
 * `overlays/staging/`, `environments/dev/`): a word inside a longer folder name (`prod-infra/`,
 * `my-staging-tools/`) names something else, and the scan root's folders name the repository.
 */
export function environmentParts(path: string, options: EnvironmentOptions = {}): EnvironmentPart[] {
  const table = aliasTable(options);
  const aliases = table.names;
  const parts = segmentsOf(path);
  if (parts.length === 0) return [];
  const out: EnvironmentPart[] = [];
  const last = parts.length - 1;
  const word = fileNameWord(parts[last], table);
  if (word) out.push({ environment: word === 'override' ? (aliases.dev ?? 'dev') : aliases[word], segment: last, word });
  const floor = scanRootDepth(parts, options.scanRoot);
  for (let i = last - 1; i >= floor; i--) {
    const folder = parts[i].toLowerCase();
    if (TEST_CODE_FOLDERS.has(folder) && !table.own[folder]) continue;
    if (aliases[folder]) out.push({ environment: aliases[folder], segment: i });
  }
  return out;
}

/**
 * The environment a file belongs to, or undefined for a base/shared file (`values.yaml`,
 * `docker-compose.yml`, `.env`). The file name wins over folders; the innermost folder wins over
 * outer ones.
 */
export function environmentOf(path: string, options: EnvironmentOptions = {}): Environment | undefined {
  return environmentParts(path, options)[0]?.environment;
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

