/**
 * `kubectl kustomize` semantics on the patch types a Kustomize overlay uses, written from the
 * examples of the Kustomize documentation (kubectl.docs.kubernetes.io: inline patch, patches with
 * targets, patchesStrategicMerge, patchesJson6902, components, generators, images). Each case
 * states the output `kubectl kustomize` prints for it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/engine/kit/context';
import { textOf, valueAt, type PNode } from '../../../src/engine/kit/yaml-tree';
import { buildKustomization, kindOf, nameOf } from '../../../scanners/kubernetes/kustomize/build';

const scratch = mkdtempSync(join(tmpdir(), 'redis-auth-kustomize-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

/** Writes a tree of files and builds the kustomization in `dir`. */
function kustomize(files: Record<string, string>, dir: string) {
  const root = join(scratch, String(n++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { ctx } = createContext(root);
  const built = buildKustomization(dir, ctx);
  const get = (kind: string, name: string) => built.items.find((i) => kindOf(i.node) === kind && nameOf(i.node) === name)?.node;
  return { built, get };
}

/** The plain value of a positioned tree (what `kubectl kustomize` would print). */
function plain(node: PNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'map') return Object.fromEntries([...node.entries].map(([k, e]) => [k, plain(e.value)]));
  if (node.kind === 'seq') return node.items.map(plain);
  return node.value;
}

const container = (node: PNode | undefined) => plain(valueAt(node, ['spec', 'template', 'spec', 'containers']))?.valueOf() as Record<string, unknown>[] | undefined;

const BASE = {
  'base/kustomization.yaml': 'resources:\n- deployments.yaml\n',
  'base/deployments.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deploy
spec:
  template:
    metadata:
      labels:
        foo: bar
    spec:
      containers:
        - name: nginx
          image: nginx
          args:
          - arg1
          - arg2
`,
};

describe('kustomize: the documentation\'s inline patch example', () => {
  it('patchesStrategicMerge (inline): the image changes, the args stay', () => {
    const { get } = kustomize(
      {
        ...BASE,
        'smp/kustomization.yaml': `resources:
- ../base
patchesStrategicMerge:
- |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: deploy
  spec:
    template:
      spec:
        containers:
          - name: nginx
            image: nginx:latest
`,
      },
      'smp',
    );
    expect(container(get('Deployment', 'deploy'))).toEqual([{ name: 'nginx', image: 'nginx:latest', args: ['arg1', 'arg2'] }]);
  });

  it('patchesJson6902 (inline): replace /spec/template/spec/containers/0/image', () => {
    const { get } = kustomize(
      {
        ...BASE,
        'json/kustomization.yaml': `resources:
- ../base
patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: deploy
  patch: |-
    - op: replace
      path: /spec/template/spec/containers/0/image
      value: nginx:latest
`,
      },
      'json',
    );
    const node = get('Deployment', 'deploy');
    expect(container(node)).toEqual([{ name: 'nginx', image: 'nginx:latest', args: ['arg1', 'arg2'] }]);
    // The value points at the patch line in the kustomization.
    const image = valueAt(node, ['spec', 'template', 'spec', 'containers'])!;
    expect(image.kind === 'seq' && valueAt(image.items[0], ['image'])!.at).toMatchObject({ file: 'json/kustomization.yaml', line: 12 });
  });

  it('patches (inline, auto-detected as a strategic merge patch)', () => {
    const { get } = kustomize(
      {
        ...BASE,
        'patch/kustomization.yaml': `resources:
- ../base
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: deploy
    spec:
      template:
        spec:
          containers:
            - name: nginx
              image: nginx:latest
`,
      },
      'patch',
    );
    expect(container(get('Deployment', 'deploy'))).toEqual([{ name: 'nginx', image: 'nginx:latest', args: ['arg1', 'arg2'] }]);
  });
});

describe('kustomize: patching multiple objects (target selectors)', () => {
  const files = {
    'kustomization.yaml': `resources:
- deployments.yaml
patches:
- path: patch.yaml
  target:
    kind: Deployment
`,
    'deployments.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deploy1
spec:
  template:
    spec:
      containers:
      - name: nginx
        image: nginx
        args: [one, two]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: deploy2
  labels: {app: hello}
spec:
  template:
    spec:
      containers:
      - name: busybox
        image: busybox
---
apiVersion: v1
kind: Service
metadata:
  name: svc
spec: {type: ClusterIP}
`,
    'patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: not-important
spec:
  template:
    spec:
      containers:
      - name: istio-proxy
        image: docker.io/istio/proxyv2
        args: [proxy, sidecar]
`,
  };
  it('injects the sidecar into every Deployment (containers merge by name), keeps names, leaves the Service', () => {
    const { built, get } = kustomize(files, '');
    expect(container(get('Deployment', 'deploy1'))).toEqual([
      { name: 'nginx', image: 'nginx', args: ['one', 'two'] },
      { name: 'istio-proxy', image: 'docker.io/istio/proxyv2', args: ['proxy', 'sidecar'] },
    ]);
    expect(container(get('Deployment', 'deploy2'))?.map((c) => c.name)).toEqual(['busybox', 'istio-proxy']);
    expect(plain(get('Service', 'svc'))).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { type: 'ClusterIP' } });
    expect([...built.patchFiles]).toEqual(['patch.yaml']);
  });
  it('a name and label selector narrows the target (name is an anchored regular expression)', () => {
    const { get } = kustomize({ ...files, 'kustomization.yaml': files['kustomization.yaml'].replace('kind: Deployment', 'kind: Deployment\n    labelSelector: app=hello') }, '');
    expect(container(get('Deployment', 'deploy1'))?.map((c) => c.name)).toEqual(['nginx']);
    expect(container(get('Deployment', 'deploy2'))?.map((c) => c.name)).toEqual(['busybox', 'istio-proxy']);
    const byName = kustomize({ ...files, 'kustomization.yaml': files['kustomization.yaml'].replace('kind: Deployment', 'name: deploy') }, '');
    expect(container(byName.get('Deployment', 'deploy1'))?.map((c) => c.name)).toEqual(['nginx']);
  });
});

describe('kustomize: strategic merge semantics a Redis overlay relies on', () => {
  const base = {
    'base/kustomization.yaml': 'resources: [cache.yaml]\n',
    'base/cache.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache}
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2
          args: ["--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes"]
          env:
            - {name: TZ, value: UTC}
            - {name: REDIS_PASSWORD, valueFrom: {secretKeyRef: {name: cache, key: password}}}
        - name: exporter
          image: oliver006/redis_exporter
`,
  };
  const overlay = (patch: string) => kustomize({ ...base, 'o/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: p.yaml\n', 'o/p.yaml': patch }, 'o');
  const head = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: cache}\nspec:\n  template:\n    spec:\n      containers:\n';

  it('args are replaced whole: a patch that sets args without --requirepass drops it', () => {
    const { get } = overlay(`${head}        - name: redis\n          args: ["--maxmemory", "1gb"]\n`);
    const redis = container(get('StatefulSet', 'cache'))![0];
    expect(redis.args).toEqual(['--maxmemory', '1gb']);
    expect(redis.image).toBe('redis:7.2');
  });
  it('env merges by name: a new variable is added, a named one is changed, the rest stays', () => {
    const { get } = overlay(`${head}        - name: redis\n          env:\n            - {name: TZ, value: Europe/Paris}\n            - {name: LOG, value: debug}\n`);
    expect(container(get('StatefulSet', 'cache'))![0].env).toEqual([
      { name: 'TZ', value: 'Europe/Paris' },
      { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'cache', key: 'password' } } },
      { name: 'LOG', value: 'debug' },
    ]);
  });
  it('`$patch: delete` removes a container; `null` removes a field', () => {
    const { get } = overlay(`${head}        - name: exporter\n          $patch: delete\n        - name: redis\n          args: null\n`);
    expect(container(get('StatefulSet', 'cache'))).toEqual([
      { name: 'redis', image: 'redis:7.2', env: [{ name: 'TZ', value: 'UTC' }, { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'cache', key: 'password' } } }] },
    ]);
  });
  it('JSON 6902 add/remove on list items (`-` appends)', () => {
    const k = kustomize(
      {
        ...base,
        'o/kustomization.yaml': `resources: [../base]
patches:
  - target: {kind: StatefulSet, name: cache}
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/args/-
        value: --protected-mode
      - op: remove
        path: /spec/template/spec/containers/1
`,
      },
      'o',
    );
    const cs = container(k.get('StatefulSet', 'cache'))!;
    expect(cs.map((c) => c.name)).toEqual(['redis']);
    expect(cs[0].args).toEqual(['--requirepass', '$(REDIS_PASSWORD)', '--appendonly', 'yes', '--protected-mode']);
  });
  it('images: newName/newTag retag every matching container; namespace applies to all', () => {
    const k = kustomize(
      { ...base, 'o/kustomization.yaml': 'namespace: cache-prod\nresources: [../base]\nimages:\n  - name: redis\n    newName: bitnami/redis\n    newTag: "7.4"\n' },
      'o',
    );
    const node = k.get('StatefulSet', 'cache');
    expect(container(node)!.map((c) => c.image)).toEqual(['bitnami/redis:7.4', 'oliver006/redis_exporter']);
    expect(textOf(valueAt(node, ['metadata', 'namespace']))).toBe('cache-prod');
  });
});

