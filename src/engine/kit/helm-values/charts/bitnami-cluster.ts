/**
 * bitnami/redis-cluster and bitnami/valkey-cluster (bitnami/charts `bitnami/<chart>/values.yaml`):
 * top-level `usePassword` (true), `password`, `existingSecret`, `usePasswordFiles`; the servers'
 * flags and conf under `redis.*`; `cluster.externalAccess` publishes every node when enabled.
 */
import { USE_PASSWORD_FIX } from './bitnami';
import type { ChartData } from './format';

const cluster = (id: string, global: string): Omit<ChartData, 'signatures' | 'shapeKeys'> => ({
  id,
  product: 'redis-cluster',
  names: [id],
  defaults: {
    usePassword: true,
    password: '',
    existingSecret: '',
    usePasswordFiles: true,
    service: { type: 'ClusterIP' },
    cluster: { externalAccess: { enabled: false, service: { type: 'LoadBalancer' } } },
    tls: { enabled: false, authClients: true },
    networkPolicy: { enabled: true, allowExternal: true },
  },
  auth: {
    switches: ['auth', 'auth.enabled', 'usePassword'].map((path) => ({ path, fix: USE_PASSWORD_FIX })),
    passwords: ['auth.password', 'password'],
    globalPasswords: [global],
    existingSecrets: ['auth.existingSecret', 'existingSecret'],
    passwordFiles: ['usePasswordFiles'],
    withoutPassword: 'generated',
  },
  conf: [{ path: 'redis.configmap' }],
  extraFlags: ['redis.extraFlags'],
  services: [{ path: 'service' }, { path: 'cluster.externalAccess.service', when: 'cluster.externalAccess.enabled' }],
  tls: { enabled: 'tls.enabled' },
});

export const bitnamiRedisCluster: ChartData = {
  ...cluster('redis-cluster', 'global.redis.password'),
  signatures: [{ has: ['usePassword', 'cluster'] }],
  shapeKeys: ['cluster', 'usePassword'],
};

export const bitnamiValkeyCluster: ChartData = cluster('valkey-cluster', 'global.valkey.password');
