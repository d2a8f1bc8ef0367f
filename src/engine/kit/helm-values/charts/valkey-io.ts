/**
 * The Valkey project's own chart (valkey-io/valkey-helm `valkey/values.yaml`, repository
 * valkey.io/valkey-helm): auth is off by default (`auth.enabled: false`); when on, passwords are
 * ACL users' (`auth.aclUsers.<user>.password`, or `auth.usersExistingSecret`), and the `default`
 * user must be among them.
 */
import type { ChartData } from './format';

export const valkeyIo: ChartData = {
  id: 'valkey.io/valkey',
  display: 'valkey (valkey.io chart)',
  product: 'valkey',
  names: ['valkey'],
  // The chart's repository, not the server's (Bitnami's chart may name github.com/valkey-io/valkey).
  repositories: ['valkey.io/valkey-helm', 'valkey-io/valkey-helm'],
  signatures: [{ has: ['valkeyConfig'] }, { has: ['dataStorage', 'auth'] }],
  defaults: {
    auth: { enabled: false, usersExistingSecret: '', aclUsers: {}, aclConfig: '' },
    service: { type: 'ClusterIP' },
    replica: { enabled: false, service: { enabled: true, type: 'ClusterIP' }, sentinel: { enabled: false, service: { enabled: true, type: 'ClusterIP' } } },
    tls: { enabled: false, existingSecret: '' },
  },
  auth: {
    switches: [
      {
        path: 'auth.enabled',
        fix: 'Set it to true with a `default` user in `{p}auth.aclUsers` whose password comes from `{p}auth.usersExistingSecret`.',
        defaultFix: 'Set `{p}auth.enabled: true` with a `default` user in `{p}auth.aclUsers` whose password comes from `{p}auth.usersExistingSecret`.',
      },
    ],
    passwords: ['auth.aclUsers.default.password'],
    existingSecrets: ['auth.usersExistingSecret'],
    withoutPassword: 'unknown',
  },
  conf: [{ path: 'valkeyConfig' }],
  extraFlags: [],
  services: [
    { path: 'service' },
    { path: 'replica.service', when: 'replica.enabled' },
    { path: 'replica.sentinel.service', when: 'replica.sentinel.enabled' },
  ],
  tls: { enabled: 'tls.enabled' },
};
