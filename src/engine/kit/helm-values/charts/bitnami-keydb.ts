/** bitnami/keydb (bitnami/charts `bitnami/keydb/values.yaml`): `auth.*` like redis, no Sentinel. */
import { BITNAMI_AUTH, BITNAMI_SERVER } from './bitnami';
import type { ChartData } from './format';

export const bitnamiKeydb: ChartData = {
  id: 'keydb',
  product: 'keydb',
  names: ['keydb'],
  defaults: {
    auth: { enabled: true, password: '', existingSecret: '', existingSecretPasswordKey: '', usePasswordFiles: false },
    master: { service: { type: 'ClusterIP' } },
    replica: { service: { type: 'ClusterIP' } },
    tls: { enabled: false },
  },
  auth: { ...BITNAMI_AUTH, globalPasswords: ['global.redis.password'] },
  ...BITNAMI_SERVER,
};
