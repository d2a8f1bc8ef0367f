/** The ESLint rules, by name (without the `redis-auth/` prefix). */
import noHardcodedCredentials from './no-hardcoded-credentials';
import noWeakPassword from './no-weak-password';
import requireAuth from './require-auth';
import requireTls from './require-tls';

export const rules = {
  'require-auth': requireAuth,
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-weak-password': noWeakPassword,
  'require-tls': requireTls,
};

export type RuleName = keyof typeof rules;
