/**
 * Which image is which package, from what the repository itself says beyond package.json:
 * - a Dockerfile's `LABEL org.opencontainers.image.title=…` / `org.opencontainers.image.source=…`
 *   (the package whose folder holds the Dockerfile ships that image);
 * - a CI workflow job that builds a Dockerfile or context (`file:` / `context:`) and names the
 *   image (`tags:`, docker/metadata-action's `images:`);
 * - a compose service that both `build:`s a package and names its `image:`.
 * Each hint is an image name and the root-relative path (Dockerfile or folder) it belongs to.
 */
import type { UnitFact } from '../core/facts';
import { dockerInstructions } from '../engine/kit/dockerfile-instructions';
import { buildTree, parseYaml, plainOf } from '../engine/kit/yaml-tree';
import { builtByDockerfile, dirOf, packageOf, projectNames, repositoryOf, type AppPackage } from './packages';
import { isDockerfileName } from './image-names';

export { isDockerfileName, isWorkflowPath } from './image-names';

export interface ImageHint {
  /** Root-relative Dockerfile or build context. */
  path: string;
  image: string;
}

const LABELS: Partial<Record<string, (value: string) => string | undefined>> = {
  'org.opencontainers.image.title': (v) => (/^[a-z0-9][a-z0-9._/-]*$/i.test(v) ? v : undefined),
  // `https://github.com/acme/api` -> `acme/api` (the image `ghcr.io/acme/api` ends with it).
  'org.opencontainers.image.source': (v) => /^https?:\/\/[^/]+\/([^/\s]+\/[^/\s#?]+?)(?:\.git)?\/?$/i.exec(v)?.[1],
};

export function dockerfileHints(path: string, text: string): ImageHint[] {
  const out: ImageHint[] = [];
  for (const ins of dockerInstructions(text)) {
    if (ins.keyword !== 'LABEL') continue;
    for (const pair of ins.args.matchAll(/([\w.-]+)=("(?:[^"\\]|\\.)*"|\S+)/g)) {
      const read = LABELS[pair[1].toLowerCase()];
      const value = pair[2].replace(/^"|"$/g, '').trim();
      const image = read && !value.includes('$') ? read(value) : undefined;
      if (image) out.push({ path, image: image.toLowerCase() });
    }
  }
  return out;
}

/**
 * The literal image a CI tag names, around `${{ … }}` expressions: a templated tag keeps its
 * repository (`acme/api:${{ github.sha }}` -> `acme/api`), a templated owner or registry keeps
 * the path after it (`ghcr.io/${{ env.OWNER }}/inbox-zero` -> `inbox-zero`); a wholly templated
 * name (`${{ steps.meta.outputs.tags }}`) names none.
 */
function literalImage(tag: string): string | undefined {
  let t = tag.trim();
  const slash = t.lastIndexOf('/');
  const colon = t.indexOf(':', slash + 1);
  if (colon > 0) t = t.slice(0, colon);
  const end = t.lastIndexOf('}}');
  if (end >= 0) t = t[end + 2] === '/' ? t.slice(end + 3) : '';
  return t && /^[a-z0-9][a-z0-9._/:@-]*$/i.test(t) ? t : undefined;
}

function images(text: unknown): string[] {
  if (typeof text !== 'string' && !Array.isArray(text)) return [];
  const list = Array.isArray(text) ? text.filter((t): t is string => typeof t === 'string') : text.split(/[\n,]+/);
  // `type=semver,…` lines of metadata-action name no image.
  return list
    .filter((t) => t.trim() && !t.includes('='))
    .map(literalImage)
    .filter((t): t is string => t !== undefined)
    .map(repositoryOf);
}

/** Build steps of a workflow: per job, the Dockerfiles or contexts built and the images named. */
export function workflowHints(path: string, text: string): ImageHint[] {
  const { file } = parseYaml(path, text);
  const out: ImageHint[] = [];
  for (const doc of file.docs) {
    const plain = plainOf(buildTree(file, text, doc.contents).tree) as { jobs?: Record<string, { steps?: unknown }> } | undefined;
    const jobs = plain && typeof plain === 'object' && plain.jobs && typeof plain.jobs === 'object' ? Object.values(plain.jobs) : [];
    for (const job of jobs) {
      const steps = job && Array.isArray(job.steps) ? (job.steps as unknown[]) : [];
      const built = new Set<string>();
      const named = new Set<string>();
      for (const step of steps) {
        const w = (step as { with?: Record<string, unknown> } | null)?.with;
        if (!w || typeof w !== 'object') continue;
        const target = typeof w.file === 'string' ? w.file : typeof w.context === 'string' ? w.context : undefined;
        if (target && !target.includes('${{')) built.add(target.replace(/^\.\//, '').replace(/\/+$/, '') || '.');
        for (const i of [...images(w.tags), ...images(w.images)]) named.add(i);
      }
      // Only an unambiguous job: one thing built, its images named.
      if (built.size === 1) for (const image of named) out.push({ path: [...built][0], image });
    }
  }
  return out;
}

/** Compose services that build a folder and name the image they build. */
export function composeHints(units: readonly UnitFact[]): ImageHint[] {
  const out: ImageHint[] = [];
  for (const u of units) {
    if (!u.build || !u.image || /\$\{/.test(u.image.name)) continue;
    out.push({ path: u.build.dockerfile ?? (u.build.context === '' ? '.' : u.build.context), image: repositoryOf(u.image.name) });
  }
  return out;
}

/** The folder a hint's path names: a Dockerfile's folder, or the context itself. */
export function hintFolder(hint: ImageHint): string {
  if (isDockerfileName(hint.path)) return dirOf(hint.path);
  return hint.path === '.' ? '' : hint.path;
}

/** The Dockerfile a hint builds: the path itself, or the context's `Dockerfile`. */
function hintDockerfile(hint: ImageHint): string {
  if (isDockerfileName(hint.path)) return hint.path;
  const folder = hintFolder(hint);
  return folder ? `${folder}/Dockerfile` : 'Dockerfile';
}

/**
 * Adds each hint's image to the packages its Dockerfile says it builds, else to the package whose
 * folder holds its Dockerfile or context (configured packages keep theirs).
 */
export function addImageHints(packages: readonly AppPackage[], hints: readonly ImageHint[]): void {
  for (const hint of hints) {
    const built = builtByDockerfile(hintDockerfile(hint), packages);
    const targets = built.length ? built : [packageOf(hintDockerfile(hint), packages)];
    for (const pkg of targets) {
      if (!packages.includes(pkg) || pkg.configured || pkg.images.includes(hint.image)) continue;
      pkg.images.push(hint.image);
    }
  }
}

/**
 * The repository's product image: an image named after the project (the root package's name,
 * `formbricks`, or its npm scope, `@documenso/root` -> `documenso`) is the image of the one
 * workspace package the repository's Dockerfiles build (`apps/web/Dockerfile`, or a
 * `docker/Dockerfile` that says it builds apps/web). `dockerfiles`: those that copy files of the
 * repository (one that only extends a published image builds none of its packages).
 */
export function productHints(packages: readonly AppPackage[], dockerfiles: readonly string[]): ImageHint[] {
  const root = packages.find((p) => p.dir === '');
  if (!root?.name || !dockerfiles.length) return [];
  const owners = new Map<string, string>();
  for (const d of dockerfiles) {
    const built = builtByDockerfile(d, packages);
    for (const p of built.length ? built : [packageOf(d, packages)]) if (!owners.has(p.dir)) owners.set(p.dir, d);
  }
  if (owners.size !== 1 || owners.has('')) return [];
  const [path] = owners.values();
  const names = new Set([root.name.replace(/^@[^/]+\//, '').toLowerCase(), ...projectNames(root.name)]);
  return [...names].filter((n) => /^[a-z0-9][a-z0-9._-]*$/.test(n)).map((image) => ({ path, image }));
}