describe('kustomize: generators and components', () => {
  it('configMapGenerator files and literals, merged by a later overlay (behavior: merge)', () => {
    const { get, built } = kustomize(
      {
        'base/kustomization.yaml': 'configMapGenerator:\n  - name: redis\n    files: [conf/redis.conf]\n    literals: [MODE=primary]\n',
        'base/conf/redis.conf': 'appendonly yes\n',
        'o/kustomization.yaml': 'resources: [../base]\nconfigMapGenerator:\n  - name: redis\n    behavior: merge\n    literals: [MODE=replica]\nsecretGenerator:\n  - name: redis-auth\n    literals: [password=s3cr3t-Value-42]\n',
      },
      'o',
    );
    expect(plain(valueAt(get('ConfigMap', 'redis'), ['data']))).toEqual({ 'redis.conf': 'appendonly yes\n', MODE: 'replica' });
    // The file's text keeps its own lines, for the conf checks.
    expect(valueAt(get('ConfigMap', 'redis'), ['data', 'redis.conf'])!.at).toMatchObject({ file: 'base/conf/redis.conf', line: 1 });
    expect(plain(valueAt(get('Secret', 'redis-auth'), ['stringData']))).toEqual({ password: 's3cr3t-Value-42' });
    expect(built.files.has('base/conf/redis.conf')).toBe(true);
  });
  it('a Component patches what its parent gathered', () => {
    const { get } = kustomize(
      {
        'base/kustomization.yaml': 'resources: [svc.yaml]\n',
        'base/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: cache}\nspec: {type: ClusterIP}\n',
        'comp/kustomization.yaml': 'kind: Component\npatches:\n  - target: {kind: Service}\n    patch: |-\n      - op: replace\n        path: /spec/type\n        value: NodePort\n',
        'dev/kustomization.yaml': 'resources: [../base]\ncomponents: [../comp]\n',
      },
      'dev',
    );
    expect(textOf(valueAt(get('Service', 'cache'), ['spec', 'type']))).toBe('NodePort');
  });
  it('a cycle is one diagnostic, not a hang', () => {
    const { built } = kustomize({ 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a]\n' }, 'a');
    expect(built.diagnostics.map((d) => d.message)).toEqual(['kustomization includes itself or nests too deep; not followed']);
  });
});
