/**
 * groundhog2k's redis and valkey charts (groundhog2k/helm-charts `charts/<chart>/values.yaml`,
 * repository groundhog2k.github.io): the official image, which accepts anyone, with no password
 * unless the server's config (`redisConfig`, or the Secret named in `extraSecretRedisConfigs`,
 * appended to redis.conf) or `args` set `requirepass`; `haMode` adds Sentinels configured the same way.
 */
import type { ChartData } from './format';

function chart(name: 'redis' | 'valkey', product: ChartData['product']): ChartData {
  const Name = name === 'redis' ? 'Redis' : 'Valkey';
  const config = `${name}Config`;
  const secretConfig = `extraSecret${Name}Configs`;
  return {
    id: `groundhog2k/${name}`,
    display: `groundhog2k ${name}`,
    product,
    names: [name],
    repositories: ['groundhog2k'],
    signatures: [{ has: [secretConfig] }, { has: ['haMode', config] }, { has: ['useDeploymentWhenNonHA', config] }],
    defaults: {
      service: { type: 'ClusterIP' },
      haMode: { enabled: false },
      args: [],
    },
    auth: {
      switches: [],
      requiresOneOf: {
        paths: [secretConfig],
        switch: {
          path: secretConfig,
          fix: `Put \`requirepass\` in a config file kept in a Secret and name that Secret in \`{p}${secretConfig}\`.`,
          defaultReason: `the chart runs the official image, which accepts anyone, unless \`{p}${config}\`, \`{p}args\` or a Secret named in \`{p}${secretConfig}\` sets \`requirepass\``,
        },
      },
      passwords: [],
      existingSecrets: [secretConfig],
      withoutPassword: 'unknown',
    },
    conf: [{ path: config }, { path: 'sentinelConfig', sentinel: true }],
    extraFlags: ['args'],
    services: [{ path: 'service' }],
    tls: {},
  };
}

export const groundhog2kRedis = chart('redis', 'redis');
export const groundhog2kValkey = chart('valkey', 'valkey');
