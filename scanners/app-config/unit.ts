/**
 * An app config layering as a UnitFact for the code-to-deployment link (src/link/): every leaf of
 * the environment's merged config as a dotted key (`redis.url`), for the code of the folder that
 * holds `config/`, and the `custom-environment-variables` map (key -> the variable that
 * overrides it), so `config.get('redis.url')` also follows REDIS_URL into the deployments.
 */
import type { EnvSetting, UnitFact } from '../../src/core/facts';
import { literalSetting } from '../../src/engine/kit/env-settings';
import { textOf, type PNode } from '../../src/engine/kit/yaml-tree';
import { baseOf, dirOf } from './layout';

const MAX_DEPTH = 8;

function leaves(node: PNode | undefined, prefix: string, out: Map<string, PNode>, depth = 0): void {
  if (!node || depth > MAX_DEPTH) return;
  if (node.kind === 'map') {
    for (const [key, e] of node.entries) leaves(e.value, prefix ? `${prefix}.${key}` : key, out, depth + 1);
  } else if (node.kind === 'scalar' && prefix) out.set(prefix, node);
}

/** `custom-environment-variables`: `{ redis: { url: "REDIS_URL" } }` or `{ "__name": "REDIS_URL" }` leaves. */
export function variablesOf(envMap: PNode | undefined): Record<string, string> {
  const found = new Map<string, PNode>();
  leaves(envMap, '', found);
  const out: Record<string, string> = {};
  for (const [key, node] of found) {
    if (key.endsWith('.__format')) continue;
    const name = textOf(node);
    if (name) out[key.replace(/\.__name$/, '')] = name;
  }
  return out;
}

export function appConfigUnit(tree: PNode | undefined, file: string, environment: string | undefined, dir: string, mapped: Record<string, string>): UnitFact {
  const found = new Map<string, PNode>();
  leaves(tree, '', found);
  const env: EnvSetting[] = [];
  for (const [key, node] of found) {
    const text = textOf(node);
    if (text !== undefined) env.push(literalSetting(key, text, node.at));
  }
  // The node-config layout: the code that reads it is the folder holding `config/`.
  const folder = baseOf(dir) === 'config' ? dirOf(dir) : dir;
  return {
    kind: 'unit',
    subject: `app-config:${dir || '.'}`,
    label: `app config ${file}`,
    file,
    environment,
    source: 'app-config',
    folder,
    at: { file, line: 1, column: 1 },
    env,
    ...(Object.keys(mapped).length ? { mapped } : {}),
  };
}
