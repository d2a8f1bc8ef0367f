/** The catalogue of the code-to-deployment checks: one entry each, pages in docs/checks/<id>.md. */
import type { CheckMeta } from '../engine/kit/contract';

export const LINK_CHECKS = {
  passwordMissing: {
    id: 'app-password-missing',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: "An environment gives the app's Redis connection no password while the Redis it points at requires one.",
  },
  noAuth: {
    id: 'app-no-auth',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: "An environment gives the app's Redis connection no password, and the Redis it points at has none either.",
  },
  hardcodedSecret: {
    id: 'app-hardcoded-secret',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: "The password of the app's Redis connection is a literal committed in an environment's deploy config.",
  },
  drift: {
    id: 'app-env-drift',
    category: 'drift',
    defaultSeverity: 'warning',
    description: "A variable the app's Redis connection reads is set in some environments and not others, or is weaker in one.",
  },
  unset: {
    id: 'app-env-unset',
    category: 'missing-auth',
    defaultSeverity: 'note',
    description: "No deployment, compose service or env file the scan sees sets the variables the app's Redis connection reads.",
  },
} as const satisfies Record<string, CheckMeta>;

export const linkChecks: readonly CheckMeta[] = Object.values(LINK_CHECKS);
