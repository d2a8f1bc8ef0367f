/**
 * The project model: each Redis connection the code opens, the package it belongs to, and the
 * deployment units of every environment that run that package, with what each sets the names the
 * connection reads. Pure: facts in, model out (the engine and the ESLint rule feed it).
 */
import type { CodeConnectionFact, CodeInput, EnvSetting, RedisFact, UnitFact } from '../core/facts';
import { dependentsOf, imageMatches, isWithin, packageOf, type AppPackage } from './packages';

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

/** Why `unit` runs the code of `pkg`, or undefined when it does not. */
export function linkReason(unit: UnitFact, pkg: AppPackage, packages: readonly AppPackage[]): string | undefined {
  if (unit.folder !== undefined) return unit.folder === pkg.dir ? `folder ${pkg.dir || '.'}` : undefined;
  const build = unit.build;
  if (build) {
    const context = build.context === '.' ? '' : build.context;
    if (context === pkg.dir) return `build context ${build.context}`;
    if (build.dockerfile && isWithin(pkg.dir, context) && packageOf(build.dockerfile, packages).dir === pkg.dir) return `Dockerfile ${build.dockerfile}`;
    // A context above the package counts only when no other package lives under it.
    if (!build.dockerfile && isWithin(pkg.dir, context)) {
      const others = packages.filter((p) => p.dir !== pkg.dir && isWithin(p.dir, context) && !isWithin(pkg.dir, p.dir));
      if (!others.length) return `build context ${build.context}`;
    }
    return undefined;
  }
  if (unit.image && imageMatches(unit.image.name, pkg)) return `image ${unit.image.name}`;
  return undefined;
}

const FOLLOWED: ReadonlySet<CodeInput['role']> = new Set(['url', 'password', 'host']);

export function linkConnections(code: readonly CodeConnectionFact[], side: DeploymentSide): LinkedConnection[] {
  const out: LinkedConnection[] = [];
  for (const c of code) {
    const pkg = packageOf(c.file, side.packages);
    const inputs = c.inputs.filter((i) => FOLLOWED.has(i.role));
    // `config.get('redis.url')` also reads REDIS_URL when custom-environment-variables maps it.
    const mapped = mappedVariables(side.units, pkg);
    for (const i of [...inputs]) {
      const variable = i.source === 'config' ? mapped.get(i.name) : undefined;
      if (variable && !inputs.some((j) => j.name === variable)) inputs.push({ ...i, name: variable, source: 'env' });
    }
    if (!inputs.length) continue;
    const units: UnitLink[] = [];
    const add = (unit: UnitFact, why: string) => {
      const settings = new Map<string, EnvSetting>();
      for (const input of inputs) {
        const s = unit.env.find((e) => e.name === input.name);
        if (s) settings.set(input.name, s);
      }
      units.push({ unit, why, settings });
    };
    for (const unit of side.units) {
      const why = linkReason(unit, pkg, side.packages);
      if (why) add(unit, why);
    }
    // A workspace library no unit runs itself runs inside the apps that depend on it.
    if (!units.length) {
      for (const app of dependentsOf(pkg, side.packages)) {
        for (const unit of side.units) {
          const why = linkReason(unit, app, side.packages);
          if (why && !units.some((u) => u.unit === unit)) add(unit, `${why} (${app.dir || '.'} depends on ${pkg.name})`);
        }
      }
    }
    overrideConfigKeys(units, mapped);
    out.push({ code: c, pkg, inputs, units });
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
