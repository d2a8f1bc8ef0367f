/**
 * Compose's merge rules (compose-spec 13-merge.md), on service models: mappings merge key by key,
 * `command`/`entrypoint`/`healthcheck.test` are replaced, `ports` and `volumes` merge by their
 * unique key, `!reset` drops the inherited value and `!override` replaces instead of merging.
 * Every value keeps the position of the file that wrote it.
 */
import type { EnvVar, ServiceModel } from './model';

function mergeMap<T>(base: Map<string, T>, over: Map<string, T>, replace: boolean): Map<string, T> {
  if (replace) return new Map(over);
  const out = new Map(base);
  for (const [k, v] of over) out.set(k, v);
  return out;
}

function mergeByKey<T>(base: T[], over: T[], keyOf: (t: T) => string, replace: boolean): T[] {
  if (replace) return [...over];
  const out = new Map<string, T>();
  for (const item of base) out.set(keyOf(item), item);
  for (const item of over) out.set(keyOf(item), item);
  return [...out.values()];
}

function concat<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  return a && b ? [...a, ...b] : a ?? b;
}

/** Has `over` written this key at all (set, emptied or reset)? */
function writes(over: ServiceModel, key: keyof ServiceModel): boolean {
  return over[key] !== undefined;
}

/** `over` merged onto `base`, as a later `-f` file merges onto an earlier one. */
export function mergeService(base: ServiceModel, over: ServiceModel): ServiceModel {
  const r = (key: string) => over.reset.has(key);
  const o = (key: string) => over.override.has(key);
  const pick = <K extends 'image' | 'networkMode'>(key: K, yamlKey: string): ServiceModel[K] =>
    r(yamlKey) ? undefined : writes(over, key) ? over[key] : base[key];
  const replaceCmd = <K extends 'command' | 'entrypoint' | 'healthcheckTest'>(key: K, yamlKey: string): ServiceModel[K] =>
    r(yamlKey) ? null : writes(over, key) ? over[key] : base[key];
  return {
    name: over.name,
    file: over.file,
    at: over.at,
    image: pick('image', 'image'),
    networkMode: pick('networkMode', 'network_mode'),
    command: replaceCmd('command', 'command'),
    entrypoint: replaceCmd('entrypoint', 'entrypoint'),
    healthcheckTest: r('healthcheck') ? null : replaceCmd('healthcheckTest', 'healthcheck'),
    environment: r('environment') ? new Map(over.environment) : mergeMap(base.environment, over.environment, o('environment')),
    envFileVars: r('env_file') ? new Map<string, EnvVar>() : mergeMap(base.envFileVars, over.envFileVars, o('env_file')),
    envFilesUnread: r('env_file') ? undefined : o('env_file') ? over.envFilesUnread : concat(base.envFilesUnread, over.envFilesUnread),
    ports: r('ports') ? [] : mergeByKey(base.ports, over.ports, (p) => p.key, o('ports')),
    volumes: r('volumes') ? [] : mergeByKey(base.volumes, over.volumes, (v) => v.target, o('volumes')),
    secrets: r('secrets') ? [] : mergeByKey(base.secrets, over.secrets, (x) => x.target, o('secrets')),
    aliases: [...new Set([...base.aliases, ...over.aliases])],
    profiles: r('profiles') ? [] : over.profiles.length > 0 ? over.profiles : base.profiles,
    build: r('build') ? undefined : over.build ?? base.build,
    buildSpec: r('build') ? undefined : over.buildSpec ?? base.buildSpec,
    extends: over.extends ?? base.extends,
    reset: new Set(),
    override: new Set(),
  };
}
