/** The .env scanner's checks. */
import type { CheckMeta } from '../../src/engine/kit/contract';

export const DOTENV_CHECKS = {
  noAuth: {
    id: 'dotenv-no-auth',
    category: 'missing-auth',
    defaultSeverity: 'warning',
    description: 'A Redis URL in a .env file carries no password, and no Redis password variable is set beside it.',
  },
  hardcodedSecret: {
    id: 'dotenv-hardcoded-secret',
    category: 'hardcoded-secret',
    defaultSeverity: 'warning',
    description: 'A real Redis password is committed in a .env file (or a real-looking one in a .env template).',
  },
  weakPassword: {
    id: 'dotenv-weak-password',
    category: 'weak-password',
    defaultSeverity: 'warning',
    description: 'A Redis password in a .env file is empty, a default, a dictionary word, a placeholder or too short.',
  },
} as const satisfies Record<string, CheckMeta>;

export const dotenvChecks: readonly CheckMeta[] = Object.values(DOTENV_CHECKS);
