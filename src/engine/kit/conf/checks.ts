/** The catalogue of redis.conf, ACL file and sentinel.conf checks, and the finding builder. */
import { findingAt } from '../finding';
import type { Finding, Severity } from '../../../core/finding';
import type { SourceRef } from '../../../core/facts';
import type { CheckMeta } from '../contract';

export const CONF_CHECKS = [
  {
    id: 'conf-no-auth',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'The default user of this Redis server accepts clients without a password (on + nopass).',
  },
  {
    id: 'conf-hardcoded-password',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A Redis password (requirepass, masterauth/primaryauth, or a >password in a user line) is committed in the config file.',
  },
  {
    id: 'conf-weak-password',
    category: 'weak-password',
    defaultSeverity: 'error',
    description: 'A Redis password in the config file is a well-known default, a dictionary word, a placeholder or too short.',
  },
  {
    id: 'conf-env-var-not-expanded',
    category: 'weak-password',
    defaultSeverity: 'error',
    description: 'A password written as ${VAR} in redis.conf is used literally: Redis does not expand environment variables in its config.',
  },
  {
    id: 'conf-protected-mode-off',
    category: 'exposure',
    defaultSeverity: 'error',
    description: '`protected-mode no`, the server listens beyond loopback and the default user needs no password.',
  },
  {
    id: 'conf-auth-config-error',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'An auth directive that Redis refuses at startup (inline comment, wrong argument count, bad ACL rule, user lines together with aclfile).',
  },
  {
    id: 'conf-replica-no-masterauth',
    category: 'missing-auth',
    defaultSeverity: 'warning',
    description: 'A replica (or a cluster node, a replica after any failover) of a password-protected master has no masterauth/primaryauth, so replication cannot authenticate.',
  },
  {
    id: 'conf-plaintext-port-with-tls',
    category: 'transport',
    defaultSeverity: 'warning',
    description: 'TLS is enabled with tls-port, but the plaintext port is still open; set port 0 to serve TLS only.',
  },
] as const satisfies readonly CheckMeta[];

export const ACL_CHECKS = [
  {
    id: 'acl-default-user-open',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'The ACL file leaves the default user on and passwordless, or omits it so Redis recreates it with nopass.',
  },
  {
    id: 'acl-hardcoded-password',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A clear-text >password is committed in the ACL file; store #<sha256> hashes instead.',
  },
  {
    id: 'acl-weak-password',
    category: 'weak-password',
    defaultSeverity: 'error',
    description: 'A >password in the ACL file is a well-known default, a dictionary word, a placeholder or too short.',
  },
  {
    id: 'acl-env-var-not-expanded',
    category: 'weak-password',
    defaultSeverity: 'error',
    description: 'A >${VAR} password in an ACL file is used literally: Redis does not expand environment variables.',
  },
  {
    id: 'acl-load-error',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'A line the ACL loader refuses (comment, unknown rule, bad hash, not a user line), which stops Redis from starting.',
  },
] as const satisfies readonly CheckMeta[];

export const SENTINEL_CHECKS = [
  {
    id: 'sentinel-no-auth',
    category: 'missing-auth',
    defaultSeverity: 'error',
    description: 'Sentinel itself accepts clients without a password (no requirepass, or a default user on + nopass).',
  },
  {
    id: 'sentinel-monitor-no-auth-pass',
    category: 'missing-auth',
    defaultSeverity: 'warning',
    description: 'A monitored master has no sentinel auth-pass: either the master has no password or Sentinel cannot reach it.',
  },
  {
    id: 'sentinel-protected-mode-off',
    category: 'exposure',
    defaultSeverity: 'error',
    description: '`protected-mode no` is set and Sentinel needs no password, so anyone who reaches port 26379 can reconfigure or fail over the masters.',
  },
  {
    id: 'sentinel-hardcoded-password',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A password (auth-pass, sentinel-pass, requirepass, masterauth, a >password) is committed in sentinel.conf.',
  },
  {
    id: 'sentinel-weak-password',
    category: 'weak-password',
    defaultSeverity: 'error',
    description: 'A password in sentinel.conf is a well-known default, a dictionary word, a placeholder or too short.',
  },
  {
    id: 'sentinel-env-var-not-expanded',
    category: 'weak-password',
    defaultSeverity: 'error',
    description: 'A password written as ${VAR} in sentinel.conf is used literally: Sentinel does not expand environment variables.',
  },
] as const satisfies readonly CheckMeta[];

export type CheckId = (typeof CONF_CHECKS)[number]['id'] | (typeof ACL_CHECKS)[number]['id'] | (typeof SENTINEL_CHECKS)[number]['id'];

const META = new Map<string, CheckMeta>([...CONF_CHECKS, ...ACL_CHECKS, ...SENTINEL_CHECKS].map((c) => [c.id, c]));

export function makeFinding(id: CheckId, at: SourceRef, message: string, severity?: Severity): Finding {
  return findingAt(META.get(id)!, at, message, severity);
}

/** The checks a conf analysis reports under, which differ between redis.conf and sentinel.conf. */
export interface AnalysisIds {
  noAuth: CheckId;
  hardcoded: CheckId;
  weak: CheckId;
  unexpanded: CheckId;
  protectedMode: CheckId;
}

export const CONF_IDS: AnalysisIds = {
  noAuth: 'conf-no-auth',
  hardcoded: 'conf-hardcoded-password',
  weak: 'conf-weak-password',
  unexpanded: 'conf-env-var-not-expanded',
  protectedMode: 'conf-protected-mode-off',
};
export const SENTINEL_IDS: AnalysisIds = {
  noAuth: 'sentinel-no-auth',
  hardcoded: 'sentinel-hardcoded-password',
  weak: 'sentinel-weak-password',
  unexpanded: 'sentinel-env-var-not-expanded',
  protectedMode: 'sentinel-protected-mode-off',
};
