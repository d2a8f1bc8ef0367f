/**
 * Kustomize folders that Argo CD Applications deploy (a `source.path`, or one of `sources:`, with
 * no `chart` and no `helm:` block), each with the environment its Application names: an overlay
 * whose folder names none (`overlays/eu1/`) is built in that environment, like `overlays/prod/`.
 */
import { environmentOf, type Environment } from '../../src/core/environment';
import { joinPath } from '../../src/engine/kit/helm-values/chart';
import { cleanRelative, readRepoPath } from '../../src/engine/kit/helm-values/values-file';
import type { ScanContext, SourceFile } from '../../src/engine/kit/contract';
import { textOf, valueAt, type PMap } from '../../src/engine/kit/yaml-tree';
import { applicationSetElements, identityEnvironment } from './argo-generators';
import { dirname } from './kustomize/build';
import { loadResources, seqMaps } from './manifests';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kustomization folder -> the environment of the first Application that deploys it. */
export function argoKustomizeEnvironments(files: readonly SourceFile[], ctx: ScanContext): Map<string, Environment> {
  const out = new Map<string, Environment>();
  for (const file of files) {
    if (!file.text.includes('argoproj.io/')) continue;
    for (const r of loadResources(file).resources) {
      if (!r.apiVersion.startsWith('argoproj.io/') || (r.kind !== 'Application' && r.kind !== 'ApplicationSet')) continue;
      const spec = r.kind === 'ApplicationSet' ? valueAt(r.node, ['spec', 'template', 'spec']) : valueAt(r.node, ['spec']);
      const sources = [valueAt(spec, ['source']), ...seqMaps(valueAt(spec, ['sources']))].filter((s): s is PMap => s?.kind === 'map' && !s.entries.has('chart') && !s.entries.has('helm'));
      if (sources.length === 0) continue;
      const elements = r.kind === 'ApplicationSet' ? applicationSetElements(r, ctx, [], false) : [{ fill: (t: string) => t, environment: undefined }];
      for (const { fill, environment } of elements) {
        const env = environment ?? environmentOf(r.file.path, ctx.environment) ?? identityEnvironment(r, spec, fill, ctx);
        if (env === undefined) continue;
        for (const source of sources) {
          const pathText = textOf(valueAt(source, ['path']));
          const path = pathText === undefined ? undefined : cleanRelative(fill(pathText).replace(/\/+$/, ''));
          if (!path) continue;
          const k = KUSTOMIZATION_NAMES.map((n) => readRepoPath(r.file.path, joinPath(path, n), ctx)).find(Boolean);
          if (k && !out.has(dirname(k.path))) out.set(dirname(k.path), env);
        }
      }
    }
  }
  return out;
}
