/**
 * What Bitnami's redis, valkey and keydb charts share (bitnami/charts `bitnami/<chart>/values.yaml`,
 * `templates/_helpers.tpl`): `auth.enabled` (true) with a generated password unless
 * `auth.password` or `auth.existingSecret` is given; redis <= 13.x spelled it `usePassword`,
 * `password`, `existingSecret`, `sentinel.usePassword`.
 */
import type { AuthSwitch, ChartData, Signature, ValuesData } from './format';

export const BITNAMI_FIX = 'Set it to true (the chart then generates a random password) or point `{p}auth.existingSecret` at a Kubernetes Secret.';
export const USE_PASSWORD_FIX = 'Set `{p}usePassword: true` (the chart then generates a password) or use `{p}existingSecret`.';

export const BITNAMI_SWITCHES: AuthSwitch[] = [
  { path: 'auth', fix: BITNAMI_FIX },
  { path: 'auth.enabled', fix: BITNAMI_FIX },
  { path: 'usePassword', fix: USE_PASSWORD_FIX },
];

/** Bitnami's database charts share `architecture`, `auth` and `primary`/`master`: what only they have. */
export const NOT_OTHER_BITNAMI: Signature = {
  lacks: ['secondary', 'readReplicas', 'worker'],
  authLacks: ['rootPassword', 'postgresPassword', 'username', 'usernames', 'database', 'databases', 'replicationPassword', 'replicationUsername', 'adminPassword'],
  architecture: ['standalone', 'replication'],
};

/** The redis / valkey / keydb chart's keys (master.* for redis, primary.* for valkey). */
export const BITNAMI_SERVER: Pick<ChartData, 'conf' | 'extraFlags' | 'services' | 'tls'> = {
  conf: [
    { path: 'commonConfiguration' },
    { path: 'master.configuration' },
    { path: 'primary.configuration' },
    { path: 'replica.configuration' },
    { path: 'sentinel.configuration', sentinel: true },
  ],
  extraFlags: ['master.extraFlags', 'primary.extraFlags', 'replica.extraFlags'],
  services: [{ path: 'master.service' }, { path: 'primary.service' }, { path: 'replica.service' }, { path: 'sentinel.service' }],
  tls: { enabled: 'tls.enabled' },
};

export const BITNAMI_AUTH = {
  switches: BITNAMI_SWITCHES,
  passwords: ['auth.password', 'password'],
  existingSecrets: ['auth.existingSecret', 'existingSecret'],
  passwordFiles: ['auth.usePasswordFiles'],
  withoutPassword: 'generated' as const,
};

export const BITNAMI_SENTINEL: NonNullable<ChartData['sentinel']> = {
  enabled: 'sentinel.enabled',
  switches: ['auth.sentinel', 'sentinel.usePassword'],
  followsServer: true,
  fix: 'Remove `{key}: false`: by default the chart gives its Sentinels the Redis password.',
};

/**
 * The defaults redis and valkey share: auth on with Sentinel auth, ClusterIP services for the
 * primary (`master` in redis, `primary` in valkey), replicas and Sentinel, TLS off, network policy on.
 */
export function bitnamiReplicatedDefaults(primary: 'master' | 'primary', usePasswordFiles: boolean): ValuesData {
  return {
    auth: { enabled: true, sentinel: true, password: '', existingSecret: '', existingSecretPasswordKey: '', usePasswordFiles },
    [primary]: { service: { type: 'ClusterIP' } },
    replica: { service: { type: 'ClusterIP' } },
    sentinel: { enabled: false, service: { type: 'ClusterIP' } },
    tls: { enabled: false, authClients: true },
    networkPolicy: { enabled: true, allowExternal: true },
  };
}
