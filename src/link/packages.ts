/**
 * The packages of a repository (every folder with a package.json) and the image names each one
 * ships as: configured in redis-auth.config.json (`applications`), else guessed from the
 * package.json name (`@acme/api` -> `acme/api`, `api`) and the folder name.
 */
import { isRelaxedTier, tierOf } from '../core/tiers';

export interface AppPackage {
  /** Root-relative folder, '' for the root. */
  dir: string;
  name?: string;
  /** Image repositories this package is published as (`ghcr.io/acme/api`, `acme/api`). */
  images: string[];
  /** True when the images come from the config file: then only those count. */
  configured: boolean;
  /** Names of the packages it depends on (`dependencies`): a workspace library runs inside these. */
  uses?: string[];
  /** Dockerfiles that say they build this package (src/link/dockerfile-builds.ts), root-relative. */
  builtBy?: string[];
}

export interface ApplicationConfig {
  images?: string[];
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function manifestOf(text: string): { name?: string; uses: string[] } {
  try {
    const parsed = JSON.parse(text) as { name?: unknown; dependencies?: unknown };
    const name = typeof parsed?.name === 'string' && parsed.name.trim() ? parsed.name.trim() : undefined;
    const deps = parsed?.dependencies && typeof parsed.dependencies === 'object' ? Object.keys(parsed.dependencies) : [];
    return { name, uses: deps };
  } catch {
    return { uses: [] };
  }
}

/** The project's names, from the root package: `langfuse`, or the scope of `@documenso/root`. */
export function projectNames(rootName: string | undefined): string[] {
  if (!rootName) return [];
  const scope = /^@([^/]+)\//.exec(rootName)?.[1];
  return [scope ?? rootName].filter((n) => /^[a-z0-9][a-z0-9._-]*$/i.test(n)).map((n) => n.toLowerCase());
}

/** Packages from their package.json files; a configured application without one is a package too. */
export function readPackages(
  manifests: ReadonlyArray<{ path: string; text: string }>,
  applications: Readonly<Record<string, ApplicationConfig>> = {},
): AppPackage[] {
  const byDir = new Map<string, AppPackage>();
  const read = manifests.map((m) => ({ dir: dirOf(m.path), ...manifestOf(m.text) }));
  const project = projectNames(read.find((m) => m.dir === '')?.name);
  for (const { dir, name, uses } of read) {
    const guessed = new Set<string>();
    if (name) {
      const bare = name.replace(/^@[^/]+\//, '');
      guessed.add(name.replace(/^@/, ''));
      guessed.add(bare);
      // Images often carry the project's name in front: `@openpanel/api` -> `openpanel-api`,
      // the `langfuse` monorepo's `worker` -> `langfuse-worker`.
      const scope = /^@([^/]+)\//.exec(name)?.[1];
      if (dir) for (const prefix of new Set([...project, ...(scope ? [scope] : [])])) if (prefix !== bare) guessed.add(`${prefix}-${bare}`);
    }
    if (dir) guessed.add(dir.slice(dir.lastIndexOf('/') + 1));
    byDir.set(dir, { dir, name, images: [...guessed].map((g) => g.toLowerCase()), configured: false, ...(uses.length ? { uses } : {}) });
  }
  for (const [raw, app] of Object.entries(applications)) {
    const dir = raw.replace(/^\.\/?/, '').replace(/\/+$/, '');
    const pkg = byDir.get(dir) ?? { dir, images: [], configured: true };
    if (app.images?.length) {
      pkg.images = app.images.map((i) => repositoryOf(i));
      pkg.configured = true;
    }
    byDir.set(dir, pkg);
  }
  return [...byDir.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The package whose code `file` is: the nearest folder above it with a package.json (or the root). */
export function packageOf(file: string, packages: readonly AppPackage[]): AppPackage {
  let best: AppPackage | undefined;
  for (const p of packages) {
    if (p.dir !== '' && !file.startsWith(`${p.dir}/`)) continue;
    if (!best || p.dir.length > best.dir.length) best = p;
  }
  return best ?? { dir: '', images: [], configured: false };
}

/** The packages a Dockerfile builds, when it says (src/link/dockerfile-builds.ts); [] when it does not. */
export function builtByDockerfile(dockerfile: string, packages: readonly AppPackage[]): AppPackage[] {
  return packages.filter((p) => p.builtBy?.includes(dockerfile));
}

/** Every connection asks about every unit's image: each image is parsed once. */
const repositories = new Map<string, string | undefined>();

function templatedOrRepository(image: string): string | undefined {
  let repo = repositories.get(image);
  if (repo === undefined && !repositories.has(image)) {
    repo = /\$\{|\{\{/.test(image) ? undefined : repositoryOf(image);
    if (repositories.size > 10_000) repositories.clear();
    repositories.set(image, repo);
  }
  return repo;
}

/**
 * The packages whose deployments run `pkg`'s code as a workspace dependency: those that depend on
 * it, directly or through other workspace packages (test and example packages excepted).
 */
export function dependentsOf(pkg: AppPackage, packages: readonly AppPackage[]): AppPackage[] {
  if (!pkg.name) return [];
  const out: AppPackage[] = [];
  const seen = new Set<string>([pkg.name]);
  let wanted = [pkg.name];
  while (wanted.length) {
    const next: string[] = [];
    for (const p of packages) {
      if (!p.uses || out.includes(p) || p === pkg || isRelaxedTier(tierOf(`${p.dir}/package.json`))) continue;
      if (!p.uses.some((u) => wanted.includes(u))) continue;
      out.push(p);
      if (p.name && !seen.has(p.name)) {
        seen.add(p.name);
        next.push(p.name);
      }
    }
    wanted = next;
  }
  return out;
}

/** `ghcr.io/acme/api:1.2@sha256:…` -> `ghcr.io/acme/api` (lower case). */
export function repositoryOf(image: string): string {
  let s = image.trim().toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  return s;
}

/**
 * The names an image answers to: its repository and every tail of it after a `/`
 * (`ghcr.io/acme/api` -> that, `acme/api`, `api`); none for a templated image (`${IMAGE}`).
 */
export function imageNames(image: string): string[] {
  const repo = templatedOrRepository(image);
  if (repo === undefined) return [];
  const out = [repo];
  for (let at = repo.indexOf('/'); at >= 0; at = repo.indexOf('/', at + 1)) out.push(repo.slice(at + 1));
  return out;
}

/** Does `image` run this package? Configured names match by path suffix; guesses by last segments. */
export function imageMatches(image: string, pkg: AppPackage): boolean {
  return pkg.images.length > 0 && imageNames(image).some((name) => pkg.images.includes(name));
}

/** Is `dir` (root-relative, '' = root) the folder `ancestor` or below it? */
export function isWithin(dir: string, ancestor: string): boolean {
  return ancestor === '' || ancestor === '.' || dir === ancestor || dir.startsWith(`${ancestor}/`);
}
