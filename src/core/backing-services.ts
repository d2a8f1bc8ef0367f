/**
 * Images of backing services: datastores, brokers, mail catchers, cloud emulators and their admin
 * UIs. A compose file whose every service is one of these (or a Redis) runs no application: it is a
 * developer's local dependency stack (`docker compose up` before `npm test`), not a deployment,
 * when it sits in a code project (a package manifest in its folder or above). Unknown images count
 * as applications, and an infrastructure repository's `redis/docker-compose.yml` (no manifest)
 * stays a deployment.
 */

/** Last path segment of the image repository (tag and digest dropped), lower case. */
const BACKING_NAMES = new Set([
  'postgres',
  'postgresql',
  'postgis',
  'pgvector',
  'mysql',
  'mariadb',
  'percona-server',
  'mongo',
  'mongodb',
  'mongodb-community-server',
  'mongo-express',
  'rabbitmq',
  'elasticsearch',
  'opensearch',
  'minio',
  'localstack',
  'mailhog',
  'mailpit',
  'mailcatcher',
  'smtp4dev',
  'memcached',
  'zookeeper',
  'kafka',
  'cp-kafka',
  'cp-zookeeper',
  'nats',
  'clickhouse-server',
  'cassandra',
  'scylla',
  'neo4j',
  'couchdb',
  'etcd',
  'azurite',
  'dynamodb-local',
  'fake-gcs-server',
  'toxiproxy',
  'adminer',
  'pgadmin4',
  'phpmyadmin',
  'redis-commander',
  'redisinsight',
  'redis_exporter',
  // Brokers, search and vector stores, time series, tracing and metrics a local stack starts.
  'redpanda',
  'pulsar',
  'meilisearch',
  'typesense',
  'qdrant',
  'weaviate',
  'milvus',
  'chroma',
  'influxdb',
  'timescaledb',
  'timescaledb-ha',
  'cockroach',
  'pgbouncer',
  'prometheus',
  'grafana',
  'opentelemetry-collector',
  'opentelemetry-collector-contrib',
  'maildev',
  'inbucket',
  'keycloak',
]);

/** Full repository paths whose last segment alone is too generic (`mssql/server`). */
const BACKING_REPOSITORIES = new Set(['mssql/server', 'azure-sql-edge', 'redpandadata/console', 'jaegertracing/all-in-one', 'chromadb/chroma']);

/** `docker.io/library/postgres:16@sha256:…` -> `library/postgres`, lower case, no registry. */
function repositoryPath(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const parts = ref.split('/');
  const last = parts.length - 1;
  const colon = parts[last].indexOf(':');
  if (colon >= 0) parts[last] = parts[last].slice(0, colon);
  // A first segment with a dot or a port, or `localhost`, is a registry.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  return parts.join('/');
}

/** Whether an image reference names a backing service (never an application). */
export function isBackingServiceImage(image: string | undefined): boolean {
  if (!image || image.includes('${') || image.includes('$')) return false;
  const path = repositoryPath(image);
  const name = path.split('/').pop() ?? '';
  if (BACKING_NAMES.has(name)) return true;
  for (const repo of BACKING_REPOSITORIES) if (path === repo || path.endsWith(`/${repo}`)) return true;
  return false;
}

/** Files that make a folder the root of a code project, in the languages teams run Redis from. */
const CODE_MANIFESTS = new Set([
  'package.json',
  'go.mod',
  'pyproject.toml',
  'setup.py',
  'requirements.txt',
  'pipfile',
  'gemfile',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'cargo.toml',
  'composer.json',
  'mix.exs',
  'deps.edn',
  'project.clj',
  'build.sbt',
]);

/** Whether a file name (no folder) is a code project's manifest. */
export function isCodeManifest(name: string): boolean {
  const lower = name.toLowerCase();
  return CODE_MANIFESTS.has(lower) || lower.endsWith('.csproj');
}
