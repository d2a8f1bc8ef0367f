/**
 * Checks over one set of effective values (a values file alone, or the base merged with an
 * environment's file): one ServerFact per Redis-family chart in it, and the findings about it.
 * Used for values files and for values embedded in Argo CD Applications and Flux HelmReleases.
 */
import type { Environment } from '../../../core/environment';
import type { AuthMode, Credential, Exposure, ServerFact } from '../../../core/facts';
import type { Finding } from '../../../core/finding';
import { isRedisUrl, parseRedisUrl } from '../../../core/redis-url';
import { isCredentialName, isRedisCredentialKey } from '../../../core/credential-names';
import { isRedisRelatedName } from '../../../core/redis-names';
import { emptyResult, type ScanResult } from '../contract';
import { aboutSubject } from '../finding';
import type { ChartFamily } from './chart';
import { HELM_AUTH_DISABLED, HELM_HARDCODED_PASSWORD, HELM_SERVICE_EXPOSED, HELM_WEAK_PASSWORD } from './checks';
import { analyzeEmbedded } from '../conf/embedded';
import { findInstances, type ChartLike, type Instance } from './instances';
import { sentinelNoAuth } from './sentinel';
import { literalKind, makeFinding, passwordFinding } from '../literal';
import { boolOf, entryAt, isNull, textOf, valueAt, type Origin, type PEntry, type PMap, type PNode } from '../yaml-tree';

export interface ValuesInput {
  /** Effective values. */
  root: PNode | undefined;
  chart: ChartLike;
  /** `helm:<chart dir>`; the instance's values path is appended after `#`. */
  subjectPrefix: string;
  /** The key a parent chart gives these values (a `redis/` subchart folder): the chart's own instance is `#<rootKey>`. */
  rootKey?: string;
  /** Human name of where the values live: `chart deploy/app`. */
  where: string;
  /** The file that makes these facts (an environment's file, or the base). */
  file: string;
  environment?: Environment;
}

const PRODUCT: Record<ChartFamily, ServerFact['product']> = {
  redis: 'redis',
  valkey: 'valkey',
  keydb: 'keydb',
  'redis-cluster': 'redis-cluster',
  'valkey-cluster': 'redis-cluster',
  'redis-ha': 'redis-ha',
};

const PASSWORD_FIX = 'Keep it in a Kubernetes Secret and reference that (`auth.existingSecret`, or `existingSecret` for redis-ha and redis-cluster), or inject it at deploy time.';

export function analyzeValues(input: ValuesInput): ScanResult {
  const result = emptyResult();
  const root = input.root;
  if (root?.kind !== 'map') return result;
  const { instances, disabled } = findInstances(root, input.chart);
  for (const instance of instances) analyzeInstance(root, instance, input, result);
  // Passwords inside embedded redis.conf are the conf analysis's to report (once).
  const confSubtrees = new Set(instances.flatMap((i) => confPaths(i.family).map((c) => [...i.prefix, ...c.path].join('.'))));
  walkPasswords(root, [], instances.some((i) => i.prefix.length === 0), new Set(disabled), confSubtrees, result.findings);
  return result;
}

interface AuthSwitch {
  on: boolean;
  at: Origin;
  /** How it was switched off, for the message. */
  how?: string;
  /** Off because the chart's default is off and nothing turns it on. */
  byDefault?: boolean;
}

