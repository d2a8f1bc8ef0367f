/**
 * What a Redis service analysis carries around: where it is, the state of its auth as the image
 * applies it, and the findings collected so far.
 */
import type { AuthMode, ConfLaunch, Credential, SourceRef } from '../../src/core/facts';
import type { Finding } from '../../src/core/finding';
import type { Environment } from '../../src/core/environment';
import type { ScanContext } from '../../src/engine/kit/contract';
import type { Arg } from './args';
import { literalFinding, type CredentialInfo } from './credentials';
import { Located } from './located';
import type { EnvVar, ServiceModel } from './model';

export interface ServiceScope {
  /** Project folder relative to the scan root ('.' for the root). */
  dir: string;
  ctx: ScanContext;
  environment?: Environment;
  /** The environment's own file (the override), for the fact's `file`. */
  factFile: string;
  subject: string;
  label: string;
}

/** The environment a container sees: `env_file` first, `environment` wins. */
export function effectiveEnv(svc: ServiceModel): Map<string, EnvVar> {
  return new Map([...svc.envFileVars, ...svc.environment]);
}

export function truthy(v: EnvVar | undefined): boolean {
  return v?.value !== undefined && /^(yes|true|1)$/i.test(v.value.value.trim());
}


export class Collector {
  findings: Finding[] = [];
  constructor(private readonly scope: ServiceScope) {}
  literal(info: CredentialInfo | undefined, what: string): void {
    if (!info?.literal) return;
    const f = literalFinding(info.literal.value, info.literal.at, what, this.scope.ctx.environment);
    if (f) this.findings.push(f);
  }
  add(f: Finding): void {
    this.findings.push(f);
  }
}

export function synthetic(value: string, at: SourceRef): Arg {
  return { text: value, value, at, loc: new Located(value, at, new Map()), offset: 0 };
}

export interface AuthState {
  auth: AuthMode;
  authAt: SourceRef;
  credentials: Credential[];
  /** Why there is no auth, for the message. */
  reason?: string;
  /** A more specific missing-auth finding was already emitted. */
  reported?: boolean;
  protectedMode?: boolean;
  protectedModeAt?: SourceRef;
  tls: boolean | 'unknown';
  tlsAt?: SourceRef;
  sentinel?: boolean;
  /** `--bind` names only loopback addresses: nothing outside the container can connect. */
  loopbackOnly?: boolean;
  /** protected-mode given on the command line (it then wins over a conf). */
  protectedModeSet?: boolean;
  /** The repository conf file the server runs with, when one is mounted (one Redis, two files). */
  confFile?: string;
  /** That conf and the options the command line adds after it, for the engine (facts.ts). */
  confLaunch?: ConfLaunch;
  /** Why the auth could not be judged (auth stays `unknown`): becomes a `redis-unmodeled` note. */
  unmodeled?: string;
}

/** Auth out of sight: `unknown`, and the reason for the note. */
export function unmodeled(state: AuthState, why: string): void {
  state.auth = 'unknown';
  state.unmodeled ??= why;
}
