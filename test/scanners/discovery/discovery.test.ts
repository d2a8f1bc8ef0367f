import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../../src/engine/discovery';
import { isCandidateName, scannersForName } from '../../../src/engine/registry';
import { makeRepo } from '../engine/helpers';

describe('isCandidateName', () => {
  it.each(['redis.conf', 'a/users.acl', 'values.yaml', 'compose.YML', '.env', '.env.production', 'prod.env'])('accepts %s', (p) => {
    expect(isCandidateName(p)).toBe(true);
  });
  it.each(['index.js', 'README.md', 'Dockerfile', 'env.ts', 'conf.d', 'values.yaml.bak', '.envrc'])('rejects %s', (p) => {
    expect(isCandidateName(p)).toBe(false);
  });
  it('comes from the names each scanner declares', () => {
    expect(scannersForName('deploy/redis.CONF').map((s) => s.kind)).toEqual(['sentinel', 'redis-conf', 'acl']);
    expect(scannersForName('values.yml').map((s) => s.kind)).toEqual(['compose', 'helm', 'kubernetes', 'app-config']);
    expect(scannersForName('config/production.json').map((s) => s.kind)).toEqual(['app-config']);
    expect(scannersForName('tsconfig.json').map((s) => s.kind)).toEqual([]);
    expect(scannersForName('app/.env.local').map((s) => s.kind)).toEqual(['dotenv']);
  });
});

describe('discoverFiles', () => {
  it('lists candidates by name, skipping dependency and build folders', () => {
    const root = makeRepo({
      'redis.conf': '',
      'deploy/values.yaml': '',
      'deploy/Chart.yaml': '',
      'app/.env': '',
      'app/.env.example': '',
      'app/index.js': '',
      'node_modules/pkg/redis.conf': '',
      'vendor/x/compose.yml': '',
      'dist/docker-compose.yml': '',
      'sub/.terraform/values.yaml': '',
      'UPPER.YAML': '',
    });
    expect(discoverFiles({ root }).files).toEqual([
      'UPPER.YAML',
      'app/.env',
      'app/.env.example',
      'deploy/Chart.yaml',
      'deploy/values.yaml',
      'redis.conf',
    ]);
  });

  it('with project: manifests and Dockerfiles in one list, JS/TS sources (no declarations) in another, never as candidates', () => {
    const root = makeRepo({
      'package.json': '{}',
      'compose.yml': '',
      'apps/web/package.json': '{}',
      'apps/web/Dockerfile': '',
      'docker/api.Dockerfile': '',
      'apps/web/src/redis.ts': '',
      'apps/web/src/page.tsx': '',
      'apps/web/src/types.d.ts': '',
      'apps/web/src/types.d.mts': '',
      'lib/queue.mjs': '',
      'lib/README.md': '',
      'node_modules/ioredis/index.js': '',
    });
    const found = discoverFiles({ root, project: true });
    expect(found.files).toEqual(['compose.yml']);
    expect(found.project).toEqual(['apps/web/Dockerfile', 'apps/web/package.json', 'docker/api.Dockerfile', 'package.json']);
    expect(found.sources).toEqual(['apps/web/src/page.tsx', 'apps/web/src/redis.ts', 'lib/queue.mjs']);
    // Sources are not vouched for as regular files: the reader checks the few it opens.
    expect([...found.regular].sort()).toEqual(['apps/web/Dockerfile', 'apps/web/package.json', 'compose.yml', 'docker/api.Dockerfile', 'package.json']);
    expect(discoverFiles({ root }).sources).toEqual([]);
  });

  it('honours root and nested .gitignore files, with negation', () => {
    const root = makeRepo({
      '.gitignore': 'secrets/\n*.local.yaml\n',
      'secrets/redis.conf': '',
      'a.local.yaml': '',
      'a.yaml': '',
      'svc/.gitignore': '.env\n!keep.local.yaml\n',
      'svc/.env': '',
      'svc/.env.example': '',
      'svc/keep.local.yaml': '',
    });
    expect(discoverFiles({ root }).files).toEqual(['a.yaml', 'svc/.env.example', 'svc/keep.local.yaml']);
    expect(discoverFiles({ root, noGitignore: true }).files).toHaveLength(6);
  });

  it('applies the config ignore globs', () => {
    const root = makeRepo({ 'a.yaml': '', 'test/fixtures/b.yaml': '', 'c.example.yaml': '' });
    expect(discoverFiles({ root, ignore: ['test/fixtures/', '*.example.yaml'] }).files).toEqual(['a.yaml']);
  });

  it('scans named paths only; a named file or ignored folder is scanned anyway', () => {
    const root = makeRepo({ '.gitignore': 'generated/\nodd.txt\n', 'generated/values.yaml': '', 'odd.txt': '', 'x/a.yaml': '', 'y/b.yaml': '' });
    expect(discoverFiles({ root, paths: ['x'] }).files).toEqual(['x/a.yaml']);
    expect(discoverFiles({ root, paths: ['odd.txt', join(root, 'y')] }).files).toEqual(['odd.txt', 'y/b.yaml']);
    expect(discoverFiles({ root, paths: ['generated'] }).files).toEqual(['generated/values.yaml']);
    expect(discoverFiles({ root }).files).toEqual(['x/a.yaml', 'y/b.yaml']);
  });

  it('reports missing and outside paths as diagnostics', () => {
    const root = makeRepo({ 'a.yaml': '' });
    const result = discoverFiles({ root, paths: ['nope', '..', 'a.yaml'] });
    expect(result.files).toEqual(['a.yaml']);
    expect(result.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual(['nope: path not found; skipped', '..: path is outside the scan root; skipped']);
  });

  it('never walks into a symlinked folder, but lists symlinked files for the reader to judge', () => {
    const outside = makeRepo({ 'redis.conf': '' });
    const root = makeRepo({ 'a.conf': '' });
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'redis.conf'), join(root, 'link.conf'));
    mkdirSync(join(root, 'folder.conf'));
    expect(discoverFiles({ root }).files).toEqual(['a.conf', 'link.conf']);
  });

  it('with `only`, judges the given files by name and ignores without walking', () => {
    const root = makeRepo({ 'a.yaml': '' });
    const result = discoverFiles({ root, only: ['a.yaml', 'deleted.conf', 'src/app.ts', 'node_modules/x.yaml', 'legacy/v.yaml'], ignore: ['legacy/'] });
    expect(result.files).toEqual(['a.yaml', 'deleted.conf']);
  });
});

describe('regular files (read without realpath checks)', () => {
  it('are the walked files with no symlink between the root and them', () => {
    const outside = makeRepo({ 'redis.conf': '' });
    const root = makeRepo({ 'a.conf': '', 'sub/b.conf': '' });
    symlinkSync(join(outside, 'redis.conf'), join(root, 'link.conf'));
    symlinkSync(outside, join(root, 'linked'));
    expect([...discoverFiles({ root }).regular].sort()).toEqual(['a.conf', 'sub/b.conf']);
    // A folder named on the command line that is itself a symlink: listed, but read the careful way.
    const viaLink = discoverFiles({ root, paths: ['linked'] });
    expect(viaLink.files).toEqual(['linked/redis.conf']);
    expect(viaLink.regular.size).toBe(0);
  });
});
