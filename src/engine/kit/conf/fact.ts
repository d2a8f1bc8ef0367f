/** Step 6 of analyzeConf: the ServerFact the analysis emits for drift and link. */
import type { AuthMode, Credential, ServerFact } from '../../../core/facts';
import type { Directive } from './load';
import type { Network } from './network';
import { toRef } from './places';
import type { ConfAnalysisOptions, EffectiveAuth } from './types';

export function serverFact(options: ConfAnalysisOptions, directives: Directive[], auth: EffectiveAuth, net: Network, credentials: Credential[]): ServerFact {
  const sentinel = options.sentinel === true;
  const fact: ServerFact = {
    kind: 'server',
    subject: options.subject ?? `${sentinel ? 'sentinel' : 'conf'}:${options.file}`,
    label: options.label ?? (sentinel ? `sentinel ${options.file}` : `redis ${options.file}`),
    file: options.file,
    environment: options.environment,
    source: sentinel ? 'sentinel' : 'conf',
    product: options.product ?? (sentinel ? 'sentinel' : productOf(options.file, directives)),
    auth: authModeOf(auth),
    authAt: toRef(auth.at),
    credentials,
    tls: net.tlsPort !== undefined,
    exposure: net.loopbackOnly ? 'loopback' : 'unknown',
    protectedMode: net.protectedMode,
  };
  if (net.tlsPortD && net.tlsPort !== undefined) fact.tlsAt = toRef(net.tlsPortD.at);
  if (net.bindD) fact.exposureAt = toRef(net.bindD.at);
  if (net.protectedModeD) fact.protectedModeAt = toRef(net.protectedModeD.at);
  return fact;
}

function authModeOf(auth: EffectiveAuth): AuthMode {
  const { verdict } = auth;
  if (verdict === 'open') return 'none';
  if (verdict === 'unknown' || verdict === 'locked') return verdict;
  return verdict === 'off' || auth.aclUsers ? 'acl' : 'password';
}

function productOf(file: string, directives: Directive[]): ServerFact['product'] {
  const name = file.toLowerCase();
  if (name.includes('valkey') || directives.some((d) => d.name === 'primaryauth' || d.name === 'primaryuser')) return 'valkey';
  if (name.includes('keydb') || directives.some((d) => d.name === 'server-threads' || d.name === 'active-replica' || d.name === 'multi-master')) {
    return 'keydb';
  }
  return 'redis';
}
