/**
 * Secret manifests committed with a Redis password in `stringData` (plain) or `data` (base64,
 * decoded for the weak check; only ever printed masked).
 */
import type { Finding } from '../../src/core/finding';
import { isRedisUrl, parseRedisUrl } from '../../src/core/redis-url';
import { literalFinding } from '../../src/engine/kit/literal';
import { isCredentialName } from '../../src/core/credential-names';
import { isRedisRelatedName } from '../../src/core/redis-names';
import { textOf, valueAt, type Origin } from '../../src/engine/kit/yaml-tree';
import { K8S_COMMITTED_SECRET, K8S_WEAK_PASSWORD } from './checks';
import type { Resource } from './manifests';

const SKIPPED_TYPES = /^kubernetes\.io\/(tls|dockerconfigjson|dockercfg|service-account-token|ssh-auth)$/;
/** Base64 that decodes to printable text (a password, a conf file), else undefined. */
export function decodeBase64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  return /^[\x20-\x7e\t\r\n]*$/.test(text) ? text : undefined;
}

/** `referenced`: Secret names Redis containers read (those count even without "redis" in the name). */
export function secretFindings(secrets: Resource[], referenced: Set<string>): Finding[] {
  const findings: Finding[] = [];
  for (const secret of secrets) {
    if (SKIPPED_TYPES.test(textOf(valueAt(secret.node, ['type'])) ?? '')) continue;
    const related = isRedisRelatedName(secret.name) || referenced.has(secret.name);
    for (const field of ['stringData', 'data'] as const) {
      const map = valueAt(secret.node, [field]);
      if (map?.kind !== 'map') continue;
      for (const [key, entry] of map.entries) {
        const raw = textOf(entry.value);
        if (raw === undefined) continue;
        const value = field === 'data' ? decodeBase64Text(raw) : raw;
        if (value === undefined) continue;
        const anchor = `Secret/${secret.name}.${field}.${key}`;
        const at: Origin = { ...entry.value.at, anchor };
        if (isCredentialName(key) && (related || isRedisRelatedName(key))) {
          const f = finding(value, at, anchor, `\`${key}\` in Secret \`${secret.name}\`${field === 'data' ? ' (base64 in `data`)' : ''}`);
          if (f) findings.push(f);
        } else if (isRedisUrl(value)) {
          const password = parseRedisUrl(value)?.password;
          if (password) {
            const f = finding(password, at, anchor, `The Redis URL under \`${key}\` in Secret \`${secret.name}\``);
            if (f) findings.push(f);
          }
        }
      }
    }
  }
  return findings;
}

function finding(value: string, at: Origin, anchor: string, what: string): Finding | undefined {
  return literalFinding(value, at, anchor, { hardcoded: K8S_COMMITTED_SECRET, weak: K8S_WEAK_PASSWORD }, {
    weak: (masked, why) => `${what} is a weak Redis password (\`${masked}\` ${why}). Generate a long random password and keep the Secret out of the repository.`,
    hardcoded: (masked) =>
      `${what} commits a Redis password (\`${masked}\`) to the repository; base64 is encoding, not encryption. Create the Secret out of band, or commit it encrypted (SealedSecret, SOPS, External Secrets).`,
  });
}