function analyzeInstance(root: PMap, inst: Instance, input: ValuesInput, result: ScanResult): void {
  const node = inst.prefix.length ? valueAt(root, inst.prefix) : root;
  const name = (...p: string[]) => [...inst.prefix, ...p].join('.');
  const chartAt: Origin = inst.keyAt ?? { ...root.at, endLine: undefined, endColumn: undefined };
  const product = PRODUCT[inst.family];
  const prefixText = inst.prefix.join('.');
  const subject = `${input.subjectPrefix}#${prefixText || input.rootKey || '.'}`;
  const findingsBefore = result.findings.length;
  const label = `${inst.family} (Helm ${input.where}${prefixText ? `, values key ${prefixText}` : ''})`;

  const sw = authSwitch(inst, node, chartAt, name);
  const credentials = credentialsOf(inst, root, node, sw, name);

  // Embedded redis.conf: the chart passes --requirepass on the command line when auth is on.
  const args = sw.on ? ['--requirepass', '$(REDIS_PASSWORD)'] : [];
  const confOptions = { args, argsExpanded: true, reportArgSecrets: false, subject, label, environment: input.environment, product };
  let confAuth: AuthMode | undefined;
  let confAuthAt: Origin | undefined;
  let confCredentials: Credential[] = [];
  let protectedMode: boolean | undefined;
  let protectedModeAt: Origin | undefined;
  // redis-ha's `redis.customConfig` replaces the whole generated conf, its requirepass included;
  // the `redis.config` map is then ignored.
  const haCustom = inst.family === 'redis-ha' && textOf(valueAt(node, ['redis', 'customConfig']))?.trim();
  for (const { path, sentinel } of confPaths(inst.family)) {
    if (haCustom && path.join('.') === 'redis.config') continue;
    const options = sentinel ? { ...confOptions, args: [], sentinel, product: 'sentinel' as const } : haCustom && path.join('.') === 'redis.customConfig' ? { ...confOptions, args: [] } : confOptions;
    const embedded = analyzeEmbedded(valueAt(node, path), options);
    if (!embedded) continue;
    if (sentinel) {
      // Sentinel's own checks (auth-pass, protected-mode) stand; its auth is not the server's.
      result.findings.push(...embedded.findings.filter((f) => f.category !== 'missing-auth'));
      continue;
    }
    const fact = embedded.analysis.fact;
    if (fact.auth === 'none' || (!sw.on && ['password', 'acl', 'locked'].includes(fact.auth))) {
      confAuth = fact.auth;
      confAuthAt = fact.authAt;
      confCredentials = fact.credentials;
    }
    if (fact.protectedMode !== undefined) {
      protectedMode = fact.protectedMode;
      protectedModeAt = fact.protectedModeAt;
    }
    for (const f of embedded.findings) {
      // Missing-auth from a fragment is only news when the fragment itself opens the server.
      if (f.category === 'missing-auth' && !(sw.on && fact.auth === 'none')) continue;
      result.findings.push(f);
    }
  }
  for (const path of extraFlagPaths(inst.family)) {
    const flag = requirepassFlag(valueAt(node, path));
    if (!flag) continue;
    const kind = literalKind(flag.value);
    if (!sw.on && kind !== 'none') {
      confAuth = 'password';
      confAuthAt = flag.at;
      confCredentials = [kind === 'reference' ? { source: 'env', reference: flag.value, at: flag.at } : { source: 'literal', value: flag.value, at: flag.at }];
    }
    const f = passwordFinding(flag.value, flag.at, name(...path), `\`--requirepass\` in \`${name(...path)}\``, PASSWORD_FIX, LITERALS);
    if (f) result.findings.push(f);
  }

  let auth: AuthMode = sw.on ? 'password' : 'none';
  let authAt: Origin = sw.at;
  if (confAuth) {
    auth = confAuth;
    authAt = confAuthAt ?? authAt;
    if (!sw.on) credentials.push(...confCredentials);
  }
  if (auth === 'password' && credentials.length === 0) auth = 'unknown';

  if (!sw.on && auth === 'none') result.findings.push(authFinding(inst, sw, name));

  const { exposure, exposureAt } = exposureOf(inst, node, name, auth, input.environment, result.findings);
  const tls = tlsOf(inst, node);

  const fact: ServerFact = {
    kind: 'server',
    subject,
    label,
    file: input.file,
    environment: input.environment,
    source: 'helm',
    product,
    auth,
    authAt: { ...authAt, anchor: authAt.anchor ?? (prefixText || undefined) },
    credentials,
    tls: tls.tls,
    exposure,
  };
  if (tls.at) fact.tlsAt = tls.at;
  if (exposureAt) fact.exposureAt = exposureAt;
  if (protectedMode !== undefined) {
    fact.protectedMode = protectedMode;
    fact.protectedModeAt = protectedModeAt;
  }
  const sentinel = sentinelAuthOf(inst, node, sw, chartAt, name);
  if (sentinel) {
    fact.sentinelAuth = sentinel.auth;
    fact.sentinelAuthAt = sentinel.at;
    if (sentinel.auth === 'none' && sw.on && auth !== 'none') result.findings.push(sentinelNoAuth(inst.family, sentinel.at, sentinel.key, sentinel.byDefault));
  }
  if (!fact.authAt.anchor) delete fact.authAt.anchor;
  result.facts.push(fact);
  aboutSubject(result.findings.slice(findingsBefore), subject);
}

const LITERALS = { hardcoded: HELM_HARDCODED_PASSWORD, weak: HELM_WEAK_PASSWORD };

