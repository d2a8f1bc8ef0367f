/**
 * The one table of Redis-family container images: which reference is which image, what it runs
 * and how it takes its auth settings. Compose, Kubernetes and Helm templates ask here
 * (DOMAIN.md §2.1; every variable and flag below is read from the image's own entrypoint).
 */
import type { ServerFact } from './facts';

export type ImageFamily =
  /** docker-library `redis`: no password variable; args only (the entrypoint prepends redis-server). */
  | 'official'
  /** `valkey/valkey`: like official, plus `VALKEY_EXTRA_FLAGS` appended to the command. */
  | 'valkey'
  /** `eqalpha/keydb`: CMD `keydb-server /etc/keydb/keydb.conf`, a conf patched open. */
  | 'keydb'
  /** `redis/redis-stack*`: `REDIS_ARGS`. */
  | 'stack'
  /** Dragonfly: gflags `--requirepass`, or any flag from `DFLY_<flag>`. */
  | 'dragonfly'
  /** `grokzen/redis-cluster`: a six-node cluster whose confs the entrypoint writes; `PASSWORD` adds requirepass. */
  | 'grokzen-cluster'
  /** `redislabs/client-libs-test`: the Redis client libraries' test server; `REDIS_PASSWORD` sets requirepass. */
  | 'client-libs-test'
  /** `bitnami/redis`, `bitnami/redis-cluster` (and bitnamilegacy/bitnamisecure): REDIS_PASSWORD, ALLOW_EMPTY_PASSWORD. */
  | 'bitnami-redis'
  /** `bitnami/valkey`, `bitnami/valkey-cluster`: VALKEY_PASSWORD, ALLOW_EMPTY_PASSWORD. */
  | 'bitnami-valkey'
  /** `bitnami/redis-sentinel`, `bitnami/valkey-sentinel`: REDIS_SENTINEL_PASSWORD. */
  | 'bitnami-sentinel'
  /** Another Redis image (`<org>/redis`, a user's `extraImages`): its semantics are not known in detail. */
  | 'generic';

/** What a container of the image serves. */
export type ImageRole = 'server' | 'sentinel' | 'cluster';

/** Bitnami-style variables that give the server its password. */
export interface PasswordVars {
  password: string;
  passwordFile?: string;
  aclFile?: string;
  /** A conf mounted here replaces every env-driven setting. */
  mountedConf?: string;
}

export interface ImageSpec {
  family: ImageFamily;
  role: ImageRole;
  product: ServerFact['product'];
  /** The server binary the image starts. */
  bin: string;
  /** Arguments of the image's CMD after the binary (KeyDB's bundled conf). */
  cmdArgs: readonly string[];
  /** The image's source patches protected mode off (DOMAIN.md §2.1). */
  protectedModeOff: boolean;
  /** Env vars whose words the image appends to the server's command line. */
  flagVars: readonly string[];
  /** Every server flag may also come from `<prefix><flag>` (Dragonfly's `DFLY_requirepass`). */
  flagEnvPrefix?: string;
  /** Flags are gflags: `--requirepass=x` as well as `--requirepass x`. */
  equalsFlags?: boolean;
  /** Env vars that set the password (Bitnami-style, also Grokzen's `PASSWORD`). */
  passwordVars: readonly PasswordVars[];
  /** Bitnami's explicit opt-out of a password. */
  allowEmptyVar?: string;
  remoteVar?: string;
  tlsVar?: string;
  /** Password variables people set on this image, which it never reads. */
  ignoredVars: readonly string[];
  /** How to give it a password, in compose words. */
  composeFix: string;
  /** How to give it a password, in Kubernetes words. */
  k8sFix: string;
}

const bitnamiVars = (product: 'redis' | 'valkey'): PasswordVars => {
  const P = product.toUpperCase();
  return { password: `${P}_PASSWORD`, passwordFile: `${P}_PASSWORD_FILE`, aclFile: `${P}_ACLFILE`, mountedConf: `/opt/bitnami/${product}/mounted-etc/${product}.conf` };
};

const base: Pick<ImageSpec, 'cmdArgs' | 'protectedModeOff' | 'flagVars' | 'passwordVars' | 'ignoredVars'> = { cmdArgs: [], protectedModeOff: false, flagVars: [], passwordVars: [], ignoredVars: [] };

