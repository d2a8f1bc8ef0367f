/** The compose scanner's checks: ids, categories, default severities, one-line descriptions. */
import type { CheckMeta } from '../../src/engine/kit/contract';
import { REDIS_UNMODELED } from '../../src/engine/kit/unmodeled';

export const COMPOSE_CHECKS = {
  noAuth: {
    id: 'compose-no-auth',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'A Redis-family compose service starts without a password.',
  },
  passwordEnvIgnored: {
    id: 'compose-password-env-ignored',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'A password variable that this image never reads, so the server runs without a password.',
  },
  emptyPasswordAllowed: {
    id: 'compose-empty-password-allowed',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'ALLOW_EMPTY_PASSWORD=yes starts a Bitnami Redis/Valkey without a password and with protected mode off.',
  },
  clientNoAuth: {
    id: 'compose-client-no-auth',
    category: 'missing-auth',
    defaultSeverity: 'warning',
    description: 'A service connects to Redis with a URL that carries no password.',
  },
  hardcodedSecret: {
    id: 'compose-hardcoded-secret',
    category: 'hardcoded-secret',
    defaultSeverity: 'warning',
    description: 'A Redis password is written into the compose file instead of coming from a variable or a secret.',
  },
  weakPassword: {
    id: 'compose-weak-password',
    category: 'weak-password',
    defaultSeverity: 'error',
    description: 'A Redis password in the compose file is a default, a dictionary word, a placeholder or too short.',
  },
  exposedPort: {
    id: 'compose-exposed-port',
    category: 'exposure',
    defaultSeverity: 'error',
    description: 'A Redis port is published on all host interfaces (or the service uses the host network).',
  },
} as const satisfies Record<string, CheckMeta>;

export type ComposeCheck = (typeof COMPOSE_CHECKS)[keyof typeof COMPOSE_CHECKS];

export const composeChecks: readonly CheckMeta[] = [...Object.values(COMPOSE_CHECKS), REDIS_UNMODELED];
