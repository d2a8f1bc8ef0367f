/**
 * Which workspace packages a Dockerfile builds, read from the Dockerfile itself. A monorepo's
 * image is often built from the repository root (`docker/Dockerfile`, a root `Dockerfile`) and
 * picks its app by name or path; its folder says nothing. The signals, strongest first:
 * 1. a workspace selector in a RUN/CMD: `turbo prune --scope=@acme/web` (or `turbo prune web`),
 *    `--filter=@acme/web...` (turbo, pnpm; `-F`), `npm … --workspace=@acme/web` / `-w`,
 *    `yarn workspace @acme/web …`, `yarn workspaces focus @acme/web`, Nx `nx build web` /
 *    `nx run web:build` / `nx run-many -p web` (a project: its package name or folder name);
 * 2. the paths the final stage runs from: its WORKDIR, CMD / ENTRYPOINT arguments and the files
 *    it copies out of an earlier stage (`COPY --from=builder /app/apps/web/.next …`);
 * 3. the package folders it copies from the build context (`COPY apps/web apps/web`), less the
 *    ones another copied package depends on (libraries come along with their app).
 * A package named by a stronger signal wins; none named means "not known from here".
 */
import { dockerInstructions } from '../engine/kit/dockerfile-instructions';
import { packageOf, type AppPackage } from './packages';

/** Shell words of a command line, quotes removed (no expansion: `$X` stays as written). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** `CMD ["node", "apps/web/server.js"]` (exec form) or the shell form's words. */
function commandWords(args: string): string[] {
  if (args.startsWith('[')) {
    try {
      const items = JSON.parse(args) as unknown;
      if (Array.isArray(items)) return items.filter((x): x is string => typeof x === 'string').flatMap(words);
    } catch {
      // Not JSON: Docker runs it as a shell command too.
    }
  }
  return words(args);
}

