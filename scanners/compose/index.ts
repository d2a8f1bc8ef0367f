/**
 * The docker compose scanner: Redis-family services (auth as the image really applies it,
 * exposure, literal passwords) and the services that connect to them, per configuration Compose
 * would run (base file alone, base + each override).
 */
import type { Finding } from '../../src/core/finding';
import { compareFindings, dedupeFindings } from '../../src/core/finding';
import { environmentOfFile } from '../../src/core/environment-memo';
import { emptyResult, type ScanContext, type ScanResult, type Scanner, type SourceFile } from '../../src/engine/kit/contract';
import { composeChecks } from './checks';
import { classifyImage } from '../../src/core/images';
import { analyzeServer, type ServiceScope } from './server';
import { analyzeClients, type RedisTarget } from './client';
import { unitOf } from './unit';
import type { ServiceModel } from './model';
import { COMPOSE_FILE_NAME, ProjectLoader, baseName, dirOf } from './project';
import { listDir } from '../../src/engine/kit/list-dir';
import { asBuilt, readBuild } from './dockerfile';
import { isBackingServiceImage, isCodeManifest } from '../../src/core/backing-services';

const SERVICES_KEY = /^services[ \t]*:/m;

/**
 * Cheap: a compose-named file with a top-level `services:`. Any of them may run the repository's
 * code (`build:`, or its image with an `env_file:`) and so set what the code's connections read,
 * even when it never mentions Redis (`docker-compose.prod.yml` with `app: { image, env_file }`).
 */
export function detectCompose(path: string, text: string): boolean {
  return COMPOSE_FILE_NAME.test(baseName(path)) && SERVICES_KEY.test(text);
}

/** Keeps one finding per (file, position, rule): a base-file problem seen again in each merged configuration. */
/** Says which merge produced a finding that points into another file of the configuration. */
function inConfiguration(f: Finding, layers: readonly string[]): Finding {
  const own = layers[layers.length - 1];
  if (layers.length < 2 || f.file === own) return f;
  return { ...f, message: `${f.message} (Seen with \`${baseName(own)}\` merged over \`${baseName(layers[0])}\`.)` };
}

/**
 * Whether a folder or one above it, up to the scan root, holds a package manifest. Memoized per
 * scan: the stack folders of a repository share their ancestors, each listed once.
 */
function codeProjectTest(root: string): (dir: string) => boolean {
  const known = new Map<string, boolean>();
  const inCodeProject = (dir: string): boolean => {
    let answer = known.get(dir);
    if (answer === undefined) {
      answer = listDir(root, dir).some((p) => isCodeManifest(baseName(p))) || (dir !== '.' && dir !== '' && inCodeProject(dirOf(dir)));
      known.set(dir, answer);
    }
    return answer;
  };
  return inCodeProject;
}

/** A Redis-family server, or a backing service's image that nothing of the repository builds. */
function isBacking(svc: ServiceModel, extraImages: readonly string[] | undefined): boolean {
  if (classifyImage(svc.image?.value, extraImages)) return true;
  return !svc.build && isBackingServiceImage(svc.image?.value);
}



