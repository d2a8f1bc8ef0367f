/** The Kubernetes manifest checks: ids, categories and default severities (docs/checks/<id>.md). */
import { REDIS_UNMODELED } from '../../src/engine/kit/unmodeled';
import type { CheckMeta } from '../../src/engine/kit/contract';

export const K8S_NO_AUTH: CheckMeta = {
  id: 'k8s-no-auth',
  category: 'missing-auth',
  defaultSeverity: 'error',
  description: 'A Redis-family container in a Kubernetes workload starts without any password.',
};

export const K8S_HARDCODED_PASSWORD: CheckMeta = {
  id: 'k8s-hardcoded-password',
  category: 'hardcoded-secret',
  defaultSeverity: 'error',
  description: 'A Redis password is written as a literal in a container\'s command, args or env of a committed manifest.',
};

export const K8S_WEAK_PASSWORD: CheckMeta = {
  id: 'k8s-weak-password',
  category: 'weak-password',
  defaultSeverity: 'error',
  description: 'A Redis password in a Kubernetes manifest or Secret is a default, dictionary word or too short.',
};

export const K8S_UNEXPANDED_VARIABLE: CheckMeta = {
  id: 'k8s-unexpanded-variable',
  category: 'hardcoded-secret',
  defaultSeverity: 'error',
  description: 'A `${VAR}` or `$VAR` in exec-form command/args is passed to Redis literally, because Kubernetes only expands `$(VAR)`.',
};

export const K8S_COMMITTED_SECRET: CheckMeta = {
  id: 'k8s-committed-secret',
  category: 'hardcoded-secret',
  defaultSeverity: 'error',
  description: 'A Kubernetes Secret manifest with a Redis password in `stringData` or `data` is committed to the repository.',
};

export const K8S_REDIS_EXPOSED: CheckMeta = {
  id: 'k8s-redis-exposed',
  category: 'exposure',
  defaultSeverity: 'warning',
  description: 'Redis is reachable from outside the cluster through a LoadBalancer or NodePort Service, a hostPort or the host network.',
};

export const K8S_CHECKS: readonly CheckMeta[] = [
  K8S_NO_AUTH,
  K8S_HARDCODED_PASSWORD,
  K8S_WEAK_PASSWORD,
  K8S_UNEXPANDED_VARIABLE,
  K8S_COMMITTED_SECRET,
  K8S_REDIS_EXPOSED,
  REDIS_UNMODELED,
];