/** What a selector value names: a package name, or a path (`./apps/web`, `{apps/web}`). */
function selector(value: string): { name?: string; path?: string } | undefined {
  // pnpm/turbo: `web...` with its dependencies, `...web` with dependents, `^…` without itself.
  let v = value.replace(/^\.{3}\^?|\^?\.{3}$/g, '').replace(/^\^/, '');
  if (!v || v.startsWith('!') || v.startsWith('[') || v.includes('*') || v.includes('$')) return undefined;
  const braced = /^\{(.+)\}$/.exec(v);
  if (braced) return { path: braced[1] };
  if (v.startsWith('./') || v.startsWith('../')) return { path: v };
  v = v.replace(/^["']|["']$/g, '');
  return v ? { name: v } : undefined;
}

/** The tool a word runs: `/usr/bin/npm` -> npm, `turbo@2.1.0` (npx) -> turbo. */
function toolOf(word: string): string {
  return word.replace(/^.*\//, '').replace(/@[^@]*$/, '');
}

type Selector = { name?: string; path?: string; project?: boolean };

/** Nx projects a command runs: `nx build api`, `nx run api:build`, `nx run-many -t build -p api,worker`. */
function nxProjects(w: readonly string[]): Selector[] {
  const at = w.findIndex((x) => toolOf(x) === 'nx');
  if (at < 0) return [];
  const [command, next] = [w[at + 1], w[at + 2]];
  let projects: string[] = [];
  if (command === 'run-many') {
    const i = w.findIndex((x) => /^(?:-p|--projects?)(?:=|$)/.test(x));
    const list = i < 0 ? undefined : w[i].includes('=') ? w[i].slice(w[i].indexOf('=') + 1) : w[i + 1];
    projects = list?.split(',') ?? [];
  } else if (command === 'run') projects = next ? [next.split(':')[0]] : [];
  else if (command && /^[a-z][\w-]*$/.test(command) && command !== 'affected' && next && !next.startsWith('-')) projects = [next];
  return projects.filter((p) => /^[@\w][\w@./-]*$/.test(p)).map((name) => ({ name, project: true }));
}

/** Package names and paths a command line selects (signal 1). */
function selectors(command: string): Selector[] {
  const out: Selector[] = [];
  // One shell command at a time: the tool word decides what `-w` means (npm: a workspace; pnpm: the root).
  for (const segment of command.split(/&&|\|\||[;|]/)) {
    const w = words(segment);
    const tool = w.map(toolOf).find((x) => /^(?:npm|npx|pnpm|yarn|turbo|bun|nx)$/.test(x));
    if (!tool) continue;
    const isNpm = tool === 'npm';
    out.push(...nxProjects(w));
    for (let i = 0; i < w.length; i++) {
      const flag = /^(--scope|--filter|-F|--workspace|-w)(?:=(.*))?$/.exec(w[i]);
      if (flag && (flag[1] !== '-w' || isNpm)) {
        const value = flag[2] ?? w[i + 1];
        const s = value !== undefined ? selector(value) : undefined;
        if (s) out.push(s);
        continue;
      }
      // `turbo prune web --docker` (turbo 2 takes the package as an argument).
      if (w[i] === 'prune' && i > 0 && toolOf(w[i - 1]) === 'turbo' && w[i + 1] && !w[i + 1].startsWith('-')) {
        const s = selector(w[i + 1]);
        if (s) out.push(s);
      }
      // `yarn workspace @acme/web build`, `yarn workspaces focus @acme/web`.
      if (tool === 'yarn' && (w[i] === 'workspace' || (w[i] === 'focus' && w[i - 1] === 'workspaces')) && w[i + 1] && !w[i + 1].startsWith('-')) {
        const s = selector(w[i + 1]);
        if (s) out.push(s);
      }
    }
  }
  return out;
}

/** Root-relative form of a path in the image: relative as is, absolute with a known WORKDIR base removed. */
function relativeTo(path: string, bases: readonly string[]): string | undefined {
  const p = path.replace(/^\.\//, '');
  if (!p.startsWith('/')) return p;
  for (const base of bases) if (p.startsWith(`${base}/`)) return p.slice(base.length + 1);
  return undefined;
}

/**
 * The package a path is in: the longest package folder the path starts with (relative to the
 * context), or, for an absolute path under no known base, that contains it as a run of at least
 * two folders (`/srv/apps/web/.next`): one folder name (`/etc/nginx`) is too common to trust.
 */
function packageAtPath(path: string, bases: readonly string[], packages: readonly AppPackage[]): AppPackage | undefined {
  const rel = relativeTo(path, bases);
  let best: AppPackage | undefined;
  for (const p of packages) {
    if (!p.dir) continue;
    const hit = rel !== undefined ? rel === p.dir || rel.startsWith(`${p.dir}/`) : p.dir.includes('/') && `${path}/`.includes(`/${p.dir}/`);
    if (hit && (!best || p.dir.length > best.dir.length)) best = p;
  }
  return best;
}

/**
 * The package a selector names: its package.json name; else a workspace folder (`npm -w apps/web`
 * takes one); else, for an Nx project (`project`), the one package whose folder has that name.
 */
function byName(name: string, packages: readonly AppPackage[], project = false): AppPackage | undefined {
  const folder = name.replace(/^\.\//, '').replace(/\/+$/, '');
  const named = packages.find((p) => p.name === name) ?? packages.find((p) => p.dir && p.dir === folder);
  if (named || !project) return named;
  const same = packages.filter((p) => p.dir && p.dir.slice(p.dir.lastIndexOf('/') + 1) === name);
  return same.length === 1 ? same[0] : undefined;
}

/** Drops every package another one in the list depends on (directly or through workspace packages). */
function withoutTheirLibraries(found: AppPackage[], packages: readonly AppPackage[]): AppPackage[] {
  const byPkgName = new Map(packages.filter((p) => p.name).map((p) => [p.name!, p]));
  const reached = new Set<AppPackage>();
  const walk = (p: AppPackage, depth: number) => {
    if (depth > 50) return;
    for (const u of p.uses ?? []) {
      const dep = byPkgName.get(u);
      if (dep && !reached.has(dep)) {
        reached.add(dep);
        walk(dep, depth + 1);
      }
    }
  };
  for (const p of found) walk(p, 0);
  const apps = found.filter((p) => !reached.has(p));
  return apps.length ? apps : found;
}

/**
 * Root-relative folders of the workspace packages the Dockerfile builds (see the file comment);
 * [] when it does not say. `byNameOnly`: a Dockerfile inside a package folder is usually built
 * with that folder as its context, so its paths are not the repository's: only names count.
 */
export function dockerfileBuilds(text: string, packages: readonly AppPackage[], byNameOnly = false): string[] {
  const named = new Set<AppPackage>();
  const ran = new Set<AppPackage>();
  const copied = new Set<AppPackage>();
  const bases: string[] = [];
  for (const ins of dockerInstructions(text)) {
    const { keyword, args } = ins;
    if (keyword === 'FROM') ran.clear(); // only the final stage runs
    if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      for (const s of selectors(args)) {
        const p = s.name !== undefined ? byName(s.name, packages, s.project) : packageAtPath(s.path!, [], packages);
        if (p?.dir) named.add(p);
      }
    }
    if (keyword === 'WORKDIR') {
      const dir = args.replace(/^["']|["']$/g, '').replace(/\/+$/, '');
      const p = packageAtPath(dir, bases, packages);
      if (p) ran.add(p);
      else if (dir.startsWith('/') && !bases.includes(dir)) bases.push(dir);
    }
    if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      for (const w of commandWords(args)) {
        const p = /[/.]/.test(w) ? packageAtPath(w, bases, packages) : undefined;
        if (p) ran.add(p);
      }
    }
    if (keyword === 'COPY' || keyword === 'ADD') {
      const w = words(args);
      const fromStage = w.some((x) => x.startsWith('--from='));
      // Sources are every word but the flags and the destination (the last one).
      for (const src of w.filter((x) => !x.startsWith('--')).slice(0, -1)) {
        const p = packageAtPath(src, fromStage ? bases : [], packages);
        if (p) (fromStage ? ran : copied).add(p);
      }
    }
  }
  for (const signal of byNameOnly ? [named] : [named, ran, copied]) {
    if (signal.size) return withoutTheirLibraries([...signal], packages).map((p) => p.dir).sort();
  }
  return [];
}

/**
 * Records on each package the Dockerfiles that build it. A Dockerfile that cannot be read is
 * skipped with a one-line diagnostic (the caller's), never a throw.
 */
export function addDockerfileBuilds(
  packages: readonly AppPackage[],
  dockerfiles: ReadonlyArray<{ path: string; text: string }>,
  diagnose: (path: string, message: string) => void,
): void {
  for (const { path, text } of dockerfiles) {
    let dirs: string[];
    try {
      dirs = dockerfileBuilds(text, packages, packageOf(path, packages).dir !== '');
    } catch (error) {
      diagnose(path, `Dockerfile not read for the packages it builds: ${error instanceof Error ? error.message : String(error)}`.split('\n')[0]);
      continue;
    }
    for (const dir of dirs) {
      const pkg = packages.find((p) => p.dir === dir);
      if (pkg && !pkg.builtBy?.includes(path)) pkg.builtBy = [...(pkg.builtBy ?? []), path];
    }
  }
}

/** Does the Dockerfile copy files of its build context (not only another stage's, or a URL)? */
export function copiesFromContext(text: string): boolean {
  return dockerInstructions(text).some(
    (ins) => (ins.keyword === 'COPY' || ins.keyword === 'ADD') && !words(ins.args).some((w) => w.startsWith('--from=')) && !/^\S*https?:\/\//i.test(ins.args.replace(/^(?:--\S+\s+)*/, '')),
  );
}