/**
 * How the chart's Sentinels authenticate clients, when it runs them: redis-ha always runs Sentinel
 * and `sentinel.auth` defaults to false; Bitnami redis/valkey run it with `sentinel.enabled: true`
 * and protect it with the server's password unless `auth.sentinel: false` (default true).
 */
function sentinelAuthOf(
  inst: Instance,
  node: PNode | undefined,
  sw: AuthSwitch,
  chartAt: Origin,
  name: (...p: string[]) => string,
): { auth: 'none' | 'password'; at: Origin; key: string; byDefault: boolean } | undefined {
  if (inst.family === 'redis-ha') {
    const e = entryAt(node, ['sentinel', 'auth']);
    const on = boolOf(e?.value) === true;
    const key = name('sentinel', 'auth');
    return { auth: on ? 'password' : 'none', at: e ? withAnchor(e.keyAt, key) : withAnchor(chartAt, name() || 'sentinel.auth'), key, byDefault: !e };
  }
  if (inst.family !== 'redis' && inst.family !== 'valkey') return undefined;
  const enabled = entryAt(node, ['sentinel', 'enabled']);
  if (boolOf(enabled?.value) !== true) return undefined;
  // Bitnami redis >= 14 `auth.sentinel`; <= 13 `sentinel.usePassword` (both default true).
  const flag = entryAt(node, ['auth', 'sentinel']) ?? entryAt(node, ['sentinel', 'usePassword']);
  const key = flag && entryAt(node, ['auth', 'sentinel']) ? name('auth', 'sentinel') : name('sentinel', 'usePassword');
  const on = sw.on && boolOf(flag?.value) !== false;
  const at = flag ? withAnchor(flag.keyAt, key) : !sw.on ? sw.at : withAnchor(enabled!.keyAt, name('sentinel', 'enabled'));
  return { auth: on ? 'password' : 'none', at, key, byDefault: false };
}

function authSwitch(inst: Instance, node: PNode | undefined, chartAt: Origin, name: (...p: string[]) => string): AuthSwitch {
  const auth = entryAt(node, ['auth']);
  if (inst.family === 'redis-ha') {
    const on = boolOf(auth?.value);
    if (on === true) return { on: true, at: withAnchor(auth!.keyAt, name('auth')) };
    if (on === false) return { on: false, at: withAnchor(auth!.keyAt, name('auth')), how: `\`${name('auth')}: false\`` };
    return { on: false, at: withAnchor(chartAt, name() || 'auth'), byDefault: true };
  }
  if (auth && boolOf(auth.value) === false) return { on: false, at: withAnchor(auth.keyAt, name('auth')), how: `\`${name('auth')}: false\`` };
  const enabled = entryAt(node, ['auth', 'enabled']);
  if (enabled && boolOf(enabled.value) === false) {
    return { on: false, at: withAnchor(enabled.keyAt, name('auth', 'enabled')), how: `\`${name('auth', 'enabled')}: false\`` };
  }
  const usePassword = entryAt(node, ['usePassword']);
  if (usePassword && boolOf(usePassword.value) === false) {
    return { on: false, at: withAnchor(usePassword.keyAt, name('usePassword')), how: `\`${name('usePassword')}: false\`` };
  }
  const where = enabled ?? usePassword ?? auth;
  return { on: true, at: where ? withAnchor(where.keyAt, where === auth ? name('auth') : where === enabled ? name('auth', 'enabled') : name('usePassword')) : withAnchor(chartAt, name() || 'auth') };
}

function withAnchor(at: Origin, anchor: string): Origin {
  return { ...at, anchor };
}

