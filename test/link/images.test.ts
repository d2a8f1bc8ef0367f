/**
 * Which image is which package beyond package.json: Dockerfile labels, CI build steps, compose
 * services that build and name an image, the product image named after the repository; and a
 * workspace library runs in the units of the apps that depend on it.
 */
import { describe, expect, it } from 'vitest';
import type { UnitFact } from '../../src/core/facts';
import { readPackages } from '../../src/link';
import { addImageHints, composeHints, dockerfileHints, productHints, workflowHints } from '../../src/link/images';
import { dependentsOf, imageMatches } from '../../src/link/packages';

const at = { file: 'docker-compose.yml', line: 1, column: 1 };

describe('Dockerfile labels', () => {
  it('OCI title and source name the image; continued lines are read', () => {
    const text = 'FROM node:22\nLABEL org.opencontainers.image.title="storefront" \\\n  org.opencontainers.image.source=https://github.com/Acme/shop.git\n';
    expect(dockerfileHints('apps/web/Dockerfile', text)).toEqual([
      { path: 'apps/web/Dockerfile', image: 'storefront' },
      { path: 'apps/web/Dockerfile', image: 'acme/shop' },
    ]);
  });

  it('look-alikes name nothing: other labels, build arguments, a label in a comment line', () => {
    const text = 'FROM node:22\nLABEL maintainer="x@acme.io" org.opencontainers.image.title=${NAME}\n# LABEL org.opencontainers.image.title=old\nRUN echo org.opencontainers.image.title=x\n';
    expect(dockerfileHints('Dockerfile', text)).toEqual([]);
  });
});

describe('CI build steps', () => {
  it('a job that builds one Dockerfile names its images (tags and metadata-action images)', () => {
    const text = `jobs:
  publish:
    steps:
      - uses: docker/metadata-action@v5
        with:
          images: |
            ghcr.io/acme/api
          tags: type=semver,pattern={{version}}
      - uses: docker/build-push-action@v6
        with:
          file: ./services/api/Dockerfile
          tags: \${{ steps.meta.outputs.tags }}
  worker:
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: services/worker
          tags: acme/worker:latest,acme/worker:\${{ github.sha }}
`;
    expect(workflowHints('.github/workflows/publish.yml', text)).toEqual([
      { path: 'services/api/Dockerfile', image: 'ghcr.io/acme/api' },
      { path: 'services/worker', image: 'acme/worker' },
    ]);
  });

  it('a templated owner, registry or tag keeps the literal image around it; a wholly templated name gives none', () => {
    const text = `jobs:
  publish:
    steps:
      - uses: docker/metadata-action@v5
        with:
          images: |
            ghcr.io/\${{ env.DOCKER_USERNAME }}/inbox-zero
            \${{ env.DOCKER_USERNAME }}/inbox-zero
            \${{ env.IMAGE }}
          tags: |
            type=sha,prefix=
      - uses: depot/build-push-action@v1
        with:
          context: .
          file: docker/Dockerfile.prod
          tags: \${{ steps.meta.outputs.tags }},ghcr.io/\${{ github.repository }}:latest,\${{ env.REGISTRY }}/acme/web:\${{ github.sha }}
`;
    expect(workflowHints('.github/workflows/publish.yml', text)).toEqual([
      { path: 'docker/Dockerfile.prod', image: 'inbox-zero' },
      { path: 'docker/Dockerfile.prod', image: 'acme/web' },
    ]);
  });

  it('a job that builds two things pairs no image with either', () => {
    const text = `jobs:
  all:
    steps:
      - with: { file: a/Dockerfile, tags: acme/a }
      - with: { file: b/Dockerfile, tags: acme/b }
`;
    expect(workflowHints('.github/workflows/all.yml', text)).toEqual([]);
  });
});

describe('packages get the hinted images', () => {
  const packages = () =>
    readPackages([
      { path: 'package.json', text: '{"name":"acme"}' },
      { path: 'apps/web/package.json', text: '{"name":"@acme/web","dependencies":{"@acme/cache":"*"}}' },
      { path: 'packages/cache/package.json', text: '{"name":"@acme/cache"}' },
      { path: 'examples/demo/package.json', text: '{"name":"demo","dependencies":{"@acme/cache":"*"}}' },
    ]);

  it('a compose service that builds apps/web and names its image; a Kubernetes unit running that image then links', () => {
    const p = packages();
    const unit: UnitFact = { kind: 'unit', subject: 's', label: 'u', file: 'f', source: 'compose', at, env: [], build: { context: 'apps/web', at }, image: { name: 'registry.acme.io/storefront:1', at } };
    addImageHints(p, composeHints([unit]));
    const web = p.find((x) => x.dir === 'apps/web')!;
    expect(imageMatches('registry.acme.io/storefront:2', web)).toBe(true);
    expect(imageMatches('registry.acme.io/storefront:2', p.find((x) => x.dir === 'packages/cache')!)).toBe(false);
  });

  it("the product image named after the root package is the only Dockerfile's package", () => {
    const p = packages();
    addImageHints(p, productHints(p, ['apps/web/Dockerfile']));
    expect(imageMatches('ghcr.io/acme/acme:latest', p.find((x) => x.dir === 'apps/web')!)).toBe(true);
    // Two packages with Dockerfiles, or one at the root: no guess.
    expect(productHints(p, ['apps/web/Dockerfile', 'packages/cache/Dockerfile'])).toEqual([]);
    expect(productHints(p, ['Dockerfile', 'apps/web/Dockerfile'])).toEqual([]);
  });

  it("images named with the project in front: the root's scope or name, then the package's bare name", () => {
    const scoped = readPackages([
      { path: 'package.json', text: '{"name":"@openpanel/root"}' },
      { path: 'apps/api/package.json', text: '{"name":"@openpanel/api"}' },
    ]);
    const api = scoped.find((x) => x.dir === 'apps/api')!;
    expect(imageMatches('lindesvard/openpanel-api:2', api)).toBe(true);
    expect(imageMatches('lindesvard/openpanel-apiserver:2', api)).toBe(false);
    expect(imageMatches('acme/other-api:2', api)).toBe(false);
    const plain = readPackages([
      { path: 'package.json', text: '{"name":"langfuse"}' },
      { path: 'worker/package.json', text: '{"name":"worker"}' },
    ]);
    expect(imageMatches('docker.langfuse.com/langfuse/langfuse-worker:4', plain.find((x) => x.dir === 'worker')!)).toBe(true);
    // The root package is the project itself: no `langfuse-langfuse`, and no prefix on its own name.
    expect(plain.find((x) => x.dir === '')!.images).toEqual(['langfuse']);
  });

  it('a workspace library runs in the apps that depend on it, not in example packages', () => {
    const p = packages();
    expect(dependentsOf(p.find((x) => x.dir === 'packages/cache')!, p).map((x) => x.dir)).toEqual(['apps/web']);
    expect(dependentsOf(p.find((x) => x.dir === 'apps/web')!, p)).toEqual([]);
  });
});