/** The table. Repository paths are matched without registry, tag or digest. */
export const IMAGE_SPECS: Record<ImageFamily, ImageSpec> = {
  official: {
    ...base,
    family: 'official',
    role: 'server',
    product: 'redis',
    bin: 'redis-server',
    protectedModeOff: true,
    ignoredVars: ['REDIS_PASSWORD', 'REDIS_PASSWORD_FILE', 'REDIS_REQUIREPASS', 'REDIS_PASS', 'REDIS_ARGS'],
    composeFix: 'Start it with `command: redis-server --requirepass ${REDIS_PASSWORD:?}` or mount a redis.conf with `requirepass`/ACL users',
    k8sFix: 'add `args: ["--requirepass", "$(REDIS_PASSWORD)"]`',
  },
  valkey: {
    ...base,
    family: 'valkey',
    role: 'server',
    product: 'valkey',
    bin: 'valkey-server',
    protectedModeOff: true,
    flagVars: ['VALKEY_EXTRA_FLAGS'],
    ignoredVars: ['VALKEY_PASSWORD', 'VALKEY_PASSWORD_FILE', 'REDIS_PASSWORD', 'REDIS_ARGS'],
    composeFix: 'Start it with `command: valkey-server --requirepass ${VALKEY_PASSWORD:?}` (or `VALKEY_EXTRA_FLAGS`) or mount a valkey.conf with `requirepass`',
    k8sFix: 'add `args: ["--requirepass", "$(VALKEY_PASSWORD)"]`',
  },
  keydb: {
    ...base,
    family: 'keydb',
    role: 'server',
    product: 'keydb',
    bin: 'keydb-server',
    cmdArgs: ['/etc/keydb/keydb.conf'],
    protectedModeOff: true,
    ignoredVars: ['KEYDB_PASSWORD', 'REDIS_PASSWORD', 'REDIS_ARGS'],
    composeFix: 'Start it with `command: keydb-server /etc/keydb/keydb.conf --requirepass ${KEYDB_PASSWORD:?}` or mount a keydb.conf with `requirepass`',
    k8sFix: 'add `args: ["keydb-server", "/etc/keydb/keydb.conf", "--requirepass", "$(REDIS_PASSWORD)"]`',
  },
  stack: {
    ...base,
    family: 'stack',
    role: 'server',
    product: 'redis-stack',
    bin: 'redis-server',
    protectedModeOff: true,
    flagVars: ['REDIS_ARGS'],
    ignoredVars: ['REDIS_PASSWORD', 'REDIS_PASSWORD_FILE'],
    composeFix: 'Set `REDIS_ARGS: "--requirepass ${REDIS_PASSWORD:?}"`',
    k8sFix: 'set `REDIS_ARGS` to `--requirepass $(REDIS_PASSWORD)`',
  },
  dragonfly: {
    ...base,
    family: 'dragonfly',
    role: 'server',
    product: 'dragonfly',
    bin: 'dragonfly',
    cmdArgs: ['--logtostderr'],
    flagEnvPrefix: 'DFLY_',
    equalsFlags: true,
    ignoredVars: ['REDIS_PASSWORD', 'DRAGONFLY_PASSWORD', 'DFLY_PASSWORD'],
    composeFix: 'Set `DFLY_requirepass: ${DFLY_PASSWORD:?}` or start it with `command: --requirepass=${DFLY_PASSWORD:?}`',
    k8sFix: 'set `DFLY_requirepass` from the Secret (`valueFrom.secretKeyRef`)',
  },
  'grokzen-cluster': {
    ...base,
    family: 'grokzen-cluster',
    role: 'cluster',
    product: 'redis-cluster',
    bin: 'redis-cluster',
    // docker-entrypoint.sh: `requirepass '${PASSWORD}'` in every node's conf when PASSWORD is set.
    passwordVars: [{ password: 'PASSWORD' }],
    ignoredVars: ['REDIS_PASSWORD'],
    composeFix: 'Set `PASSWORD: ${REDIS_PASSWORD:?}` (the entrypoint writes it as `requirepass` and `masterauth` of every node)',
    k8sFix: 'set `PASSWORD` from a Secret (`valueFrom.secretKeyRef`)',
  },
  'client-libs-test': {
    ...base,
    family: 'client-libs-test',
    role: 'server',
    product: 'redis',
    bin: 'redis-server',
    // Its users' compose files (redis-py, jedis) give the password as REDIS_PASSWORD.
    passwordVars: [{ password: 'REDIS_PASSWORD' }],
    composeFix: 'Set `REDIS_PASSWORD` (from a variable) or pass `--requirepass` in `command`',
    k8sFix: 'set `REDIS_PASSWORD` from a Secret (`valueFrom.secretKeyRef`)',
  },
  'bitnami-redis': {
    ...base,
    family: 'bitnami-redis',
    role: 'server',
    product: 'redis',
    bin: 'redis-server',
    flagVars: ['REDIS_EXTRA_FLAGS'],
    passwordVars: [bitnamiVars('redis')],
    allowEmptyVar: 'ALLOW_EMPTY_PASSWORD',
    remoteVar: 'REDIS_ALLOW_REMOTE_CONNECTIONS',
    tlsVar: 'REDIS_TLS_ENABLED',
    composeFix: 'Set `REDIS_PASSWORD` (from a variable) or `REDIS_PASSWORD_FILE` with a Docker secret',
    k8sFix: 'set `REDIS_PASSWORD` from a Secret (`valueFrom.secretKeyRef`)',
  },
  'bitnami-valkey': {
    ...base,
    family: 'bitnami-valkey',
    role: 'server',
    product: 'valkey',
    bin: 'valkey-server',
    flagVars: ['VALKEY_EXTRA_FLAGS'],
    passwordVars: [bitnamiVars('valkey')],
    allowEmptyVar: 'ALLOW_EMPTY_PASSWORD',
    remoteVar: 'VALKEY_ALLOW_REMOTE_CONNECTIONS',
    tlsVar: 'VALKEY_TLS_ENABLED',
    composeFix: 'Set `VALKEY_PASSWORD` (from a variable) or `VALKEY_PASSWORD_FILE` with a Docker secret',
    k8sFix: 'set `VALKEY_PASSWORD` from a Secret (`valueFrom.secretKeyRef`)',
  },
  'bitnami-sentinel': {
    ...base,
    family: 'bitnami-sentinel',
    role: 'sentinel',
    product: 'sentinel',
    bin: 'redis-sentinel',
    passwordVars: [
      { password: 'REDIS_SENTINEL_PASSWORD', passwordFile: 'REDIS_SENTINEL_PASSWORD_FILE', mountedConf: '/opt/bitnami/redis-sentinel/mounted-etc/sentinel.conf' },
      { password: 'VALKEY_SENTINEL_PASSWORD', passwordFile: 'VALKEY_SENTINEL_PASSWORD_FILE', mountedConf: '/opt/bitnami/valkey-sentinel/mounted-etc/sentinel.conf' },
    ],
    composeFix: 'Set `REDIS_SENTINEL_PASSWORD` (from a variable) or `REDIS_SENTINEL_PASSWORD_FILE`',
    k8sFix: 'set `REDIS_SENTINEL_PASSWORD` from a Secret (`valueFrom.secretKeyRef`)',
  },
  generic: {
    ...base,
    family: 'generic',
    role: 'server',
    product: 'redis',
    bin: 'redis-server',
    composeFix: 'Start it with `command: redis-server --requirepass ${REDIS_PASSWORD:?}` or mount a conf with `requirepass`/ACL users',
    k8sFix: 'add `args: ["--requirepass", "$(REDIS_PASSWORD)"]`',
  },
};

