/**
 * OT-Container-Kit's redis-operator charts (OT-CONTAINER-KIT/redis-operator `charts/<chart>/values.yaml`,
 * repository ot-container-kit.github.io): a Redis custom resource under `redisStandalone`,
 * `redisReplication` or `redisCluster`. The operator sets a password only from the Secret in
 * `<kind>.redisSecret` (`secretName`, `secretKey`) or ACL users from `acl.secret`; without either,
 * Redis runs with none.
 */
import type { ChartData } from './format';

const REPOSITORIES = ['ot-container-kit', 'opstree'];

function operatorChart(name: string, kind: string, product: ChartData['product'], externalType: string): ChartData {
  const secret = `${kind}.redisSecret.secretName`;
  return {
    id: `ot-container-kit/${name}`,
    display: `OT-Container-Kit ${name}`,
    product,
    names: [name],
    repositories: REPOSITORIES,
    signatures: [{ mapWith: { key: kind, anyOf: ['redisSecret', 'clusterSize', 'serviceType', 'image', 'leader', 'follower', 'clusterVersion', 'persistenceEnabled'] } }],
    defaults: {
      [kind]: { redisSecret: { secretName: '', secretKey: '' }, serviceType: 'ClusterIP' },
      externalService: { enabled: false, serviceType: externalType },
      TLS: { secret: { secretName: '' } },
      acl: { secret: { secretName: '' } },
    },
    auth: {
      switches: [],
      requiresOneOf: {
        paths: [secret, 'acl.secret.secretName'],
        switch: {
          path: secret,
          fix: `Create a Secret holding the password and name it in \`{p}${secret}\` (with \`{p}${kind}.redisSecret.secretKey\`).`,
          defaultReason: `the operator sets a password only from the Secret named in \`{p}${kind}.redisSecret\``,
        },
      },
      passwords: [],
      existingSecrets: [secret, 'acl.secret.secretName'],
      withoutPassword: 'unknown',
    },
    conf: [],
    extraFlags: [],
    services: [
      { path: kind, typeKey: 'serviceType' },
      { path: 'externalService', when: 'externalService.enabled', typeKey: 'serviceType' },
    ],
    tls: { secretName: 'TLS.secret.secretName' },
  };
}

export const otRedis = operatorChart('redis', 'redisStandalone', 'redis', 'NodePort');
export const otRedisReplication = operatorChart('redis-replication', 'redisReplication', 'redis', 'NodePort');
export const otRedisCluster = operatorChart('redis-cluster', 'redisCluster', 'redis-cluster', 'LoadBalancer');
