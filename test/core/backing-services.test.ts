/** Backing-service images and code manifests: what makes a compose file a local dependency stack. */
import { describe, expect, it } from 'vitest';
import { isBackingServiceImage, isCodeManifest } from '../../src/core/backing-services';
import { tierOf } from '../../src/core/tiers';

describe('isBackingServiceImage', () => {
  it.each([
    'postgres:16',
    'docker.io/library/postgres:16-alpine@sha256:abc',
    'bitnami/postgresql:15',
    'mongo',
    'rabbitmq:3-management',
    'docker.elastic.co/elasticsearch/elasticsearch:8.13.0',
    'mcr.microsoft.com/mssql/server:2022-latest',
    'localhost:5000/mailhog/mailhog',
    'axllent/mailpit',
    // openpanel's dev stack: postgres, redis, clickhouse, redpanda and its console
    'redpandadata/redpanda:v25.1.4',
    'redpandadata/console:v3.7.2',
    'getmeili/meilisearch:v1.8',
    'jaegertracing/all-in-one:1.57',
    'quay.io/keycloak/keycloak:24.0',
  ])('%s is a backing service', (image) => expect(isBackingServiceImage(image)).toBe(true));

  it.each([
    undefined,
    '',
    'node:20-alpine',
    'ghcr.io/acme/queue-app:1.4',
    'nginx:1.27',
    '${APP_IMAGE}',
    'postgres-backup:1', // a job of the team's own, not the datastore
    'acme/server', // `server` alone is not `mssql/server`
    'acme/console', // `console` alone is not Redpanda's
    'acme/all-in-one',
  ])('%s is not', (image) => expect(isBackingServiceImage(image)).toBe(false));
});

describe('isCodeManifest', () => {
  it.each(['package.json', 'go.mod', 'Gemfile', 'pyproject.toml', 'Api.csproj'])('%s is a manifest', (n) => expect(isCodeManifest(n)).toBe(true));
  it.each(['docker-compose.yml', 'package-lock.json', 'Chart.yaml', 'values.yaml'])('%s is not', (n) => expect(isCodeManifest(n)).toBe(false));
});

describe('tierOf with a scanner hint', () => {
  it('takes the hint where the path alone says production', () => {
    expect(tierOf('docker-compose.yml', {}, 'dev')).toBe('dev');
  });
  it('keeps a tier the path gives', () => {
    expect(tierOf('examples/docker-compose.yml', {}, 'dev')).toBe('example');
  });
  it('lets the user take the file back into production', () => {
    expect(tierOf('docker-compose.yml', { patterns: { production: ['docker-compose.yml'] } }, 'dev')).toBe('production');
  });
});

describe('dev folders', () => {
  it.each(['.devcontainer/docker-compose.yml', 'docker/devenv/docker-compose.infra.yml', 'tools/dev-env/compose.yaml'])('%s is dev tier', (p) =>
    expect(tierOf(p)).toBe('dev'),
  );
  it.each(['docker/compose/docker-compose.yml', 'devops/compose.yaml', 'deploy/docker-compose.yml'])('%s is not', (p) =>
    expect(tierOf(p)).not.toBe('dev'),
  );
});
