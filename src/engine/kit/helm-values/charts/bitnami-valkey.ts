/** bitnami/valkey (bitnami/charts `bitnami/valkey/values.yaml`): redis's keys with `primary.*` for `master.*`. */
import { BITNAMI_AUTH, BITNAMI_SENTINEL, BITNAMI_SERVER, NOT_OTHER_BITNAMI } from './bitnami';
import type { ChartData } from './format';

export const bitnamiValkey: ChartData = {
  id: 'valkey',
  product: 'valkey',
  names: ['valkey'],
  signatures: [{ ...NOT_OTHER_BITNAMI, has: ['primary'] }],
  shapeKeys: ['primary', 'replica', 'architecture', 'commonConfiguration', 'sentinel'],
  defaults: {
    auth: { enabled: true, sentinel: true, password: '', existingSecret: '', existingSecretPasswordKey: '', usePasswordFiles: true },
    primary: { service: { type: 'ClusterIP' } },
    replica: { service: { type: 'ClusterIP' } },
    sentinel: { enabled: false, service: { type: 'ClusterIP' } },
    tls: { enabled: false, authClients: true },
    networkPolicy: { enabled: true, allowExternal: true },
  },
  auth: { ...BITNAMI_AUTH, globalPasswords: ['global.valkey.password'] },
  ...BITNAMI_SERVER,
  sentinel: BITNAMI_SENTINEL,
};