export interface ImageInfo {
  family: ImageFamily;
  product: ServerFact['product'];
  role: ImageRole;
  /** Repository path without registry, tag or digest, e.g. `bitnami/redis`. */
  repository: string;
  spec: ImageSpec;
}

const BITNAMI_NAMESPACES = new Set(['bitnami', 'bitnamilegacy', 'bitnamisecure']);
/** Docker Hub's official-image namespaces: `library/`, and the per-architecture mirrors. */
const OFFICIAL_NAMESPACE = /^(library|arm64v8|arm32v[567]|amd64|i386|ppc64le|s390x)$/;

/** `<namespace>/<name>` -> family, for the images a namespace owns. */
const BY_PATH: Record<string, ImageFamily> = {
  'valkey/valkey': 'valkey',
  'library/valkey': 'valkey',
  'eqalpha/keydb': 'keydb',
  'redis/redis-stack': 'stack',
  'redis/redis-stack-server': 'stack',
  'dragonflydb/dragonfly': 'dragonfly',
  'grokzen/redis-cluster': 'grokzen-cluster',
  'redislabs/client-libs-test': 'client-libs-test',
};

const BITNAMI_NAMES: Record<string, { family: ImageFamily; product: ServerFact['product']; role: ImageRole }> = {
  redis: { family: 'bitnami-redis', product: 'redis', role: 'server' },
  'redis-cluster': { family: 'bitnami-redis', product: 'redis-cluster', role: 'cluster' },
  valkey: { family: 'bitnami-valkey', product: 'valkey', role: 'server' },
  'valkey-cluster': { family: 'bitnami-valkey', product: 'valkey', role: 'cluster' },
  'redis-sentinel': { family: 'bitnami-sentinel', product: 'sentinel', role: 'sentinel' },
  'valkey-sentinel': { family: 'bitnami-sentinel', product: 'sentinel', role: 'sentinel' },
};

