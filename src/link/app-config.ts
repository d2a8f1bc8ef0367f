/**
 * Per-environment app config of a package folder, the `config` package layout (DOMAIN.md, "The
 * config package"): `config/default.*` under `config/<environment>.*`, as UnitFacts whose settings
 * are dotted keys (`redis.url`), and `custom-environment-variables.*`, which maps keys onto
 * environment variables. `local*` files are a developer's own and are not read.
 *
 * Issue 10's app-config scanner is meant to own reading these files; until it lands this is the
 * one reader, and it should move there (emitting the same units) when it does.
 */
import { environmentOf, type EnvironmentOptions } from '../core/environment';
import type { EnvSetting, UnitFact } from '../core/facts';
import type { Diagnostic } from '../core/finding';
import type { ScanContext } from '../engine/kit/contract';
import { literalSetting } from '../engine/kit/env-settings';
import { listDir } from '../engine/kit/list-dir';
import { parseYaml } from '../engine/kit/yaml';
import { buildTree, mergeValues, textOf, type PNode } from '../engine/kit/yaml-tree';
import type { AppPackage } from './packages';

const CONFIG_FILE = /^([\w.-]+)\.(json|ya?ml)$/i;
const MAX_DEPTH = 8;

function load(ctx: ScanContext, path: string, diagnostics: Diagnostic[]): PNode | undefined {
  const file = ctx.readFile(path);
  if (!file) return undefined;
  const parsed = parseYaml(file.path, file.text);
  diagnostics.push(...parsed.diagnostics);
  const doc = parsed.file.docs[0];
  return doc ? buildTree(parsed.file, file.text, doc.contents).tree : undefined;
}

/** Leaves of a config tree as dotted keys. */
function leaves(node: PNode | undefined, prefix: string, out: Map<string, PNode>, depth = 0): void {
  if (!node || depth > MAX_DEPTH) return;
  if (node.kind === 'map') {
    for (const [key, e] of node.entries) leaves(e.value, prefix ? `${prefix}.${key}` : key, out, depth + 1);
  } else if (node.kind === 'scalar' && prefix) out.set(prefix, node);
}

export interface AppConfig {
  units: UnitFact[];
  /** `custom-environment-variables`: config key -> the environment variable that overrides it. */
  envOfKey: Map<string, string>;
  diagnostics: Diagnostic[];
}

export function readAppConfig(pkg: AppPackage, ctx: ScanContext, environment: EnvironmentOptions): AppConfig {
  const dir = pkg.dir ? `${pkg.dir}/config` : 'config';
  const result: AppConfig = { units: [], envOfKey: new Map(), diagnostics: [] };
  const files = listDir(ctx.root, dir).filter((p) => CONFIG_FILE.test(p.slice(dir.length + 1)));
  if (!files.length) return result;
  const byName = new Map<string, string>();
  for (const f of files.sort()) byName.set(CONFIG_FILE.exec(f.slice(dir.length + 1))![1].toLowerCase(), f);
  const mapping = byName.get('custom-environment-variables');
  if (mapping) {
    const found = new Map<string, PNode>();
    leaves(load(ctx, mapping, result.diagnostics), '', found);
    for (const [key, node] of found) {
      const name = textOf(node);
      if (name) result.envOfKey.set(key.replace(/\.__name$/, ''), name);
    }
  }
  const basePath = byName.get('default');
  const base = basePath ? load(ctx, basePath, result.diagnostics) : undefined;
  const unitOf = (tree: PNode | undefined, file: string, env: string | undefined): UnitFact => {
    const found = new Map<string, PNode>();
    leaves(tree, '', found);
    const settings: EnvSetting[] = [];
    for (const [key, node] of found) {
      const text = textOf(node);
      if (text !== undefined) settings.push(literalSetting(key, text, node.at));
    }
    return {
      kind: 'unit',
      subject: `app-config:${dir}`,
      label: `app config ${file}`,
      file,
      environment: env,
      source: 'app-config',
      folder: pkg.dir,
      at: { file, line: 1, column: 1 },
      env: settings,
    };
  };
  if (basePath) result.units.push(unitOf(base, basePath, undefined));
  for (const [name, path] of byName) {
    if (name === 'default' || name === 'custom-environment-variables' || name.startsWith('local')) continue;
    const env = environmentOf(path.slice(dir.length + 1), environment);
    if (env === undefined) continue;
    result.units.push(unitOf(mergeValues(base, load(ctx, path, result.diagnostics)), path, env));
  }
  return result;
}