function authFinding(inst: Instance, sw: AuthSwitch, name: (...p: string[]) => string): Finding {
  const anchor = sw.at.anchor ?? name('auth');
  if (sw.byDefault) {
    const key = inst.prefix.length ? `the \`${name()}\` subchart` : 'this redis-ha chart';
    return makeFinding(
      HELM_AUTH_DISABLED,
      sw.at,
      `${capital(key)} runs Redis without a password: redis-ha defaults to \`auth: false\`. Set \`${name('auth')}: true\` with \`${name('existingSecret')}\` naming a Kubernetes Secret.`,
      anchor,
    );
  }
  const fix =
    inst.family === 'redis-ha'
      ? `Set \`${name('auth')}: true\` and \`${name('existingSecret')}\` to a Kubernetes Secret.`
      : inst.family === 'redis-cluster' || inst.family === 'valkey-cluster' || sw.how?.includes('usePassword')
        ? `Set \`${name('usePassword')}: true\` (the chart then generates a password) or use \`${name('existingSecret')}\`.`
        : `Set it to true (the chart then generates a random password) or point \`${name('auth', 'existingSecret')}\` at a Kubernetes Secret.`;
  return makeFinding(
    HELM_AUTH_DISABLED,
    sw.at,
    `${sw.how} runs ${inst.family} without a password: anyone who reaches the service can read and change every key. ${fix}`,
    anchor,
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function credentialsOf(inst: Instance, root: PMap, node: PNode | undefined, sw: AuthSwitch, name: (...p: string[]) => string): Credential[] {
  if (!sw.on) return [];
  const secret = firstEntry(node, [['auth', 'existingSecret'], ['existingSecret']]);
  const secretName = secret ? textOf(secret.entry.value)?.trim() : undefined;
  if (secret && secretName) {
    return [{ source: 'secret-ref', reference: secretName, at: withAnchor(secret.entry.keyAt, name(...secret.path)) }];
  }
  const globalKey = inst.family === 'valkey' || inst.family === 'valkey-cluster' ? 'valkey' : 'redis';
  const global = firstEntry(root, [['global', globalKey, 'password']]);
  const literal = global ?? firstEntry(node, inst.family === 'redis-ha' ? [['redisPassword']] : [['auth', 'password'], ['password']]);
  const value = literal ? textOf(literal.entry.value) : undefined;
  if (literal && value !== undefined && value.trim() !== '') {
    const kind = literalKind(value);
    const at = withAnchor(literal.entry.value.at, global ? global.path.join('.') : name(...literal.path));
    if (kind === 'reference') return [{ source: 'env', reference: value.trim(), at }];
    if (kind === 'weak' || kind === 'literal') return [{ source: 'literal', value, at }];
  }
  if (boolOf(valueAt(node, ['auth', 'usePasswordFiles'])) === true && inst.family !== 'redis-ha') {
    // Files are mounted from the chart's own Secret holding a generated password.
    return [{ source: 'generated', at: sw.at }];
  }
  if (inst.family === 'redis-ha') return [{ source: 'unknown', at: sw.at }];
  return [{ source: 'generated', at: sw.at }];
}

function firstEntry(node: PNode | undefined, paths: string[][]): { entry: PEntry; path: string[] } | undefined {
  for (const path of paths) {
    const entry = entryAt(node, path);
    if (entry && !isNull(entry.value)) return { entry, path };
  }
  return undefined;
}

function confPaths(family: ChartFamily): { path: string[]; sentinel?: boolean }[] {
  switch (family) {
    case 'redis-ha':
      return [{ path: ['redis', 'customConfig'] }, { path: ['redis', 'config'] }, { path: ['sentinel', 'customConfig'], sentinel: true }];
    case 'redis-cluster':
    case 'valkey-cluster':
      return [{ path: ['redis', 'configmap'] }];
    default:
      return [
        { path: ['commonConfiguration'] },
        { path: ['master', 'configuration'] },
        { path: ['primary', 'configuration'] },
        { path: ['replica', 'configuration'] },
        { path: ['sentinel', 'configuration'], sentinel: true },
      ];
  }
}

function extraFlagPaths(family: ChartFamily): string[][] {
  if (family === 'redis-ha') return [];
  if (family === 'redis-cluster' || family === 'valkey-cluster') return [['redis', 'extraFlags']];
  return [['master', 'extraFlags'], ['primary', 'extraFlags'], ['replica', 'extraFlags']];
}

/** `--requirepass x` in a list of flags (one per item, or flag and value as two items). */
function requirepassFlag(node: PNode | undefined): { value: string; at: Origin } | undefined {
  if (node?.kind !== 'seq') return undefined;
  const tokens: { text: string; at: Origin }[] = [];
  for (const item of node.items) {
    const text = textOf(item);
    if (text === undefined) continue;
    for (const t of text.trim().split(/\s+/)) tokens.push({ text: t.replace(/^(["'])(.*)\1$/, '$2'), at: item.at });
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (t.startsWith('--requirepass=')) return { value: t.slice('--requirepass='.length), at: tokens[i].at };
    if (t === '--requirepass' && tokens[i + 1]) return { value: tokens[i + 1].text, at: tokens[i + 1].at };
  }
  return undefined;
}

function servicePaths(family: ChartFamily): string[][] {
  switch (family) {
    case 'redis-ha':
      return [['haproxy', 'service'], ['service']];
    case 'redis-cluster':
    case 'valkey-cluster':
      return [['service'], ['cluster', 'externalAccess', 'service']];
    default:
      return [['master', 'service'], ['primary', 'service'], ['replica', 'service'], ['sentinel', 'service']];
  }
}

function exposureOf(
  inst: Instance,
  node: PNode | undefined,
  name: (...p: string[]) => string,
  auth: AuthMode,
  environment: string | undefined,
  findings: Finding[],
): { exposure: Exposure; exposureAt?: Origin } {
  let exposureAt: Origin | undefined;
  for (const path of servicePaths(inst.family)) {
    if (path[1] === 'externalAccess' && boolOf(valueAt(node, ['cluster', 'externalAccess', 'enabled'])) !== true) continue;
    const type = entryAt(node, [...path, 'type']);
    const text = textOf(type?.value);
    if (!type || !text || !/^(LoadBalancer|NodePort)$/i.test(text.trim())) continue;
    const anchor = name(...path, 'type');
    const at = withAnchor(type.keyAt, anchor);
    exposureAt ??= at;
    const open = auth === 'none';
    findings.push(
      makeFinding(
        HELM_SERVICE_EXPOSED,
        at,
        `\`${anchor}: ${text.trim()}\` publishes ${inst.family} outside the cluster${open ? ` and authentication is off${environment ? ` (in ${environment})` : ''}, so anyone on the network can read and change every key` : ''}. Use \`ClusterIP\` and reach it from inside the cluster (or restrict \`loadBalancerSourceRanges\` and keep auth on).`,
        anchor,
        open ? 'error' : HELM_SERVICE_EXPOSED.defaultSeverity,
      ),
    );
  }
  return exposureAt ? { exposure: 'public', exposureAt } : { exposure: 'internal' };
}

function tlsOf(inst: Instance, node: PNode | undefined): { tls: boolean; at?: Origin } {
  if (inst.family === 'redis-ha') {
    const secret = entryAt(node, ['tls', 'secretName']);
    const on = Boolean(textOf(secret?.value)?.trim());
    return on ? { tls: true, at: secret!.keyAt } : { tls: false };
  }
  const enabled = entryAt(node, ['tls', 'enabled']);
  if (!enabled) return { tls: false };
  return { tls: boolOf(enabled.value) === true, at: enabled.keyAt };
}

/**
 * Every password literal under a Redis-family key (`redis.auth.password`, `externalRedis.password`,
 * `global.redis.password`, `extraEnvVars[{name: REDIS_PASSWORD, value}]`), skipping switched-off
 * subcharts.
 */
function walkPasswords(node: PNode, path: string[], inside: boolean, disabled: Set<string>, skip: Set<string>, out: Finding[]): void {
  if (skip.has(path.join('.'))) return;
  if (node.kind === 'map') {
    // `{name: REDIS_PASSWORD, value: x}` as in extraEnvVars.
    const envName = textOf(node.entries.get('name')?.value);
    const envValue = node.entries.get('value');
    if (envName && envValue && isRedisCredentialKey(envName, inside)) {
      const text = textOf(envValue.value);
      const anchor = [...path, envName].join('.');
      const f = text !== undefined ? passwordFinding(text, envValue.value.at, anchor, `\`${envName}\` in \`${path.join('.')}\``, PASSWORD_FIX, LITERALS) : undefined;
      if (f) out.push(f);
    }
    for (const [key, entry] of node.entries) {
      if (path.length === 0 && disabled.has(key)) continue;
      const childInside = inside || isRedisRelatedName(key);
      const childPath = [...path, key];
      if (entry.value.kind === 'scalar') {
        if (!childInside || typeof entry.value.value === 'boolean') continue;
        const text = textOf(entry.value);
        if (text === undefined) continue;
        const anchor = childPath.join('.');
        let f: Finding | undefined;
        if (isCredentialName(key)) f = passwordFinding(text, entry.value.at, anchor, `\`${anchor}\``, PASSWORD_FIX, LITERALS);
        else if (isRedisUrl(text)) {
          // `redis.url: redis://:pw@host` in an app's own values.
          const password = parseRedisUrl(text)?.password;
          if (password) f = passwordFinding(password, entry.value.at, anchor, `The Redis URL in \`${anchor}\``, PASSWORD_FIX, LITERALS);
        }
        if (f) out.push(f);
        continue;
      }
      walkPasswords(entry.value, childPath, childInside, disabled, skip, out);
    }
    return;
  }
  if (node.kind === 'seq') node.items.forEach((item, i) => walkPasswords(item, [...path, String(i)], inside, disabled, skip, out));
}
