/**
 * What a values file is the values of, from its path: the chart beside it (nearest Chart.yaml) or,
 * without one, the folder that holds the environments and the release its name gives
 * (`values/redis.yaml`, `redis-values-prod.yaml`). The helm scanner and every reference to a values
 * file (Argo CD `valueFiles`, Flux `valuesFrom`, Terraform `file()`) use it, so a file read
 * through its reference stays the same Redis as the file read on its own.
 */
import { environmentOf } from '../../../core/environment';
import type { ScanContext } from '../contract';
import { familyOfChartName, findChart, groupDirOf, type ChartInfo } from './chart';
import type { ChartLike } from './instances';

export interface ValuesFileOrigin {
  chart?: ChartInfo;
  chartLike: ChartLike;
  /** The folder that identifies the deployment (the chart's, or the environments' holder). */
  groupDir: string;
  subjectPrefix: string;
  /** Human name: `chart deploy/app`, `values in deploy`. */
  where: string;
}

/** `redis-values-prod.yaml` -> `redis`; `values/redis.yaml` -> `redis`; `values-prod.yaml` -> none. */
export function releaseOfValuesName(path: string, isEnvironmentName: (word: string) => boolean): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  const suffixed = /^([\w.-]+?)[._-]values\b/i.exec(name)?.[1];
  const inFolder = /(^|\/)values\/[^/]+$/i.test(path) ? name : undefined;
  const stem = suffixed ?? inFolder;
  if (!stem || /^values$/i.test(stem)) return undefined;
  const words = stem.split(/[._-]/).filter((w) => !isEnvironmentName(w));
  return words.length ? words.join('-') : undefined;
}

export function valuesFileOrigin(path: string, ctx: ScanContext, charts: Map<string, ChartInfo | null>): ValuesFileOrigin {
  const chart = findChart(path, ctx, charts);
  const isEnvironmentName = (name: string) => environmentOf(`${name}/x`, ctx.environment) !== undefined;
  if (chart) {
    return {
      chart,
      chartLike: { name: chart.name, family: chart.family, dependencies: chart.dependencies, known: true },
      groupDir: chart.dir,
      subjectPrefix: `helm:${chart.dir || '.'}`,
      where: `chart ${chart.dir || '.'}`,
    };
  }
  const groupDir = groupDirOf(path, isEnvironmentName);
  const release = releaseOfValuesName(path, isEnvironmentName);
  const id = release ? `${groupDir ? `${groupDir}/` : ''}${release}` : groupDir || '.';
  return {
    chartLike: { dependencies: [], known: false, nameHint: familyOfChartName(release) },
    groupDir,
    subjectPrefix: `helm:${id}`,
    where: `values in ${groupDir || '.'}${release ? ` (${release})` : ''}`,
  };
}


