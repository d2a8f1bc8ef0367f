/**
 * Kubernetes manifest scanner: Redis-family containers in workloads (auth from image conventions,
 * command/args, env, a mounted ConfigMap conf), ConfigMaps holding redis.conf, Services and host
 * ports that publish Redis, committed Secrets with Redis passwords, and Helm values embedded in
 * Flux HelmReleases and Argo CD Applications. Facts: one ServerFact per Redis container.
 */
import { environmentOf } from '../../src/core/environment';
import { compareFindings, dedupeFindings, type Finding } from '../../src/core/finding';
import { makeFinding } from '../../src/engine/kit/literal';
import { boolOf, entryAt, textOf, valueAt, type PMap } from '../../src/engine/kit/yaml-tree';
import { buildKustomization, dirname, KUSTOMIZATION_FILE } from './kustomize/build';
import { emptyResult, mergeResults, type ScanContext, type Scanner, type SourceFile } from '../../src/engine/kit/contract';
import { K8S_CHECKS, K8S_REDIS_EXPOSED } from './checks';
import { ConfIndex } from './configmaps';
import { analyzeContainer, envEntries, envLiteralFindings, probeFindings } from './container';
import { analyzeHelmResource, isHelmResource } from './helm-resources';
import { argoKustomizeEnvironments } from './argo-paths';
import { classifyImage, imagePath } from '../../src/core/images';
import { mentionsRedis } from '../../src/core/redis-names';
import { loadResources, podTemplateOf, seqMaps, type Resource } from './manifests';
import { serviceFindings, type RedisWorkload } from './services';
import { secretFindings } from './secrets';
import { resourceIndex, workloadUnit } from './unit';

export { K8S_CHECKS } from './checks';

/** Beyond a Redis-family name (src/core/redis-names): the default port or a `requirepass` flag. */
const HINT = /6379|requirepass/i;

export const kubernetesScanner: Scanner = {
  kind: 'kubernetes',
  checks: K8S_CHECKS,
  fileNames: ['*.yml', '*.yaml'],
  detect(path, text, hints) {
    // Overlays name no Redis themselves: every kustomization is read, and built when it names an environment.
    if (KUSTOMIZATION_FILE.test(path)) return /^\s*(resources|bases|components|patches\w*|configMapGenerator|secretGenerator|images)\s*:/m.test(text);
    if (!/\.ya?ml$/i.test(path)) return false;
    // Helm templates are not YAML until rendered.
    if (/(^|\/)templates\//.test(path) && text.includes('{{')) return false;
    const aboutRedis = mentionsRedis(text) || HINT.test(text) || (hints?.extraImages ?? []).some((image) => image !== '' && text.includes(imagePath(image)));
    return aboutRedis && /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text);
  },
  scan(files, ctx) {
    return scanManifests(files, ctx);
  },
};

export function scanManifests(files: SourceFile[], ctx: ScanContext) {
  const result = emptyResult();
  const kustomizations = files.filter((f) => KUSTOMIZATION_FILE.test(f.path));
  const overlays: { file: SourceFile; environment: string; own: string[]; resources: Resource[] }[] = [];
  const patchFiles = new Set<string>();
  // ConfigMaps a kustomization that names no environment generates: the workloads
  // of its folder mount them (a `configMapGenerator` redis.conf started with `--requirepass`).
  const generated: Resource[] = [];
  // An overlay in a folder that names no environment takes the one of the Argo CD Application deploying it.
  const deployedIn = kustomizations.length ? argoKustomizeEnvironments(files, ctx) : new Map<string, string>();
  for (const k of kustomizations) {
    const built = buildKustomization(dirname(k.path), ctx);
    built.patchFiles.forEach((p) => patchFiles.add(p));
    result.diagnostics.push(...built.diagnostics);
    const environment = environmentOf(k.path, ctx.environment) ?? deployedIn.get(dirname(k.path));
    if (environment === undefined) {
      // Generated ones only (an overlay's `behavior: merge` generator keeps the base's place).
      generated.push(...built.items.filter((i) => KUSTOMIZATION_FILE.test(i.node.at.file) && textOf(valueAt(i.node, ['kind'])) === 'ConfigMap').flatMap((i) => resourceOf(k, i.node)));
      continue;
    }
    const dir = dirname(k.path);
    const own = [...built.files].filter((f) => f !== k.path && (dir === '' || f.startsWith(`${dir}/`))).sort();
    overlays.push({ file: k, environment, own, resources: built.items.flatMap((i) => resourceOf(k, i.node)) });
  }
  const resources: Resource[] = [];
  for (const file of files) {
    // A patch is part of a resource, not a resource: it is checked inside the overlays that apply it.
    if (KUSTOMIZATION_FILE.test(file.path) || patchFiles.has(file.path)) continue;
    const loaded = loadResources(file);
    resources.push(...loaded.resources);
    result.diagnostics.push(...loaded.diagnostics);
  }
  mergeResults(result, analyzeResources([...resources, ...generated], ctx, (path) => environmentOf(path, ctx.environment)));
  // Each overlay's effective resources, as `kubectl kustomize` renders them, in its environment.
  for (const overlay of overlays) {
    const analysed = analyzeResources(overlay.resources, ctx, () => overlay.environment);
    for (const fact of analysed.facts) if (overlay.own.length) fact.ownFiles = overlay.own;
    mergeResults(result, analysed);
  }
  result.findings = dedupeFindings(result.findings).sort(compareFindings);
  return result;
}