/** `registry:5000/library/redis:7-alpine@sha256:…` -> `['library', 'redis']` (registry, tag and digest dropped). */
export function repositoryOf(image: string): string[] {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const parts = ref.split('/').filter(Boolean);
  const last = parts.length - 1;
  if (last >= 0) {
    const colon = parts[last].indexOf(':');
    if (colon >= 0) parts[last] = parts[last].slice(0, colon);
  }
  // A first component with a dot or port, or `localhost`, is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts;
}

/** The repository path as one string: `bitnami/redis`. */
export function imagePath(image: string): string {
  return repositoryOf(image).join('/');
}

function info(family: ImageFamily, repository: string, over: Partial<Pick<ImageInfo, 'product' | 'role'>> = {}): ImageInfo {
  const spec = IMAGE_SPECS[family];
  return { family, product: over.product ?? spec.product, role: over.role ?? spec.role, repository, spec };
}

/**
 * Which Redis-family image a reference names, under any registry mirror (`public.ecr.aws/docker/
 * library/redis`, `ghcr.io/…`, `quay.io/…`), tag or digest. Templated references (`{{ … }}`,
 * `${…}` with no default) name nothing known.
 */
export function classifyImage(image: string | undefined, extraImages: readonly string[] = []): ImageInfo | undefined {
  if (!image || image.includes('{{') || /^\$\{?\w+\}?$/.test(image.trim())) return undefined;
  const parts = repositoryOf(image);
  if (parts.length === 0) return undefined;
  const repository = parts.join('/');
  const name = parts[parts.length - 1];
  const namespace = parts.length > 1 ? parts[parts.length - 2] : undefined;

  if (namespace && BITNAMI_NAMESPACES.has(namespace) && BITNAMI_NAMES[name]) {
    const b = BITNAMI_NAMES[name];
    return info(b.family, repository, { product: b.product, role: b.role });
  }
  const known = namespace ? BY_PATH[`${namespace}/${name}`] : undefined;
  if (known) return info(known, repository);
  if (name === 'redis' && (namespace === undefined || OFFICIAL_NAMESPACE.test(namespace))) return info('official', repository);
  if (name === 'valkey' && namespace === undefined) return info('valkey', repository);
  for (const extra of extraImages) {
    const want = imagePath(extra);
    if (want && (want === repository || repository.endsWith(`/${want}`))) return info('generic', repository);
  }
  // `<org>/redis`, `<org>/valkey`, `<org>/keydb`: a Redis of unknown conventions.
  if (name === 'redis' || name === 'valkey' || name === 'keydb') return info('generic', repository, { product: name === 'redis' ? 'redis' : name });
  if (name === 'redis-sentinel' || name === 'valkey-sentinel') return info('generic', repository, { product: 'sentinel', role: 'sentinel' });
  return undefined;
}