export function scanCompose(files: SourceFile[], ctx: ScanContext): ScanResult {
  const result = emptyResult();
  const given = new Map(files.map((f) => [f.path, f]));
  const loader = new ProjectLoader(ctx, given);
  const inCodeProject = codeProjectTest(ctx.root);
  const dirs = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = dirOf(f.path);
    // Siblings (overrides that never mention Redis) are listed directly: a glob per folder is slow.
    if (!dirs.has(dir)) dirs.set(dir, new Set(listDir(ctx.root, dir).filter((p) => COMPOSE_FILE_NAME.test(baseName(p)))));
    dirs.get(dir)!.add(f.path);
  }
  const findings: Finding[] = [];
  for (const [dir, paths] of [...dirs].sort(([a], [b]) => a.localeCompare(b))) {
    const project = loader.project(dir, [...paths]);
    const folderFindings: Finding[] = [];
    const pending: { clients: ServiceModel[]; emits: (name: string) => boolean; unitScopeOf: (name: string) => ServiceScope | undefined; targets: RedisTarget[]; scopeOf: (name: string) => ServiceScope }[] = [];
    const labelOf = (name: string, path: string) => `compose service ${name} (${dir === '.' ? '' : `${dir}/`}${baseName(path)})`;
    for (const config of project.configurations) {
      const environment = environmentOfFile(config.file, ctx.environment);
      // The label names the file that defines the service (an override may add one the base lacks).
      const definedIn = (name: string) => (config.layers.find((l) => l.services.has(name)) ?? config.layers[0]).path;
      const scopeOf = (name: string): ServiceScope => ({
        dir,
        ctx,
        environment,
        factFile: config.file,
        subject: `compose:${dir}#${name}`,
        label: labelOf(name, definedIn(name)),
      });
      // An override that names no environment (`docker-compose.redis.yml`) adds services; the base
      // file already gives the environment-less facts of the services they share.
      const emits = (name: string) => environment !== undefined || !config.baseServices.has(name);
      // For the code-to-deployment link such an override is its own way to run the app
      // (`docker-compose.mariadb.yml` giving the server REDIS_HOST) when it touches the service
      // itself: its unit is named after the variant, the file that makes it different.
      const unitScopeOf = (name: string): ServiceScope | undefined =>
        emits(name) ? scopeOf(name) : config.layers.slice(1).some((l) => l.services.has(name)) ? { ...scopeOf(name), label: labelOf(name, config.file) } : undefined;
      const targets: RedisTarget[] = [];
      const clients: ServiceModel[] = [];
      for (const svc of config.services.values()) {
        const built = svc.buildSpec ? readBuild(svc.buildSpec, dir, ctx) : undefined;
        const builtImage = built ? classifyImage(built.image.replace(/\$\$/g, '$'), ctx.extraImages) : undefined;
        // `build:` runs what its Dockerfile's final stage makes; `image:` then only names the result.
        const image = builtImage ?? classifyImage(svc.image?.value, ctx.extraImages);
        if (!image) {
          clients.push(svc);
          continue;
        }
        const server = analyzeServer(built && builtImage ? asBuilt(svc, built) : svc, image, scopeOf(svc.name), project.files);
        if (emits(svc.name)) result.facts.push(server.fact);
        folderFindings.push(...server.findings.map((f) => inConfiguration(f, config.layers.map((l) => l.path))));
        targets.push({ aliases: svc.aliases, fact: server.fact });
      }
      pending.push({ clients, emits, unitScopeOf, targets, scopeOf });
    }
    // A client may name a Redis that only another file of the folder defines (`docker-compose.redis.yml`).
    const everywhere = pending.flatMap((p) => p.targets);
    for (const { clients, emits, unitScopeOf, targets, scopeOf } of pending) {
      for (const svc of clients) {
        const client = analyzeClients(svc, scopeOf(svc.name), [...targets, ...everywhere], project.files);
        if (emits(svc.name)) result.facts.push(...client.facts);
        const unitScope = unitScopeOf(svc.name);
        if (unitScope) (result.units ??= []).push(unitOf(svc, unitScope));
        folderFindings.push(...client.findings);
      }
    }
    // Nothing in the folder's files runs an application, and code lives here or above: a local
    // dependency stack for that code, rated as dev.
    const stack =
      project.configurations.every((c) => [...c.services.values()].every((svc) => isBacking(svc, ctx.extraImages))) &&
      inCodeProject(dir);
    findings.push(...(stack ? folderFindings.map((f) => ({ ...f, tierHint: 'dev' as const })) : folderFindings));
  }
  result.findings = dedupeFindings(findings).sort(compareFindings);
  result.diagnostics.push(...loader.diagnostics);
  return result;
}

export const composeScanner: Scanner = {
  kind: 'compose',
  checks: composeChecks,
  // Any YAML; detect keeps the compose names (COMPOSE_FILE_NAME).
  fileNames: ['*.yml', '*.yaml'],
  detect: (path, text) => detectCompose(path, text),
  scan: scanCompose,
};