function resourceOf(file: SourceFile, node: PMap): Resource[] {
  const kind = textOf(valueAt(node, ['kind']));
  const apiVersion = textOf(valueAt(node, ['apiVersion'])) ?? '';
  if (!kind) return [];
  return [{ file, kind, apiVersion, name: textOf(valueAt(node, ['metadata', 'name'])) ?? '(unnamed)', namespace: textOf(valueAt(node, ['metadata', 'namespace'])), node }];
}

/** Facts and findings of a set of resources that deploy together (the files given, or one overlay). */
function analyzeResources(resources: Resource[], ctx: ScanContext, envOf: (path: string) => string | undefined) {
  const result = emptyResult();
  const confs = new ConfIndex(resources);
  const workloads: RedisWorkload[] = [];
  const referencedSecrets = new Set<string>();
  const findings: Finding[] = [];
  const index = resourceIndex(resources);

  for (const resource of resources) {
    const pod = podTemplateOf(resource);
    if (!pod) continue;
    const workload: RedisWorkload = { resource, labels: pod.labels, ports: [], facts: [] };
    const hostNetwork = entryAt(pod.spec, ['hostNetwork']);
    seqMaps(valueAt(pod.spec, ['containers'])).forEach((container, i) => {
      const name = textOf(valueAt(container, ['name'])) ?? String(i);
      const anchor = `${resource.kind}/${resource.name}.${pod.path.join('.')}.containers.${name}`;
      const image = classifyImage(textOf(valueAt(container, ['image'])), ctx.extraImages);
      findings.push(...probeFindings(container, anchor));
      if (!image) {
        // An app container can still commit the Redis password it connects with.
        findings.push(...envLiteralFindings(envEntries(container), anchor, false));
        const unit = workloadUnit(resource, container, name, envOf(resource.file.path), index);
        if (unit) (result.units ??= []).push(unit);
        return;
      }
      const analysed = image.role === 'sentinel' ? undefined : analyzeContainer({ resource, pod, container, anchor, image, confs, environment: envOf(resource.file.path) });
      if (!analysed) {
        // A sentinel: its own auth is out of scope here, its committed passwords are not.
        findings.push(...envLiteralFindings(envEntries(container), anchor, true));
        return;
      }
      findings.push(...analysed.findings);
      analysed.secrets.forEach((s) => referencedSecrets.add(s));
      workload.ports.push(...analysed.ports);
      workload.facts.push(analysed.fact);
      findings.push(...hostExposure(container, hostNetwork, analysed.fact, anchor, resource));
    });
    if (workload.facts.length) workloads.push(workload);
  }
  findings.push(...serviceFindings(resources.filter((r) => r.kind === 'Service'), workloads));
  findings.push(...secretFindings(resources.filter((r) => r.kind === 'Secret'), referencedSecrets));
  confs.analyzeUnused(envOf);
  findings.push(...confs.findings);
  for (const r of resources) if (isHelmResource(r)) mergeResults(result, analyzeHelmResource(r, envOf(r.file.path), ctx, resources));

  result.facts.push(...workloads.flatMap((w) => w.facts));
  result.findings.push(...findings);
  return result;
}

/** hostNetwork and hostPort put Redis on the node's own address. */
function hostExposure(
  container: Parameters<typeof envEntries>[0],
  hostNetwork: ReturnType<typeof entryAt>,
  fact: RedisWorkload['facts'][number],
  anchor: string,
  resource: Resource,
): Finding[] {
  const out: Finding[] = [];
  const open = fact.auth === 'none';
  const severity = open ? 'error' : K8S_REDIS_EXPOSED.defaultSeverity;
  const tail = open ? ', and it has no password' : '';
  if (hostNetwork && boolOf(hostNetwork.value) === true) {
    const at = { ...hostNetwork.keyAt, anchor: `${resource.kind}/${resource.name}.hostNetwork` };
    Object.assign(fact, { exposure: 'public', exposureAt: at });
    out.push(makeFinding(K8S_REDIS_EXPOSED, at, `\`hostNetwork: true\` binds Redis on the node's own network interfaces${tail}. Remove it and reach Redis through a ClusterIP Service.`, at.anchor, severity));
  }
  for (const port of seqMaps(valueAt(container, ['ports']))) {
    const hostPort = entryAt(port, ['hostPort']);
    if (!hostPort || !textOf(hostPort.value)) continue;
    const at = { ...hostPort.keyAt, anchor: `${anchor}.ports.hostPort` };
    Object.assign(fact, { exposure: 'public', exposureAt: at });
    out.push(makeFinding(K8S_REDIS_EXPOSED, at, `\`hostPort: ${textOf(hostPort.value)}\` publishes Redis on every node it runs on${tail}. Remove it and reach Redis through a ClusterIP Service.`, at.anchor, severity));
  }
  return out;
}
