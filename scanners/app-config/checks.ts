/** The application-config scanner's checks (node-config and per-environment JSON/YAML config files). */
import type { CheckMeta } from '../../src/engine/kit/contract';

export const APP_CONFIG_CHECKS = {
  hardcodedSecret: {
    id: 'app-config-hardcoded-secret',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A Redis password is committed in an application config file (config/production.json, config/default.yaml, a per-environment JSON/YAML config).',
  },
  weakPassword: {
    id: 'app-config-weak-password',
    category: 'weak-password',
    defaultSeverity: 'warning',
    description: 'A Redis password in an application config file is a default, a dictionary word, a placeholder or too short.',
  },
  noAuth: {
    id: 'app-config-no-auth',
    category: 'missing-auth',
    defaultSeverity: 'warning',
    description: 'An environment\'s application config connects to a Redis on another host without a password.',
  },
} as const satisfies Record<string, CheckMeta>;

export const appConfigChecks: readonly CheckMeta[] = Object.values(APP_CONFIG_CHECKS);
