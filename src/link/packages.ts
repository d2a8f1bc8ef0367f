/**
 * The packages of a repository (every folder with a package.json) and the image names each one
 * ships as: configured in redis-auth.config.json (`applications`), else guessed from the
 * package.json name (`@acme/api` -> `acme/api`, `api`) and the folder name.
 */

export interface AppPackage {
  /** Root-relative folder, '' for the root. */
  dir: string;
  name?: string;
  /** Image repositories this package is published as (`ghcr.io/acme/api`, `acme/api`). */
  images: string[];
  /** True when the images come from the config file: then only those count. */
  configured: boolean;
}

export interface ApplicationConfig {
  images?: string[];
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function nameOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { name?: unknown };
    return typeof parsed?.name === 'string' && parsed.name.trim() ? parsed.name.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Packages from their package.json files; a configured application without one is a package too. */
export function readPackages(
  manifests: ReadonlyArray<{ path: string; text: string }>,
  applications: Readonly<Record<string, ApplicationConfig>> = {},
): AppPackage[] {
  const byDir = new Map<string, AppPackage>();
  for (const m of manifests) {
    const dir = dirOf(m.path);
    const name = nameOf(m.text);
    const guessed = new Set<string>();
    if (name) {
      guessed.add(name.replace(/^@/, ''));
      guessed.add(name.replace(/^@[^/]+\//, ''));
    }
    if (dir) guessed.add(dir.slice(dir.lastIndexOf('/') + 1));
    byDir.set(dir, { dir, name, images: [...guessed].map((g) => g.toLowerCase()), configured: false });
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

/** `ghcr.io/acme/api:1.2@sha256:…` -> `ghcr.io/acme/api` (lower case). */
export function repositoryOf(image: string): string {
  let s = image.trim().toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  return s;
}

/** Does `image` run this package? Configured names match by path suffix; guesses by last segments. */
export function imageMatches(image: string, pkg: AppPackage): boolean {
  if (!pkg.images.length) return false;
  const repo = templatedOrRepository(image);
  if (repo === undefined) return false;
  return pkg.images.some((name) => repo === name || repo.endsWith(`/${name}`));
}

/** Is `dir` (root-relative, '' = root) the folder `ancestor` or below it? */
export function isWithin(dir: string, ancestor: string): boolean {
  return ancestor === '' || ancestor === '.' || dir === ancestor || dir.startsWith(`${ancestor}/`);
}
