/**
 * An application chart's values (an `image` plus `env` / `extraEnvVars` / `extraEnv`) as a
 * UnitFact per environment: the release runs the image, with those variables. Values files of
 * Redis charts have no such image and give none.
 */
import type { Environment } from '../../src/core/environment';
import type { EnvSetting, SourceRef, UnitFact } from '../../src/core/facts';
import { envSettings } from '../../src/engine/kit/env-settings';
import { entryAt, textOf, valueAt, type PNode } from '../../src/engine/kit/yaml-tree';

const ENV_KEYS = ['env', 'extraEnvVars', 'extraEnv'];

/** `image: repo:tag`, or `image: { registry, repository, tag }`. */
function imageOf(root: PNode): { name: string; at: UnitFact['at'] } | undefined {
  const entry = entryAt(root, ['image']);
  if (!entry) return undefined;
  const whole = textOf(entry.value);
  if (whole) return { name: whole, at: entry.value.at };
  const repo = entryAt(entry.value, ['repository']);
  const repository = textOf(repo?.value);
  if (!repository || !repo) return undefined;
  const registry = textOf(valueAt(entry.value, ['registry']));
  return { name: registry ? `${registry}/${repository}` : repository, at: repo.value.at };
}

export function appUnit(root: PNode | undefined, file: string, environment: Environment | undefined, group: string): UnitFact | undefined {
  if (root?.kind !== 'map') return undefined;
  const image = imageOf(root);
  if (!image) return undefined;
  const settings = new Map<string, EnvSetting>();
  for (const key of ENV_KEYS) for (const s of envSettings(valueAt(root, [key]))) settings.set(s.name, s);
  // Bitnami-style `extraEnvVarsSecret` / `extraEnvVarsCM` and a values `envFrom` list: the chart
  // loads every key of that Secret (from outside) or ConfigMap (not readable here) as a variable.
  const secrets: SourceRef[] = [];
  const opaque: SourceRef[] = [];
  const named = (key: string) => {
    const entry = entryAt(root, [key]);
    return entry && textOf(entry.value) ? entry.value.at : undefined;
  };
  const secret = named('extraEnvVarsSecret');
  if (secret) secrets.push(secret);
  const cm = named('extraEnvVarsCM') ?? named('extraEnvVarsConfigMap');
  if (cm) opaque.push(cm);
  const envFrom = valueAt(root, ['envFrom']);
  if (envFrom?.kind === 'seq') {
    for (const item of envFrom.items) {
      const s = valueAt(item, ['secretRef']);
      const c = valueAt(item, ['configMapRef']);
      if (s) secrets.push(s.at);
      else if (c) opaque.push(c.at);
    }
  }
  return {
    kind: 'unit',
    subject: `helm:${group || '.'}`,
    label: `Helm values ${group || '.'}`,
    file,
    environment,
    source: 'helm',
    image,
    at: root.at,
    env: [...settings.values()],
    ...(opaque.length ? { opaque } : {}),
    ...(secrets.length ? { secrets } : {}),
  };
}
