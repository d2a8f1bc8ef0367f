/**
 * DandyDeveloper redis-ha (DandyDeveloper/charts `charts/redis-ha/values.yaml`): Redis with
 * Sentinel, both without a password by default (`auth: false`, `sentinel.auth: false`); the
 * password is `redisPassword` or the `existingSecret`'s `authKey`.
 */
import type { ChartData } from './format';

export const redisHa: ChartData = {
  id: 'redis-ha',
  product: 'redis-ha',
  names: ['redis-ha'],
  signatures: [{ has: ['redisPassword'] }, { has: ['haproxy', 'sentinel'], scalar: ['auth'] }],
  shapeKeys: ['redisPassword', 'haproxy', 'sentinel'],
  defaults: {
    auth: false,
    authKey: 'auth',
    sentinel: { auth: false, authKey: 'sentinel-password' },
    haproxy: { enabled: false, service: { type: 'ClusterIP' }, tls: { enabled: false }, networkPolicy: { enabled: false } },
    networkPolicy: { enabled: false },
  },
  auth: {
    switches: [
      {
        path: 'auth',
        fix: 'Set `{p}auth: true` and `{p}existingSecret` to a Kubernetes Secret.',
        defaultFix: 'Set `{p}auth: true` with `{p}existingSecret` naming a Kubernetes Secret.',
      },
    ],
    passwords: ['redisPassword'],
    globalPasswords: ['global.redis.password'],
    existingSecrets: ['existingSecret'],
    withoutPassword: 'unknown',
  },
  // `redis.customConfig` replaces the whole generated redis.conf, its requirepass included.
  conf: [{ path: 'redis.customConfig', replaces: ['redis.config'] }, { path: 'redis.config' }, { path: 'sentinel.customConfig', sentinel: true }],
  extraFlags: [],
  services: [{ path: 'haproxy.service' }, { path: 'service' }],
  tls: { secretName: 'tls.secretName' },
  sentinel: {
    switches: ['sentinel.auth'],
    fix: 'Set `{key}: true` with `{p}sentinel.existingSecret` naming a Kubernetes Secret (the chart then writes `requirepass` into sentinel.conf).',
  },
};
