/** Small builders for synthetic facts, so each test reads as the scenario it checks. */
import type { ClientFact, Credential, ServerFact, SourceRef } from '../../../src/core/facts';

export function ref(file: string, line: number, anchor?: string): SourceRef {
  return { file, line, column: 1, ...(anchor ? { anchor } : {}) };
}

export interface ServerSpec {
  env?: string;
  file: string;
  subject?: string;
  auth?: ServerFact['auth'];
  authLine?: number;
  /** `authAt` in another (base) file. */
  authFile?: string;
  credentials?: Credential[];
  tls?: ServerFact['tls'];
  tlsAt?: SourceRef;
  exposure?: ServerFact['exposure'];
  exposureAt?: SourceRef;
  protectedMode?: boolean;
  protectedModeAt?: SourceRef;
}

export function server(spec: ServerSpec): ServerFact {
  return {
    kind: 'server',
    subject: spec.subject ?? 'helm:chart#redis',
    label: 'redis (helm chart chart)',
    file: spec.file,
    ...(spec.env !== undefined ? { environment: spec.env } : {}),
    source: 'helm',
    product: 'redis',
    auth: spec.auth ?? 'password',
    authAt: ref(spec.authFile ?? spec.file, spec.authLine ?? 2, 'auth.enabled'),
    credentials: spec.credentials ?? [],
    tls: spec.tls ?? false,
    ...(spec.tlsAt ? { tlsAt: spec.tlsAt } : {}),
    exposure: spec.exposure ?? 'internal',
    ...(spec.exposureAt ? { exposureAt: spec.exposureAt } : {}),
    ...(spec.protectedMode !== undefined ? { protectedMode: spec.protectedMode } : {}),
    ...(spec.protectedModeAt ? { protectedModeAt: spec.protectedModeAt } : {}),
  };
}

export function cred(source: Credential['source'], at: SourceRef, value?: string): Credential {
  return { source, at, ...(value !== undefined ? { value } : {}) };
}

export function client(spec: {
  env?: string;
  file: string;
  subject?: string;
  auth?: ClientFact['auth'];
  credentials?: Credential[];
  tls?: ClientFact['tls'];
}): ClientFact {
  return {
    kind: 'client',
    subject: spec.subject ?? 'dotenv:.#REDIS_URL',
    label: 'REDIS_URL',
    file: spec.file,
    ...(spec.env !== undefined ? { environment: spec.env } : {}),
    source: 'dotenv',
    host: 'cache',
    auth: spec.auth ?? 'password',
    authAt: ref(spec.file, 1, 'REDIS_URL'),
    credentials: spec.credentials ?? [],
    tls: spec.tls ?? false,
  };
}
