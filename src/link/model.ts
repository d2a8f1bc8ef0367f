/**
 * The project model: each Redis connection the code opens, the package it belongs to, and the
 * deployment units of every environment that run that package, with what each sets the names the
 * connection reads. Pure: facts in, model out (the engine and the ESLint rule feed it).
 */
import type { CodeConnectionFact, CodeInput, EnvSetting, RedisFact, UnitFact } from '../core/facts';
import { builtByDockerfile, dependentsOf, imageMatches, imageNames, isWithin, packageOf, type AppPackage } from './packages';

/** The deployment side of a project: computed once per root and shared by every connection. */
export interface DeploymentSide {
  units: readonly UnitFact[];
  /** Redis servers the scanners found (targets of the URLs). */
  servers: readonly RedisFact[];
  packages: readonly AppPackage[];
}

export interface UnitLink {
  unit: UnitFact;
  /** Why this unit runs the package: `build context services/api`, `image acme/api`, `folder`. */
  why: string;
  /** The app it runs, when the package is a workspace library running inside it (`apps/web`). */
  app?: string;
  /** What the unit sets each input name to (absent names are not set there). */
  settings: Map<string, EnvSetting>;
}

export interface LinkedConnection {
  code: CodeConnectionFact;
  pkg: AppPackage;
  /** The inputs the link follows: URL, password and host names. */
  inputs: CodeInput[];
  units: UnitLink[];
}

/**
 * Why `unit` runs the code of `pkg`, or undefined when it does not. `byImage`: the units whose
 * image is the package's, when the caller has them indexed (else the image is matched here).
 */
export function linkReason(unit: UnitFact, pkg: AppPackage, packages: readonly AppPackage[], byImage?: ReadonlySet<UnitFact>): string | undefined {
  if (unit.folder !== undefined) return unit.folder === pkg.dir ? `folder ${pkg.dir || '.'}` : undefined;
  const build = unit.build;
  if (build) {
    const context = build.context === '.' ? '' : build.context;
    // A Dockerfile that names the package it builds (a monorepo root context) decides alone.
    const dockerfile = build.dockerfile ?? (context ? `${context}/Dockerfile` : 'Dockerfile');
    const built = builtByDockerfile(dockerfile, packages);
    if (built.length) return built.some((p) => p.dir === pkg.dir) && isWithin(pkg.dir, context) ? `Dockerfile ${dockerfile} builds ${pkg.dir || '.'}` : undefined;
    if (context === pkg.dir) return `build context ${build.context}`;
    if (build.dockerfile && isWithin(pkg.dir, context) && packageOf(build.dockerfile, packages).dir === pkg.dir) return `Dockerfile ${build.dockerfile}`;
    // A context above the package counts only when no other package lives under it.
    if (!build.dockerfile && isWithin(pkg.dir, context)) {
      const others = packages.filter((p) => p.dir !== pkg.dir && isWithin(p.dir, context) && !isWithin(pkg.dir, p.dir));
      if (!others.length) return `build context ${build.context}`;
    }
    return undefined;
  }
  if (unit.image && (byImage ? byImage.has(unit) : imageMatches(unit.image.name, pkg))) return `image ${unit.image.name}`;
  return undefined;
}

const FOLLOWED: ReadonlySet<CodeInput['role']> = new Set(['url', 'password', 'host']);

export function linkConnections(code: readonly CodeConnectionFact[], side: DeploymentSide): LinkedConnection[] {
  const out: LinkedConnection[] = [];
  // Which units run a package, and why, is the same for every connection of that package: a
  // monorepo's connections x units x packages join runs once per package, not once per connection.
  const runnersOf = new Map<AppPackage, Runner[]>();
  const mappedOf = new Map<AppPackage, Map<string, string>>();
  const images = imageIndex(side.units);
  for (const c of code) {
    const pkg = packageOf(c.file, side.packages);
    const inputs = c.inputs.filter((i) => FOLLOWED.has(i.role));
    // `config.get('redis.url')` also reads REDIS_URL when custom-environment-variables maps it.
    let mapped = mappedOf.get(pkg);
    if (!mapped) mappedOf.set(pkg, (mapped = mappedVariables(side.units, pkg)));
    for (const i of [...inputs]) {
      const variable = i.source === 'config' ? mapped.get(i.name) : undefined;
      if (variable && !inputs.some((j) => j.name === variable)) inputs.push({ ...i, name: variable, source: 'env' });
    }
    if (!inputs.length) continue;
    let runners = runnersOf.get(pkg);
    if (!runners) runnersOf.set(pkg, (runners = unitsRunning(pkg, side, images)));
    const units: UnitLink[] = runners.map(({ unit, why, app }) => {
      const settings = new Map<string, EnvSetting>();
      for (const input of inputs) {
        const s = unit.env.find((e) => e.name === input.name);
        if (s) settings.set(input.name, s);
      }
      return { unit, why, ...(app !== undefined ? { app } : {}), settings };
    });
    overrideConfigKeys(units, mapped);
    out.push({ code: c, pkg, inputs, units });
  }
  return out;
}

/** Units by every name their image answers to (src/link/packages imageNames): a package looks its own up. */
function imageIndex(units: readonly UnitFact[]): Map<string, Set<UnitFact>> {
  const out = new Map<string, Set<UnitFact>>();
  for (const unit of units) {
    if (!unit.image) continue;
    for (const name of imageNames(unit.image.name)) {
      let set = out.get(name);
      if (!set) out.set(name, (set = new Set()));
      set.add(unit);
    }
  }
  return out;
}

type Runner = { unit: UnitFact; why: string; app?: string };

/** The units that run `pkg`'s code, and why; a workspace library no unit runs itself runs inside the apps that depend on it. */
function unitsRunning(pkg: AppPackage, side: DeploymentSide, images: Map<string, Set<UnitFact>>): Runner[] {
  const byImage = (p: AppPackage) => new Set(p.images.flatMap((name) => [...(images.get(name) ?? [])]));
  const out: Runner[] = [];
  const own = byImage(pkg);
  for (const unit of side.units) {
    const why = linkReason(unit, pkg, side.packages, own);
    if (why) out.push({ unit, why });
  }
  if (out.length) return out;
  for (const app of dependentsOf(pkg, side.packages)) {
    const theirs = byImage(app);
    for (const unit of side.units) {
      const why = linkReason(unit, app, side.packages, theirs);
      // One unit per library connection, labelled by the first app that brings the library in.
      if (why && !out.some((u) => u.unit === unit)) out.push({ unit, why: `${why} (${app.dir || '.'} depends on ${pkg.name})`, app: app.dir || '.' });
    }
  }
  return out;
}

/**
 * A config file's key loses to the environment variable mapped onto it when a unit of the same
 * environment sets that variable (node-config applies custom-environment-variables last).
 */
function overrideConfigKeys(units: UnitLink[], mapped: Map<string, string>): void {
  if (!mapped.size) return;
  for (const link of units) {
    if (link.unit.source !== 'app-config') continue;
    for (const key of [...link.settings.keys()]) {
      const variable = mapped.get(key);
      if (!variable) continue;
      const overridden = units.some((other) => other !== link && other.unit.environment === link.unit.environment && other.settings.has(variable));
      if (overridden) link.settings.delete(key);
    }
  }
}

/** The package folder's config keys that environment variables override. */
function mappedVariables(units: readonly UnitFact[], pkg: AppPackage): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of units) if (u.source === 'app-config' && u.folder === pkg.dir) for (const [k, v] of Object.entries(u.mapped ?? {})) out.set(k, v);
  return out;
}
