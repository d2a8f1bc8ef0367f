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
import { chartById, fill, keyPath, type ChartData } from './charts';
import { effectiveValues, type Effective } from './effective';
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

const PASSWORD_FIX = 'Keep it in a Kubernetes Secret and reference that (`auth.existingSecret`, or `existingSecret` for redis-ha and redis-cluster), or inject it at deploy time.';

export function analyzeValues(input: ValuesInput): ScanResult {
  const result = emptyResult();
  const root = input.root;
  if (root?.kind !== 'map') return result;
  const { instances, disabled } = findInstances(root, input.chart);
  const known = instances.flatMap((i) => {
    const chart = chartById(i.family);
    return chart ? [{ inst: i, chart }] : [];
  });
  for (const { inst, chart } of known) analyzeInstance(root, inst, chart, input, result);
  // Passwords inside embedded redis.conf are the conf analysis's to report (once).
  const confSubtrees = new Set(known.flatMap(({ inst, chart }) => chart.conf.map((c) => [...inst.prefix, ...keyPath(c.path)].join('.'))));
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
  /** The chart's key that switched it off. */
  key?: ChartData['auth']['switches'][number];
}

/** One chart instance's values as the checks read them: effective values, names and places. */
interface Reading {
  chart: ChartData;
  prefix: string[];
  values: Effective;
  node: PNode | undefined;
  chartAt: Origin;
  /** The full values key of a chart key path (`redis.auth.enabled`). */
  name: (path?: string) => string;
}

