/**
 * The data format of a known Redis-family chart (one file per chart in this folder, listed in
 * index.ts): how to recognise the chart, its defaults for what the checks read, and the values
 * keys that mean auth switch, password, Secret, embedded redis.conf, Service, TLS and Sentinel.
 * The analysis merges `defaults` under the values the way Helm does, then reads these keys only:
 * adding a chart is adding a file. Key paths are dotted (`auth.enabled`), relative to the chart's
 * own values (a subchart's key is prepended by the analysis). Message templates: `{p}` is the
 * subchart prefix with its dot (`redis.`, or empty), `{key}` the key that decides.
 */
import type { ServerFact } from '../../../../core/facts';

export type ValuesData = { [key: string]: string | number | boolean | null | ValuesData | ValuesData[] | string[] };

/** A shape only this chart's values have (keys of the values' top level). */
export interface Signature {
  /** Every one of these keys is present. */
  has?: string[];
  /** At least one of these is present. */
  hasAny?: string[];
  /** None of these is present; a list inside means "not all of them together". */
  lacks?: (string | string[])[];
  /** These keys hold a scalar (redis-ha's `auth: true`). */
  scalar?: string[];
  /** `auth:` is a map. */
  authIsMap?: boolean;
  /** `auth:`, when a map, has none of these (another database chart's credentials). */
  authLacks?: string[];
  /** `architecture:`, when present, is one of these. */
  architecture?: string[];
  /** This key is a map with at least one of these keys (an app's `redisCluster: {nodes}` is not the chart's). */
  mapWith?: { key: string; anyOf: string[] };
}

/** A key that switches the server's password off when false (or deleted with `null`). */
export interface AuthSwitch {
  path: string;
  /** The fix when this key switches auth off. */
  fix: string;
  /** The fix when the chart's default for this key leaves auth off and nothing turns it on. */
  defaultFix?: string;
  /** Why the default leaves auth off; else "<chart> defaults to `<path>: false`". */
  defaultReason?: string;
}

export interface ChartData {
  /** The chart's family id (subchart families, Chart.yaml dependencies): `redis`, `redis-ha`. */
  id: string;
  /** Its name in messages and labels when not the id: `OT-Container-Kit redis`. */
  display?: string;
  product: ServerFact['product'];
  /** Chart names (the last part of `bitnami/redis`, `oci://.../redis`) and subchart values keys. */
  names: string[];
  /**
   * The publisher's chart repositories (substrings of the URL, lower case): the chart is this one
   * only when its repository matches. Charts without it are the default for their names.
   */
  repositories?: string[];
  /** A copied values file with no Chart.yaml is this chart's when one signature matches. */
  signatures?: Signature[];
  /** Keys only this chart's values have, telling its subchart section from an app's `redis:`. */
  shapeKeys?: string[];
  /** The chart's values.yaml defaults for auth, exposure, TLS and Sentinel (checked against the chart). */
  defaults: ValuesData;
  auth: {
    /** In order: the first that is false switches the password off. None: auth is always on. */
    switches: AuthSwitch[];
    /**
     * Auth is off unless one of these keys names something (an operator that sets a password only
     * from a Secret it is given): `path` of the switch is the first of them.
     */
    requiresOneOf?: { paths: string[]; switch: AuthSwitch };
    /** Literal password keys, in the order the chart's template reads them. */
    passwords: string[];
    /** `global.*` password keys, read at the top of the values (shared by every subchart). */
    globalPasswords?: string[];
    /** Keys naming an existing Kubernetes Secret that holds the password. */
    existingSecrets: string[];
    /** Keys that mount the password as a file (from the chart's own Secret). */
    passwordFiles?: string[];
    /** What the server's password is when none is given: the chart generates one, or unknown. */
    withoutPassword: 'generated' | 'unknown';
  };
  /** Embedded redis.conf / sentinel.conf text (or `key: value` maps). */
  conf: { path: string; sentinel?: boolean; replaces?: string[] }[];
  /** Lists of `redis-server` flags (`--requirepass x`). */
  extraFlags: string[];
  /**
   * Service sections whose `type` (or `typeKey`) `LoadBalancer | NodePort` publishes the server;
   * `when`: only if that key is true.
   */
  services: { path: string; when?: string; typeKey?: string }[];
  /** TLS is on when `enabled` is true, or when `secretName` names a Secret. */
  tls: { enabled?: string; secretName?: string };
  /** Sentinel, when the chart can run it. */
  sentinel?: {
    /** Runs only when this key is true; absent: the chart always runs Sentinel. */
    enabled?: string;
    /** The keys that switch Sentinel's password, first set one decides (the first's default otherwise). */
    switches: string[];
    /** Sentinel gets the server's password: off whenever the server's is. */
    followsServer?: boolean;
    /** Fix for a Sentinel left without a password. */
    fix: string;
  };
}
