/** bitnami/valkey (bitnami/charts `bitnami/valkey/values.yaml`): redis's keys with `primary.*` for `master.*`. */
import { BITNAMI_AUTH, BITNAMI_SENTINEL, BITNAMI_SERVER, NOT_OTHER_BITNAMI, bitnamiReplicatedDefaults } from './bitnami';
import type { ChartData } from './format';

export const bitnamiValkey: ChartData = {
  id: 'valkey',
  product: 'valkey',
  names: ['valkey'],
  signatures: [{ ...NOT_OTHER_BITNAMI, has: ['primary'] }],
  shapeKeys: ['primary', 'replica', 'architecture', 'commonConfiguration', 'sentinel'],
  defaults: bitnamiReplicatedDefaults('primary', true),
  auth: { ...BITNAMI_AUTH, globalPasswords: ['global.valkey.password'] },
  ...BITNAMI_SERVER,
  sentinel: BITNAMI_SENTINEL,
};
