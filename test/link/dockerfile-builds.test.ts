/**
 * Which workspace package a Dockerfile built from a monorepo root builds (src/link/dockerfile-builds.ts),
 * and what that decides: the compose `build:` units and the images that run the package.
 */
import { describe, expect, it } from 'vitest';
import type { UnitFact } from '../../src/core/facts';
import { readPackages } from '../../src/link';
import { addDockerfileBuilds, copiesFromContext, dockerfileBuilds } from '../../src/link/dockerfile-builds';
import { addImageHints, productHints } from '../../src/link/images';
import { linkReason } from '../../src/link/model';
import { imageMatches } from '../../src/link/packages';

const packages = () =>
  readPackages([
    { path: 'package.json', text: '{"name":"@acme/root"}' },
    { path: 'apps/web/package.json', text: '{"name":"@acme/web","dependencies":{"@acme/lib":"*"}}' },
    { path: 'apps/api/package.json', text: '{"name":"api"}' },
    { path: 'packages/lib/package.json', text: '{"name":"@acme/lib"}' },
    { path: 'nginx/package.json', text: '{"name":"edge"}' },
  ]);

const builds = (text: string, byNameOnly = false) => dockerfileBuilds(text, packages(), byNameOnly);

describe('workspace selectors name the package', () => {
  it.each([
    ['turbo prune --scope', 'RUN turbo prune --scope=@acme/web --docker'],
    ['turbo prune with the package as argument', 'RUN npx -q turbo@2.1.0 prune @acme/web --docker'],
    ['turbo run --filter with dependencies', 'RUN turbo run build --filter=@acme/web...'],
    ['turbo --filter without itself', 'RUN turbo run build --filter "@acme/web^..."'],
    ['pnpm --filter by path', 'RUN pnpm --filter ./apps/web build'],
    ['pnpm -F by braced path', 'RUN pnpm -F {apps/web} deploy /out'],
    ['npm --workspace', 'RUN npm ci && npm run build --workspace=@acme/web'],
    ['npm -w', 'RUN npm run build -w @acme/web'],
    ['yarn workspace', 'RUN yarn workspace @acme/web build'],
    ['yarn workspaces focus', 'RUN yarn workspaces focus @acme/web --production'],
    ['npm -w by folder', 'RUN npm run build -w apps/web'],
    ['nx build, the project by its folder name', 'RUN npx nx build web --prod'],
    ['nx run', 'RUN npx nx run web:build:production'],
    ['nx run-many', 'RUN npx nx run-many -t build --projects=web'],
    ['a continued RUN with a comment line inside', 'RUN npm ci \\\n# build the app\n  && npm run build --workspace \\\n  @acme/web'],
  ])('%s', (_, line) => {
    expect(builds(`FROM node:22\nWORKDIR /app\nCOPY . .\n${line}\n`)).toEqual(['apps/web']);
  });

  it('a name beats the paths: the final stage copying a library does not make it the target', () => {
    expect(builds('FROM node:22 AS b\nRUN turbo prune --scope=api\nFROM node:22\nWORKDIR /app\nCOPY --from=b /app/packages/lib ./packages/lib\n')).toEqual(['apps/api']);
  });

  it('look-alikes select nothing: pnpm -w (the root), exclusions, globs, variables, another tool, a comment', () => {
    expect(builds('FROM node:22\nRUN pnpm -w run build\n')).toEqual([]);
    expect(builds('FROM node:22\nRUN pnpm --filter "!@acme/web" --filter "@acme/*" build\n')).toEqual([]);
    expect(builds('FROM node:22\nARG APP\nRUN turbo prune --scope=$APP --docker\n')).toEqual([]);
    expect(builds('FROM node:22\nRUN grep -F @acme/web package.json\n')).toEqual([]);
    expect(builds('FROM node:22\n# RUN turbo prune --scope=@acme/web\n')).toEqual([]);
    expect(builds('FROM node:22\nRUN turbo prune --scope=@acme/unknown\n')).toEqual([]);
    expect(builds('FROM node:22\nRUN npx nx run-many -t build --all && npx nx affected -t build && npx nx graph\n')).toEqual([]);
    // An Nx project name two folders share names neither.
    expect(dockerfileBuilds('FROM node:22\nRUN npx nx build web\n', [...packages(), ...readPackages([{ path: 'tools/web/package.json', text: '{"name":"web-tools"}' }])])).toEqual([]);
  });
});

