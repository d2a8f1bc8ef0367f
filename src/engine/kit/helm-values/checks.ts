/** The Helm values checks: ids, categories and default severities (docs/checks/<id>.md). */
import type { CheckMeta } from '../contract';

export const HELM_AUTH_DISABLED: CheckMeta = {
  id: 'helm-auth-disabled',
  category: 'missing-auth',
  defaultSeverity: 'error',
  description: 'A Redis-family Helm chart is deployed with authentication switched off (or left off by the chart default).',
};

export const HELM_HARDCODED_PASSWORD: CheckMeta = {
  id: 'helm-hardcoded-password',
  category: 'hardcoded-secret',
  defaultSeverity: 'error',
  description: 'A Redis password is written as a literal in a committed Helm values file.',
};

export const HELM_WEAK_PASSWORD: CheckMeta = {
  id: 'helm-weak-password',
  category: 'weak-password',
  defaultSeverity: 'error',
  description: 'A Redis password in a Helm values file is a default, dictionary word, placeholder or too short.',
};

export const HELM_SERVICE_EXPOSED: CheckMeta = {
  id: 'helm-service-exposed',
  category: 'exposure',
  defaultSeverity: 'warning',
  description: 'A Redis-family chart publishes its service outside the cluster through a LoadBalancer or NodePort.',
};

export const HELM_CHECKS: readonly CheckMeta[] = [
  HELM_AUTH_DISABLED,
  HELM_HARDCODED_PASSWORD,
  HELM_WEAK_PASSWORD,
  HELM_SERVICE_EXPOSED,
];
