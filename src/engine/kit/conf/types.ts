/** What analyzeConf takes and gives back; the steps in this folder share these shapes. */
import type { Diagnostic, Finding } from '../../../core/finding';
import type { ServerFact, SourceRef } from '../../../core/facts';
import type { Environment } from '../../../core/environment';
import type { ScanContext } from '../contract';
import type { DefaultUserVerdict } from './acl';
import type { Place } from './load';

/** Options for analysing redis.conf text that lives on disk or inside another file. */
export interface ConfAnalysisOptions {
  /** File the findings point into (the conf itself, or the YAML that embeds it). */
  file: string;
  /** 0-based line of the embedding file where the conf text starts (0 for a file on its own). */
  lineOffset?: number;
  /** Columns to add to every position (the indentation of a YAML block scalar). */
  columnOffset?: number;
  /** Lets `include` and `aclfile` be followed inside the repository; absent for embedded text. */
  ctx?: ScanContext;
  /** Command-line arguments after the conf path (`--requirepass x --port 6380`); they win. */
  args?: string[];
  /**
   * True when there is no conf file at all (`redis-server` with only arguments): compiled-in
   * defaults apply (bind all interfaces).
   */
  noConfFile?: boolean;
  /** protected-mode default: the official/valkey/keydb images patch it to off. */
  protectedModeDefault?: boolean;
  subject?: string;
  label?: string;
  environment?: Environment;
  product?: ServerFact['product'];
  /**
   * Where `args` are written (a compose `command:` line, a Kubernetes `args:` item), when that is
   * not `file`: findings about an argument point here. Defaults to line 1 of `file`.
   */
  argsAt?: SourceRef;
  /** Per-argument places, parallel to `args`; missing entries fall back to `argsAt`. */
  argRefs?: (SourceRef | undefined)[];
  /**
   * Whether `args` went through a shell, Compose or Kubernetes interpolation, so `$VAR`/`${VAR}`
   * in them are references, not literals. Default true.
   */
  argsExpanded?: boolean;
  /**
   * `kubernetes` when `args` come from a container's `args`/`command`: Kubernetes expands
   * `$(VAR)` but passes `${VAR}` literally. Default `shell` (everything already expanded).
   */
  argsExpansion?: 'shell' | 'kubernetes';
  /**
   * Report literal passwords found in `args` (default true). A caller that reports secrets in its
   * own file (the compose `command:`) sets this to false to avoid a second finding.
   */
  reportArgSecrets?: boolean;
  /** Maps a path as Redis sees it (`/usr/local/etc/redis/users.acl`) to a repository path. */
  resolvePath?: (path: string) => string | undefined;
  /** Read the text as sentinel.conf (sentinel checks, `sentinel …` directives). */
  sentinel?: boolean;
}

/** What the analysis learnt about the default user, for callers that combine facts. */
export interface EffectiveAuth {
  verdict: DefaultUserVerdict | 'unknown';
  /** Why (one sentence, no secret). */
  reason: string;
  /** The element to point at: the switch that opened it, or where auth should go. */
  at: Place;
  /** Named ACL users exist besides `default`. */
  aclUsers: boolean;
}

export interface ConfAnalysis {
  fact: ServerFact;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The default user after startup (always set by analyzeConf). */
  auth?: EffectiveAuth;
  /** Repository files this analysis read (the conf, its includes, its ACL file). */
  filesRead?: string[];
  /** The ACL file named by `aclfile`, when it was read (its own findings come from the ACL scanner). */
  aclFile?: { path: string; loadErrors: number; defaultMissing: boolean };
  /** The last `replicaof`/`slaveof`, when it names a master. */
  replicaOf?: { host: string; port: string; at: Place; hasMasterAuth: boolean };
  /** A sentinel.conf's `requirepass` is written by a startup script here (startup-script.ts). */
  requirepassAtStartup?: SourceRef;
}

/** Where findings without a line of their own point: the conf's start, or its command line. */
export interface Anchors {
  top: Place;
  argsAt: Place;
}
