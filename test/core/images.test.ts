import { describe, expect, it } from 'vitest';
import { classifyImage, IMAGE_SPECS, imagePath } from '../../src/core/images';

describe('classifyImage: one answer for compose, Kubernetes and Helm templates', () => {
  it.each([
    ['redis', 'official'],
    ['redis:7.2-alpine', 'official'],
    ['docker.io/library/redis:7', 'official'],
    ['docker.io/redis:7.2@sha256:0123abcd', 'official'],
    ['public.ecr.aws/docker/library/redis:7@sha256:abc', 'official'],
    ['mirror.gcr.io/redis@sha256:abc', 'official'],
    ['localhost:5000/library/redis', 'official'],
    ['arm64v8/redis', 'official'],
    ['bitnami/redis:7.4', 'bitnami-redis'],
    ['docker.io/bitnamilegacy/redis:7.2.5', 'bitnami-redis'],
    ['bitnamisecure/redis:latest', 'bitnami-redis'],
    ['bitnami/redis-cluster:7.2', 'bitnami-redis'],
    ['bitnami/valkey', 'bitnami-valkey'],
    ['bitnami/valkey-cluster:8', 'bitnami-valkey'],
    ['bitnami/redis-sentinel:7', 'bitnami-sentinel'],
    ['bitnamilegacy/valkey-sentinel:8', 'bitnami-sentinel'],
    ['redis/redis-stack:latest', 'stack'],
    ['redis/redis-stack-server:7.2.0-v10', 'stack'],
    ['valkey/valkey:8', 'valkey'],
    ['ghcr.io/valkey/valkey:8', 'valkey'],
    ['valkey:8-alpine', 'valkey'],
    ['eqalpha/keydb:latest', 'keydb'],
    ['docker.dragonflydb.io/dragonflydb/dragonfly', 'dragonfly'],
    ['ghcr.io/dragonflydb/dragonfly:v1.21.2', 'dragonfly'],
    ['grokzen/redis-cluster:7.0.10', 'grokzen-cluster'],
    ['redislabs/client-libs-test:8.0.2', 'client-libs-test'],
    ['quay.io/opstree/redis:v7', 'generic'],
    ['ghcr.io/acme/redis:7', 'generic'],
  ])('%s is %s', (image, family) => {
    expect(classifyImage(image)?.family).toBe(family);
  });

  it.each([
    'postgres:16',
    'redis-commander:latest',
    'rediscommander/redis-commander',
    'oliver006/redis_exporter',
    'redis/redisinsight:latest',
    'bitnami/postgresql',
    'bitnami/redis-exporter',
    'dragonflyoss/dfdaemon',
    '{{ .Values.image.repository }}:{{ .Values.image.tag }}',
    '${REDIS_IMAGE}',
  ])('%s is not a Redis server', (image) => {
    expect(classifyImage(image)).toBeUndefined();
  });

  it('gives roles and products: a cluster, a sentinel, a server', () => {
    expect(classifyImage('grokzen/redis-cluster')).toMatchObject({ role: 'cluster', product: 'redis-cluster' });
    expect(classifyImage('bitnami/redis-cluster')).toMatchObject({ role: 'cluster', product: 'redis-cluster' });
    expect(classifyImage('bitnami/redis-sentinel')).toMatchObject({ role: 'sentinel', product: 'sentinel' });
    expect(classifyImage('docker.dragonflydb.io/dragonflydb/dragonfly')).toMatchObject({ role: 'server', product: 'dragonfly' });
  });

  it('accepts the user’s extra images', () => {
    expect(classifyImage('registry.corp:5000/platform/cache-hardened:1', ['platform/cache-hardened'])?.family).toBe('generic');
    expect(classifyImage('registry.corp:5000/platform/cache-hardened:1')).toBeUndefined();
  });

  it('keeps the repository path without registry, tag or digest', () => {
    expect(imagePath('ghcr.io/acme/redis:7@sha256:ab')).toBe('acme/redis');
    expect(classifyImage('docker.io/bitnami/redis:7')?.repository).toBe('bitnami/redis');
  });

  it('says how each image takes its password', () => {
    expect(IMAGE_SPECS['bitnami-redis'].passwordVars[0].password).toBe('REDIS_PASSWORD');
    expect(IMAGE_SPECS['bitnami-valkey'].passwordVars[0].password).toBe('VALKEY_PASSWORD');
    expect(IMAGE_SPECS.stack.flagVars).toEqual(['REDIS_ARGS']);
    expect(IMAGE_SPECS.valkey.flagVars).toEqual(['VALKEY_EXTRA_FLAGS']);
    expect(IMAGE_SPECS.dragonfly.flagEnvPrefix).toBe('DFLY_');
    expect(IMAGE_SPECS.official.passwordVars).toEqual([]);
  });
});
