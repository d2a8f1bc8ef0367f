/**
 * A compose project: the compose files of one folder, their `.env`, and the configurations Compose
 * would run: the base file alone, and the base with each override file merged over it
 * (`compose.override.yaml` is dev by convention, `docker-compose.prod.yml` prod, ...).
 */
import type { Diagnostic } from '../../src/core/finding';
import type { ScanContext, SourceFile } from '../../src/engine/kit/contract';
import { buildTree, linesOf, parseYaml, truncatedMessage } from '../../src/engine/kit/yaml-tree';
import { parseDotenv } from '../../src/engine/kit/dotenv-parse';
import { sourceText } from './located';
import { fileModel, joinPath, type ComposeFileModel, type ServiceModel } from './model';
import { mergeService } from './merge';
import type { Vars } from './interpolate';

/** `compose*.y(a)ml` and `docker-compose*.y(a)ml`, overrides included. */
export const COMPOSE_FILE_NAME = /^(docker-)?compose[^/]*\.ya?ml$/i;

/** Compose's own preference when several base files exist. */
export const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface Configuration {
  /** The files merged, in order (base first). */
  layers: ComposeFileModel[];
  /** The configuration's own file: the override, or the base when alone. */
  file: string;
  services: Map<string, ServiceModel>;
  /** Services of the base file this configuration merges over (empty for a standalone file). */
  baseServices: ReadonlySet<string>;
}

export interface Project {
  dir: string;
  /** Every compose file read (paths), for telling compose values from env_file ones. */
  files: ReadonlySet<string>;
  configurations: Configuration[];
}

const MAX_EXTENDS_DEPTH = 5;

export class ProjectLoader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly models = new Map<string, ComposeFileModel | undefined>();
  private readonly varsByDir = new Map<string, Vars>();
  /** Every compose file read so far (shared by all projects: values from these are compose values). */
  readonly composeFiles = new Set<string>();

  constructor(
    private readonly ctx: ScanContext,
    private readonly given: ReadonlyMap<string, SourceFile>,
  ) {}

  /** The `.env` beside the compose file, used for interpolation. */
  vars(dir: string): Vars {
    let vars = this.varsByDir.get(dir);
    if (!vars) {
      const file = this.ctx.readFile(joinPath(dir, '.env'));
      vars = new Map(Object.entries(file ? parseDotenv(file.text) : {}));
      this.varsByDir.set(dir, vars);
    }
    return vars;
  }

  model(path: string): ComposeFileModel | undefined {
    if (this.models.has(path)) return this.models.get(path);
    this.models.set(path, undefined);
    const file = this.given.get(path) ?? this.ctx.readFile(path);
    if (!file) return undefined;
    const { file: yaml, diagnostics } = parseYaml(file.path, file.text);
    this.diagnostics.push(...diagnostics);
    const dir = dirOf(file.path);
    const doc = yaml.docs[0];
    const built = doc ? buildTree(yaml, file.text, doc.contents) : { tree: undefined, truncated: false };
    if (built.truncated) this.diagnostics.push({ file: file.path, line: 1, message: truncatedMessage('file') });
    const model = fileModel({ path: file.path, tree: built.tree, src: sourceText(file.path, file.text, linesOf(yaml, file.text)), vars: this.vars(dir), dir, ctx: this.ctx });
    this.models.set(path, model);
    this.composeFiles.add(model.path);
    for (const [name, svc] of model.services) model.services.set(name, this.resolveExtends(svc, model, 0));
    this.addIncludes(model, 0);
    return model;
  }

  private resolveExtends(svc: ServiceModel, model: ComposeFileModel, depth: number): ServiceModel {
    if (!svc.extends || depth >= MAX_EXTENDS_DEPTH) return svc;
    const { service, file } = svc.extends;
    const source = file ? this.model(joinPath(model.dir, file)) : model;
    const parent = source?.services.get(service);
    if (!parent || parent === svc) return svc;
    const resolved = this.resolveExtends(parent, source!, depth + 1);
    const merged = mergeService(resolved, { ...svc, extends: undefined });
    return { ...merged, aliases: svc.aliases, extends: undefined };
  }

  private addIncludes(model: ComposeFileModel, depth: number): void {
    for (const inc of model.includes) {
      const path = joinPath(model.dir, inc.path);
      if (path.startsWith('..')) {
        this.diagnostics.push({ file: model.path, line: inc.at.line, column: inc.at.column, message: `include \`${inc.path}\` leaves the repository; not read` });
        continue;
      }
      if (depth > MAX_EXTENDS_DEPTH) continue;
      const included = this.model(path);
      if (!included) continue;
      for (const [name, svc] of included.services) if (!model.services.has(name)) model.services.set(name, svc);
    }
  }

  /** The configurations of the compose files in `dir`. */
  project(dir: string, paths: readonly string[]): Project {
    const byName = new Map(paths.map((p) => [baseName(p).toLowerCase(), p]));
    const baseKey = BASE_NAMES.find((n) => byName.has(n));
    const base = baseKey ? this.model(byName.get(baseKey)!) : undefined;
    const configurations: Configuration[] = [];
    if (base) configurations.push({ layers: [base], file: base.path, services: new Map(base.services), baseServices: new Set() });
    for (const path of [...paths].sort()) {
      if (base && path === base.path) continue;
      const model = this.model(path);
      if (!model) continue;
      // A second base-named file is its own configuration; anything else is an override.
      const layers = base && !BASE_NAMES.includes(baseName(path).toLowerCase()) ? [base, model] : [model];
      configurations.push({ layers, file: model.path, services: mergeLayers(layers), baseServices: new Set(layers.length > 1 ? base!.services.keys() : []) });
    }
    return { dir, files: this.composeFiles, configurations };
  }
}

export function mergeLayers(layers: readonly ComposeFileModel[]): Map<string, ServiceModel> {
  const out = new Map<string, ServiceModel>();
  for (const layer of layers) {
    for (const [name, svc] of layer.services) {
      const prev = out.get(name);
      out.set(name, prev ? mergeService(prev, svc) : svc);
    }
  }
  return out;
}