describe('paths the final stage runs from', () => {
  it('its WORKDIR, under the base the build used', () => {
    expect(builds('FROM node:22 AS b\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM node:22\nWORKDIR /app/apps/web\nCMD ["node", "server.js"]\n')).toEqual(['apps/web']);
  });

  it('its CMD and the files it copies out of the build stage', () => {
    expect(builds('FROM node:22\nWORKDIR /srv\nCOPY . .\nCMD node apps/api/dist/main.js\n')).toEqual(['apps/api']);
    expect(builds('FROM node:22 AS b\nWORKDIR /app\nCOPY . .\nFROM node:22\nWORKDIR /app\nCOPY --from=b /app/apps/web/.next/standalone ./\nCMD ["node", "server.js"]\n')).toEqual(['apps/web']);
  });

  it("an earlier stage's WORKDIR is not what runs", () => {
    expect(builds('FROM node:22 AS b\nWORKDIR /app/apps/api\nRUN npm run build\nFROM nginx\nWORKDIR /usr/share/nginx/html\n')).toEqual([]);
  });

  it('one folder name is trusted only under the base WORKDIR: /etc/nginx is not the nginx package', () => {
    expect(builds('FROM nginx\nCOPY conf /etc/nginx/conf.d\nCMD ["nginx", "-c", "/etc/nginx/nginx.conf"]\n')).toEqual([]);
    expect(builds('FROM node:22\nWORKDIR /app\nCOPY . .\nWORKDIR /app/nginx\n')).toEqual(['nginx']);
  });
});

describe('package folders copied from the context', () => {
  it('the app, not the libraries it depends on', () => {
    expect(builds('FROM node:22\nWORKDIR /app\nCOPY packages/lib ./packages/lib\nCOPY apps/web ./apps/web\nRUN npm ci\n')).toEqual(['apps/web']);
  });

  it('a Dockerfile inside a package folder is read by names only (its paths are its own folder)', () => {
    expect(builds('FROM node:22\nCOPY apps/api ./\n', true)).toEqual([]);
    expect(builds('FROM node:22\nRUN turbo prune api\n', true)).toEqual(['apps/api']);
  });
});

describe('hostile input', () => {
  it('a binary, an endless continued instruction and broken JSON commands give nothing, quickly', () => {
    expect(builds('\u0000\u0001\u0002'.repeat(10_000))).toEqual([]);
    expect(builds(`RUN a \\\n${'  x \\\n'.repeat(200_000)}`)).toEqual([]);
    expect(builds('FROM node:22\nCMD ["node", "apps/web/server.js"\n')).toEqual(['apps/web']);
  });

  it('a Dockerfile that cannot be read is a one-line diagnostic naming it', () => {
    const diagnostics: string[] = [];
    addDockerfileBuilds(packages(), [{ path: 'docker/Dockerfile', text: null as unknown as string }], (file, message) => diagnostics.push(`${file}: ${message}`));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^docker\/Dockerfile: Dockerfile not read for the packages it builds: [^\n]+$/);
  });
});

describe('what it decides', () => {
  const at = { file: 'docker-compose.yml', line: 1, column: 1 };
  const unit = (build: UnitFact['build']): UnitFact => ({ kind: 'unit', subject: 's', label: 'u', file: 'docker-compose.yml', source: 'compose', at, env: [], build });

  it('a compose build of the repository root runs the package its Dockerfile builds, not the others in the context', () => {
    const p = packages();
    addDockerfileBuilds(p, [{ path: 'docker/Dockerfile', text: 'FROM node:22\nRUN turbo prune --scope=@acme/web\n' }], () => undefined);
    const web = p.find((x) => x.dir === 'apps/web')!;
    const api = p.find((x) => x.dir === 'apps/api')!;
    const root = p.find((x) => x.dir === '')!;
    const built = unit({ context: '.', dockerfile: 'docker/Dockerfile', at });
    expect(linkReason(built, web, p)).toBe('Dockerfile docker/Dockerfile builds apps/web');
    expect(linkReason(built, api, p)).toBeUndefined();
    expect(linkReason(built, root, p)).toBeUndefined();
    // A build whose Dockerfile says nothing keeps the folder rules.
    expect(linkReason(unit({ context: 'apps/api', at }), api, p)).toBe('build context apps/api');
  });

  it("the project's image (named after the root package's npm scope) is the package the root Dockerfile builds", () => {
    const p = packages();
    addDockerfileBuilds(p, [{ path: 'docker/Dockerfile', text: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN turbo prune --scope=@acme/web\n' }], () => undefined);
    addImageHints(p, productHints(p, ['docker/Dockerfile']));
    expect(imageMatches('ghcr.io/acme/acme:latest', p.find((x) => x.dir === 'apps/web')!)).toBe(true);
    expect(imageMatches('ghcr.io/acme/acme:latest', p.find((x) => x.dir === '')!)).toBe(false);
    // A second Dockerfile building another package: no guess.
    addDockerfileBuilds(p, [{ path: 'Dockerfile.api', text: 'FROM node:22\nRUN turbo prune api\n' }], () => undefined);
    expect(productHints(p, ['docker/Dockerfile', 'Dockerfile.api'])).toEqual([]);
  });

  it('a Dockerfile that only extends a published image copies nothing of the repository', () => {
    expect(copiesFromContext('ARG TAG=latest\nFROM acme/acme:${TAG}\nRUN npm install @playwright/browser-chromium\n')).toBe(false);
    expect(copiesFromContext('FROM node:22 AS b\nFROM node:22\nCOPY --from=b /app /app\nADD https://example.com/x.tgz /x\n')).toBe(false);
    expect(copiesFromContext('FROM node:22\nCOPY --chown=node . .\n')).toBe(true);
  });
});