function analyzeInstance(root: PMap, inst: Instance, chart: ChartData, input: ValuesInput, result: ScanResult): void {
  const chartAt: Origin = inst.keyAt ?? { ...root.at, endLine: undefined, endColumn: undefined };
  const values = effectiveValues(chart, inst.prefix.length ? valueAt(root, inst.prefix) : root, chartAt);
  const r: Reading = {
    chart,
    prefix: inst.prefix,
    values,
    node: values.node,
    chartAt,
    name: (path) => [...inst.prefix, ...(path ? keyPath(path) : [])].join('.'),
  };
  const product = chart.product;
  const prefixText = inst.prefix.join('.');
  const subject = `${input.subjectPrefix}#${prefixText || input.rootKey || '.'}`;
  const findingsBefore = result.findings.length;
  const label = `${display(chart)} (Helm ${input.where}${prefixText ? `, values key ${prefixText}` : ''})`;

  const sw = authSwitch(r);
  const credentials = credentialsOf(r, root, sw);

  // Embedded redis.conf: the chart passes --requirepass on the command line when auth is on.
  const args = sw.on ? ['--requirepass', '$(REDIS_PASSWORD)'] : [];
  const confOptions = { args, argsExpanded: true, reportArgSecrets: false, subject, label, environment: input.environment, product };
  let confAuth: AuthMode | undefined;
  let confAuthAt: Origin | undefined;
  let confCredentials: Credential[] = [];
  let protectedMode: boolean | undefined;
  let protectedModeAt: Origin | undefined;
  // A conf that replaces the generated one (redis-ha's `redis.customConfig`) drops its requirepass
  // and the settings it replaces (`redis.config`).
  const replacing = chart.conf.filter((c) => c.replaces && textOf(valueAt(r.node, keyPath(c.path)))?.trim());
  const replaced = new Set(replacing.flatMap((c) => c.replaces ?? []));
  for (const conf of chart.conf) {
    if (replaced.has(conf.path)) continue;
    const sentinel = conf.sentinel;
    const options = sentinel ? { ...confOptions, args: [], sentinel, product: 'sentinel' as const } : replacing.includes(conf) ? { ...confOptions, args: [] } : confOptions;
    const embedded = analyzeEmbedded(valueAt(r.node, keyPath(conf.path)), options);
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
  for (const path of chart.extraFlags) {
    const flag = requirepassFlag(valueAt(r.node, keyPath(path)));
    if (!flag) continue;
    const kind = literalKind(flag.value);
    if (!sw.on && kind !== 'none') {
      confAuth = 'password';
      confAuthAt = flag.at;
      confCredentials = [kind === 'reference' ? { source: 'env', reference: flag.value, at: flag.at } : { source: 'literal', value: flag.value, at: flag.at }];
    }
    const f = passwordFinding(flag.value, flag.at, r.name(path), `\`--requirepass\` in \`${r.name(path)}\``, PASSWORD_FIX, LITERALS);
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

  if (!sw.on && auth === 'none') result.findings.push(authFinding(r, sw));

  const { exposure, exposureAt } = exposureOf(r, auth, input.environment, result.findings);
  const tls = tlsOf(r);

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
  const sentinel = sentinelAuthOf(r, sw);
  if (sentinel) {
    fact.sentinelAuth = sentinel.auth;
    fact.sentinelAuthAt = sentinel.at;
    if (sentinel.auth === 'none' && sw.on && auth !== 'none') {
      result.findings.push(sentinelNoAuth(display(chart), sentinel.at, sentinel.key, sentinel.byDefault, fill(chart.sentinel!.fix, inst.prefix, sentinel.key)));
    }
  }
  if (!fact.authAt.anchor) delete fact.authAt.anchor;
  result.facts.push(fact);
  aboutSubject(result.findings.slice(findingsBefore), subject);
}

const LITERALS = { hardcoded: HELM_HARDCODED_PASSWORD, weak: HELM_WEAK_PASSWORD };

/**
 * How the chart's Sentinels authenticate clients, when it runs them (charts/*.ts `sentinel`):
 * redis-ha always runs Sentinel and `sentinel.auth` defaults to false; Bitnami redis/valkey run it
 * with `sentinel.enabled: true` and protect it with the server's password unless
 * `auth.sentinel: false` (default true).
 */
function sentinelAuthOf(r: Reading, sw: AuthSwitch): { auth: 'none' | 'password'; at: Origin; key: string; byDefault: boolean } | undefined {
  const s = r.chart.sentinel;
  if (!s || s.switches.length === 0) return undefined;
  const enabled = s.enabled ? entryAt(r.node, keyPath(s.enabled)) : undefined;
  if (s.enabled && boolOf(enabled?.value) !== true) return undefined;
  const set = s.switches.map((path) => ({ path, entry: entryAt(r.node, keyPath(path)) })).find((f) => f.entry && !r.values.isDefault(f.entry));
  const fallback = boolOf(r.values.defaultAt(s.switches[0])?.value) ?? true;
  const on = (!s.followsServer || sw.on) && (boolOf(set?.entry?.value) ?? fallback);
  const key = r.name(set?.path ?? s.switches[0]);
  const at = set
    ? withAnchor(set.entry!.keyAt, key)
    : s.followsServer && !sw.on
      ? sw.at
      : enabled && !r.values.isDefault(enabled)
        ? withAnchor(enabled.keyAt, r.name(s.enabled))
        : (sectionAt(r, s.switches[0]) ?? withAnchor(r.chartAt, r.name() || s.switches[0]));
  return { auth: on ? 'password' : 'none', at, key, byDefault: !set };
}

/** A default that is absent points at the values' own section that should carry it (`sentinel:`), when there is one. */
function sectionAt(r: Reading, path: string): Origin | undefined {
  const parents = keyPath(path).slice(0, -1);
  for (let n = parents.length; n > 0; n--) {
    const entry = entryAt(r.node, parents.slice(0, n));
    if (entry && !r.values.isDefault(entry)) return withAnchor(entry.keyAt, r.name(parents.slice(0, n).join('.')));
  }
  return undefined;
}

/**
 * Whether the server requires a password: the first of the chart's switches that is false (or
 * deleted with `null`) turns it off; a default that is off leaves it off until a value turns it on.
 */
function authSwitch(r: Reading): AuthSwitch {
  const switches = r.chart.auth.switches;
  for (const key of switches) {
    const entry = entryAt(r.node, keyPath(key.path));
    if (entry && boolOf(entry.value) === false) {
      if (r.values.isDefault(entry)) return { on: false, at: withAnchor(r.chartAt, r.name() || key.path), byDefault: true, key };
      return { on: false, at: withAnchor(entry.keyAt, r.name(key.path)), how: `\`${r.name(key.path)}: false\``, key };
    }
    const deleted = entry ? undefined : r.values.deletedBy(key.path);
    if (deleted) return { on: false, at: withAnchor(deleted.keyAt, r.name(key.path)), how: `\`${r.name(key.path)}: null\``, key };
  }
  const requires = r.chart.auth.requiresOneOf;
  if (requires && !firstSet(r.node, requires.paths)) {
    const key = requires.switch;
    const given = entryAt(r.node, keyPath(key.path));
    const at = given && !r.values.isDefault(given) ? given.keyAt : r.chartAt;
    return { on: false, at: withAnchor(at, r.name(key.path)), byDefault: true, key };
  }
  // Where it is on: the switch the values set (a scalar before the `auth:` map holding it).
  const given = switches.map((key) => ({ key, entry: entryAt(r.node, keyPath(key.path)) })).filter((g) => g.entry && !r.values.isDefault(g.entry));
  const where = given.find((g) => g.entry!.value.kind === 'scalar') ?? given[0];
  if (where) return { on: true, at: withAnchor(where.entry!.keyAt, r.name(where.key.path)) };
  return { on: true, at: withAnchor(r.chartAt, r.name() || (switches[0]?.path ?? 'auth')) };
}

/** The chart's name in messages. */
function display(chart: ChartData): string {
  return chart.display ?? chart.id;
}

function withAnchor(at: Origin, anchor: string): Origin {
  return { ...at, anchor };
}

function authFinding(r: Reading, sw: AuthSwitch): Finding {
  const anchor = sw.at.anchor ?? r.name('auth');
  const key = sw.key!;
  if (sw.byDefault) {
    const who = r.prefix.length ? `the \`${r.name()}\` subchart` : `this ${display(r.chart)} chart`;
    const reason = key.defaultReason ? fill(key.defaultReason, r.prefix) : `${display(r.chart)} defaults to \`${key.path}: false\``;
    return makeFinding(
      HELM_AUTH_DISABLED,
      sw.at,
      `${capital(who)} runs Redis without a password: ${reason}. ${fill(key.defaultFix ?? key.fix, r.prefix)}`,
      anchor,
    );
  }
  return makeFinding(
    HELM_AUTH_DISABLED,
    sw.at,
    `${sw.how} runs ${display(r.chart)} without a password: anyone who reaches the service can read and change every key. ${fill(key.fix, r.prefix)}`,
    anchor,
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function credentialsOf(r: Reading, root: PMap, sw: AuthSwitch): Credential[] {
  if (!sw.on) return [];
  const keys = r.chart.auth;
  const secret = firstSet(r.node, keys.existingSecrets);
  if (secret) return [{ source: 'secret-ref', reference: secret.text.trim(), at: withAnchor(secret.entry.keyAt, r.name(secret.path)) }];
  const global = firstSet(root, keys.globalPasswords ?? []);
  const literal = global ?? firstSet(r.node, keys.passwords);
  if (literal) {
    const kind = literalKind(literal.text);
    const at = withAnchor(literal.entry.value.at, global ? literal.path : r.name(literal.path));
    if (kind === 'reference') return [{ source: 'env', reference: literal.text.trim(), at }];
    if (kind === 'weak' || kind === 'literal') return [{ source: 'literal', value: literal.text, at }];
  }
  // Password files are mounted from the chart's own Secret, which holds what it generates.
  if ((keys.passwordFiles ?? []).some((p) => boolOf(valueAt(r.node, keyPath(p))) === true)) return [{ source: 'generated', at: sw.at }];
  return [{ source: keys.withoutPassword, at: sw.at }];
}

/** The first key whose value is non-empty text. */
function firstSet(node: PNode | undefined, paths: readonly string[]): { entry: PEntry; path: string; text: string } | undefined {
  for (const path of paths) {
    const entry = entryAt(node, keyPath(path));
    const text = entry && !isNull(entry.value) ? textOf(entry.value) : undefined;
    if (entry && text !== undefined && text.trim() !== '') return { entry, path, text };
  }
  return undefined;
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

function exposureOf(r: Reading, auth: AuthMode, environment: string | undefined, findings: Finding[]): { exposure: Exposure; exposureAt?: Origin } {
  let exposureAt: Origin | undefined;
  for (const service of r.chart.services) {
    const when = service.when ? entryAt(r.node, keyPath(service.when)) : undefined;
    if (service.when && boolOf(when?.value) !== true) continue;
    const typeKey = service.typeKey ?? 'type';
    const type = entryAt(r.node, [...keyPath(service.path), typeKey]);
    const text = textOf(type?.value);
    if (!type || !text || !/^(LoadBalancer|NodePort)$/i.test(text.trim())) continue;
    const anchor = r.name(`${service.path}.${typeKey}`);
    // The chart's default type: at the key that switched the service on.
    const at = withAnchor(!r.values.isDefault(type) ? type.keyAt : when && !r.values.isDefault(when) ? when.keyAt : r.chartAt, anchor);
    exposureAt ??= at;
    const open = auth === 'none';
    findings.push(
      makeFinding(
        HELM_SERVICE_EXPOSED,
        at,
        `\`${anchor}: ${text.trim()}\` publishes ${display(r.chart)} outside the cluster${open ? ` and authentication is off${environment ? ` (in ${environment})` : ''}, so anyone on the network can read and change every key` : ''}. Use \`ClusterIP\` and reach it from inside the cluster (or restrict \`loadBalancerSourceRanges\` and keep auth on).`,
        anchor,
        open ? 'error' : HELM_SERVICE_EXPOSED.defaultSeverity,
      ),
    );
  }
  return exposureAt ? { exposure: 'public', exposureAt } : { exposure: 'internal' };
}

function tlsOf(r: Reading): { tls: boolean; at?: Origin } {
  const { enabled, secretName } = r.chart.tls;
  if (enabled) {
    const entry = entryAt(r.node, keyPath(enabled));
    if (!entry) return { tls: false };
    const on = boolOf(entry.value) === true;
    return r.values.isDefault(entry) ? { tls: on } : { tls: on, at: entry.keyAt };
  }
  if (secretName) {
    const entry = entryAt(r.node, keyPath(secretName));
    const on = Boolean(textOf(entry?.value)?.trim());
    return on && !r.values.isDefault(entry) ? { tls: true, at: entry!.keyAt } : { tls: on };
  }
  return { tls: false };
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
