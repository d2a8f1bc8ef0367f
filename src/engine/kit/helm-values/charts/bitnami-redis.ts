/** bitnami/redis (bitnami/charts `bitnami/redis/values.yaml`, chart >= 14). */
import { BITNAMI_AUTH, BITNAMI_SENTINEL, BITNAMI_SERVER, NOT_OTHER_BITNAMI, bitnamiReplicatedDefaults } from './bitnami';
import type { ChartData } from './format';

const shaped = { ...NOT_OTHER_BITNAMI, lacks: [...NOT_OTHER_BITNAMI.lacks!, 'primary', ['usePassword', 'cluster']] };

export const bitnamiRedis: ChartData = {
  id: 'redis',
  product: 'redis',
  names: ['redis'],
  signatures: [
    // <= 13.x: `usePassword` beside `master` (or the older `slave`).
    { has: ['usePassword'], hasAny: ['master', 'slave'] },
    { ...shaped, hasAny: ['commonConfiguration', 'master', 'replica'] },
    { ...shaped, has: ['architecture'], authIsMap: true },
    { ...shaped, has: ['architecture', 'sentinel'] },
  ],
  shapeKeys: ['usePassword', 'architecture', 'master', 'replica', 'commonConfiguration', 'sentinel', 'usePasswordFiles'],
  defaults: bitnamiReplicatedDefaults('master', false),
  auth: { ...BITNAMI_AUTH, globalPasswords: ['global.redis.password'] },
  ...BITNAMI_SERVER,
  sentinel: BITNAMI_SENTINEL,
};
