/** environmentOf, memoised per options object: it rebuilds its alias table on every call. */
import { environmentOf, type Environment, type EnvironmentOptions } from './environment';

const cache = new WeakMap<EnvironmentOptions, Map<string, Environment | undefined>>();

export function environmentOfFile(path: string, options: EnvironmentOptions): Environment | undefined {
  let byPath = cache.get(options);
  if (!byPath) cache.set(options, (byPath = new Map<string, Environment | undefined>()));
  if (!byPath.has(path)) byPath.set(path, environmentOf(path, options));
  return byPath.get(path);
}

/** Production and staging files get the stricter severity. */
export function isStrictFile(path: string, options: EnvironmentOptions): boolean {
  const env = environmentOfFile(path, options);
  return env === 'prod' || env === 'staging';
}

/** Test/CI files hold throwaway credentials: their literal passwords are notes, not warnings. */
export function isTestFile(path: string, options: EnvironmentOptions): boolean {
  return environmentOfFile(path, options) === 'test';
}
