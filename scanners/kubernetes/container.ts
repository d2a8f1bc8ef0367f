/**
 * One Redis-family container: how it gets (or lacks) a password, from its image's conventions,
 * its command/args, its env and a redis.conf mounted from a ConfigMap.
 */
import type { Environment } from '../../src/core/environment';
import type { AuthMode, ConfLaunch, Credential, ServerFact } from '../../src/core/facts';
import type { Finding } from '../../src/core/finding';
import { isRedisUrl, parseRedisUrl } from '../../src/core/redis-url';
import { isRedisCredentialKey } from '../../src/core/credential-names';
import { isRedisCli } from '../../src/core/redis-names';
import { judgeSecret } from '../../src/core/secrets';
import { literalKind, makeFinding, passwordFinding } from '../../src/engine/kit/literal';
import { entryAt, textOf, valueAt, type Origin, type PMap, type PNode } from '../../src/engine/kit/yaml-tree';
import { confPathOf, hasFlag, requirepassOf, serverArgv, shellWords, type Token } from './argv';
import { aboutSubject } from '../../src/engine/kit/finding';
import { K8S_HARDCODED_PASSWORD, K8S_NO_AUTH, K8S_UNEXPANDED_VARIABLE, K8S_WEAK_PASSWORD } from './checks';
import type { ConfIndex } from './configmaps';
import type { ImageInfo } from '../../src/core/images';
import { unmodeledFinding } from '../../src/engine/kit/unmodeled';
import { seqMaps, type PodTemplate, type Resource } from './manifests';

export const K8S_LITERALS = { hardcoded: K8S_HARDCODED_PASSWORD, weak: K8S_WEAK_PASSWORD };

const FIX = 'Put it in a Kubernetes Secret and use `valueFrom.secretKeyRef` (in args, refer to it as `$(REDIS_PASSWORD)`).';

export interface ContainerInput {
  resource: Resource;
  pod: PodTemplate;
  container: PMap;
  /** Anchor of the container: `Deployment/cache.spec.template.spec.containers.redis`. */
  anchor: string;
  image: ImageInfo;
  confs: ConfIndex;
  environment?: Environment;
}

export interface ContainerResult {
  fact: ServerFact;
  findings: Finding[];
  /** Secret names this container reads. */
  secrets: string[];
  /** Port numbers and names the container serves Redis on. */
  ports: (number | string)[];
}

interface EnvEntry {
  name: string;
  entry: PMap;
  value?: PNode;
  secretRef?: { name: string; key: string; at: Origin };
  otherRef?: Origin;
}

type EnvSource =
  | { kind: 'literal'; text: string; at: Origin }
  | { kind: 'empty'; at: Origin }
  | { kind: 'secret'; reference: string; at: Origin }
  | { kind: 'unknown'; at?: Origin };

export function envEntries(container: PMap): Map<string, EnvEntry> {
  const out = new Map<string, EnvEntry>();
  for (const e of seqMaps(valueAt(container, ['env']))) {
    const name = textOf(valueAt(e, ['name']));
    if (!name) continue;
    const ref = valueAt(e, ['valueFrom', 'secretKeyRef']);
    const entry: EnvEntry = { name, entry: e, value: entryAt(e, ['value'])?.value };
    if (ref?.kind === 'map') {
      entry.secretRef = { name: textOf(valueAt(ref, ['name'])) ?? '', key: textOf(valueAt(ref, ['key'])) ?? '', at: ref.at };
    } else if (valueAt(e, ['valueFrom'])) entry.otherRef = valueAt(e, ['valueFrom'])!.at;
    out.set(name, entry);
  }
  return out;
}

function sourceOf(env: Map<string, EnvEntry>, hasEnvFrom: boolean, name: string): EnvSource | undefined {
  const e = env.get(name);
  if (!e) return hasEnvFrom ? { kind: 'unknown' } : undefined;
  if (e.secretRef) return { kind: 'secret', reference: `${e.secretRef.name}/${e.secretRef.key}`, at: e.secretRef.at };
  if (e.otherRef) return { kind: 'unknown', at: e.otherRef };
  const text = textOf(e.value);
  if (text === undefined || text.trim() === '') return { kind: 'empty', at: e.value?.at ?? e.entry.at };
  return { kind: 'literal', text, at: e.value!.at };
}

export function analyzeContainer(input: ContainerInput): ContainerResult | undefined {
  const { container, image, resource } = input;
  const spec = image.spec;
  const argv = serverArgv(container);
  if (argv.sentinel) return undefined;
  const findings: Finding[] = [];
  const env = envEntries(container);
  const envFrom = seqMaps(valueAt(container, ['envFrom']));
  const secrets = [
    ...[...env.values()].flatMap((e) => (e.secretRef?.name ? [e.secretRef.name] : [])),
    ...envFrom.flatMap((f) => {
      const n = textOf(valueAt(f, ['secretRef', 'name']));
      return n ? [n] : [];
    }),
  ];
  const imageEntry = entryAt(container, ['image'])!;
  const imageAt: Origin = { ...imageEntry.keyAt, anchor: `${input.anchor}.image` };
  const product = image.product;
  const containerName = textOf(valueAt(container, ['name'])) ?? '(unnamed)';
  const subject = `k8s:${resource.kind}/${resource.name}#${containerName}`;
  const label = `${product} container ${containerName} in ${resource.kind}/${resource.name}`;

  // Literal passwords in env, whatever the image does with them: they are committed either way.
  findings.push(...envLiteralFindings(env, input.anchor, true));

  let tokens = argv.tokens;
  // Image conventions that feed extra server flags through env.
  for (const v of spec.flagVars) {
    const s = sourceOf(env, false, v);
    if (s?.kind === 'literal') tokens = [...tokens, ...shellWords(s.text, s.at, false, `env var \`${v}\``)];
  }
  // Dragonfly reads any flag from `DFLY_<flag>`: `DFLY_requirepass` is `--requirepass $(DFLY_requirepass)`.
  const prefixed = spec.flagEnvPrefix ? env.get(`${spec.flagEnvPrefix}requirepass`) : undefined;
  if (prefixed) {
    const at = prefixed.value?.at ?? prefixed.entry.at;
    tokens = [...tokens, { text: '--requirepass', at, shell: false }, { text: `$(${prefixed.name})`, at, shell: false }];
  }

  let auth: AuthMode = 'unknown';
  let authAt: Origin = imageAt;
  const credentials: Credential[] = [];
  let offSwitch: { at: Origin; message: string } | undefined;
  let launch: ConfLaunch | undefined;
  let conf: ReturnType<typeof confPathOf>;

  const requirepass = requirepassOf(tokens);
  let argCredential = requirepass ? credentialOfToken(requirepass.value, env, envFrom.length > 0, input.anchor, findings) : undefined;
  // `envFrom: [{secretRef: …}]` only: a variable not set in `env` can only come from those Secrets.
  const fromSecrets = envFrom.length > 0 && envFrom.every((f) => valueAt(f, ['secretRef'])) ? envFrom.map((f) => textOf(valueAt(f, ['secretRef', 'name'])) ?? '?') : undefined;
  if (argCredential?.source === 'unknown' && argCredential.reference && fromSecrets && !env.has(argCredential.reference)) {
    argCredential = { ...argCredential, source: 'secret-ref', reference: `${fromSecrets.join(',')}/${argCredential.reference}` };
  }
  const argsAt: Origin | undefined = requirepass ? { ...requirepass.flag.at, anchor: `${input.anchor}.args` } : undefined;
  const fromArgs = () => {
    credentials.push(argCredential!);
    auth = argCredential!.source === 'none' ? 'none' : 'password';
    authAt = argsAt!;
    if (auth === 'none') offSwitch = { at: authAt, message: '`--requirepass` is given an empty value, so the default user needs no password. Pass a password from a Secret: `--requirepass $(REDIS_PASSWORD)`.' };
  };

  let unmodeled: string | undefined;
  if (spec.passwordVars.length > 0) {
    // Bitnami start scripts (also the chart's rendered `bash -c start-master.sh`) read the env.
    if (argCredential) fromArgs();
    else bitnamiAuth();
  } else if (argv.opaque) {
    if (argCredential) fromArgs();
    else unmodeled = 'its `command`/`args` run a script this scanner cannot follow';
  } else {
    // A mounted conf is read first and the command-line options after it (they win), but conf
    // `user` lines still apply after requirepass: the conf analysis has the final word.
    conf = confPathOf(tokens);
    const analysed = conf ? input.confs.analyzeMounted(conf.path, conf.rest.map((t) => t.text), input, subject, label, product) : undefined;
    if (analysed?.confFile && conf) {
      const options = conf.rest.filter((t) => t.text.startsWith('--')).map((t) => t.text.slice(2).toLowerCase());
      launch = { file: analysed.confFile, at: { ...conf.at }, options };
    }
    if (analysed) {
      auth = analysed.fact.auth;
      authAt = analysed.fact.authAt;
      credentials.push(...(argCredential ? [argCredential] : analysed.fact.credentials));
      // The password on the command line is set where `--requirepass` is written; an open server
      // whose args a Kustomize patch replaced is opened by that patch line.
      if (argCredential && auth === 'password') authAt = argsAt!;
      else if (auth === 'none') authAt = replacedArgsAt() ?? authAt;
    } else if (argCredential) fromArgs();
    else if (conf || hasFlag(tokens, '--aclfile')) auth = 'unknown';
    else {
      auth = 'none';
      authAt = replacedArgsAt() ?? authAt;
      const ignored = spec.ignoredVars.filter((n) => env.has(n));
      const hint = ignored.length ? ` (this image ignores \`${ignored[0]}\`)` : '';
      offSwitch = {
        at: authAt,
        message: `Container \`${containerName}\` runs ${product} with no password${hint}: anyone who can reach the pod can read and change every key. Put the password in a Secret and ${spec.k8sFix}.`,
      };
    }
  }

  /** `args`/`command` written by another file than the container (a Kustomize patch replaced them). */
  function replacedArgsAt(): Origin | undefined {
    const argsEntry = entryAt(container, ['args']) ?? entryAt(container, ['command']);
    return argsEntry && argsEntry.keyAt.file !== imageEntry.keyAt.file ? { ...argsEntry.keyAt, anchor: `${input.anchor}.${argsEntry.key}` } : undefined;
  }

  function bitnamiAuth(): void {
    const vars = spec.passwordVars[0];
    const pw = sourceOf(env, envFrom.length > 0, vars.password);
    const file = vars.passwordFile ? sourceOf(env, false, vars.passwordFile) : undefined;
    const allowEmpty = spec.allowEmptyVar ? env.get(spec.allowEmptyVar) : undefined;
    if (pw?.kind === 'literal') {
      auth = 'password';
      credentials.push({ source: 'literal', value: pw.text, at: pw.at });
      authAt = pw.at;
    } else if (pw?.kind === 'secret') {
      auth = 'password';
      credentials.push({ source: 'secret-ref', reference: pw.reference, at: pw.at });
      authAt = pw.at;
    } else if (file && file.kind !== 'empty') {
      auth = 'password';
      credentials.push({ source: 'file', reference: file.kind === 'literal' ? file.text : undefined, at: file.at ?? imageAt });
    } else if (pw?.kind === 'unknown') {
      auth = 'unknown';
    } else if (allowEmpty && /^(yes|true|1)$/i.test(textOf(allowEmpty.value) ?? '')) {
      auth = 'none';
      authAt = { ...(allowEmpty.value?.at ?? allowEmpty.entry.at), anchor: `${input.anchor}.env.ALLOW_EMPTY_PASSWORD` };
      offSwitch = {
        at: authAt,
        message: `\`ALLOW_EMPTY_PASSWORD=yes\` starts the Bitnami image without a password and with protected-mode off. Remove it and set \`${vars.password}\` from a Secret (\`valueFrom.secretKeyRef\`).`,
      };
    } else if (!spec.allowEmptyVar && !argv.opaque) {
      // Grokzen's cluster, the client-libs test image: no password variable, no password.
      auth = 'none';
      offSwitch = {
        at: authAt,
        message: `Container \`${containerName}\` (${image.repository}) runs ${product} with no password: \`${vars.password}\` is not set, so anyone who can reach the pod can read and change every key. Put the password in a Secret and ${spec.k8sFix}.`,
      };
    } else if (!spec.allowEmptyVar) {
      unmodeled = 'its `command`/`args` replace how the image starts the server';
    } else {
      // The Bitnami image refuses to start with no password: fail-closed, not open.
      auth = 'unknown';
    }
  }
  if (offSwitch) findings.push(makeFinding(K8S_NO_AUTH, offSwitch.at, offSwitch.message, offSwitch.at.anchor ?? `${input.anchor}.image`));
  if (unmodeled && auth === 'unknown') {
    findings.push(unmodeledFinding(imageAt, `Container \`${containerName}\` (${image.repository}) in ${resource.kind}/${resource.name}`, unmodeled, `Check that it starts with a password: put it in a Secret and ${spec.k8sFix}.`));
  }

  const tlsFlag = hasFlag(tokens, '--tls-port');
  const bitnamiTls = spec.tlsVar ? env.get(spec.tlsVar) : undefined;
  const tls = Boolean(tlsFlag) || /^(yes|true|1)$/i.test(textOf(bitnamiTls?.value) ?? '');

  const ports: (number | string)[] = [];
  for (const p of seqMaps(valueAt(container, ['ports']))) {
    const n = textOf(valueAt(p, ['containerPort']));
    const name = textOf(valueAt(p, ['name']));
    if (n) ports.push(Number(n));
    if (name) ports.push(name);
  }

  const fact: ServerFact = {
    kind: 'server',
    subject,
    label,
    file: resource.file.path,
    environment: input.environment,
    source: 'kubernetes',
    product,
    auth,
    authAt,
    credentials,
    tls,
    exposure: 'internal',
  };
  if (tlsFlag) fact.tlsAt = tlsFlag.at;
  if (launch) fact.startsConf = [launch];
  else if (conf && auth !== 'none' && auth !== 'unknown') {
    // A conf path no mount provides (`/data/redis.conf`, linked by an init container from one of
    // the confs the pod mounts): the command line's password applies to whichever it picks.
    const options = conf.rest.filter((t) => t.text.startsWith('--')).map((t) => t.text.slice(2).toLowerCase());
    const carried = input.confs.podConfFiles(input);
    if (carried.length) fact.startsConf = carried.map((file) => ({ file, at: { ...conf.at }, options }));
  }
  return { fact, findings: aboutSubject(findings, fact.subject), secrets, ports };
}

/** A `--requirepass` value: a literal, an expanded variable, or a variable that is never expanded. */
function credentialOfToken(token: Token, env: Map<string, EnvEntry>, hasEnvFrom: boolean, anchor: string, findings: Finding[]): Credential {
  const t = token.text;
  const at = { ...token.at, anchor: `${anchor}.args` };
  const k8sRef = /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(t);
  const shellRef = token.shell ? /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(t) : null;
  const ref = k8sRef ?? shellRef;
  if (ref) {
    const s = sourceOf(env, hasEnvFrom, ref[1]);
    if (!s) {
      if (token.shell) return { source: 'unknown', reference: ref[1], at };
      // Kubernetes leaves `$(VAR)` as is when VAR is not defined in the container.
      findings.push(makeFinding(K8S_UNEXPANDED_VARIABLE, at, `\`${t}\` names no env var of this container, so Kubernetes passes it to \`--requirepass\` literally and the password is the text \`${t}\`. Define \`${ref[1]}\` from a Secret with \`valueFrom.secretKeyRef\`.`, `${anchor}.args`));
      return { source: 'literal', value: t, at };
    }
    if (s.kind === 'literal') {
      const f = passwordFinding(s.text, s.at, `${anchor}.env.${ref[1]}`, `Env var \`${ref[1]}\` (used by \`--requirepass\`)`, FIX, K8S_LITERALS);
      if (f) findings.push(f);
      return { source: 'literal', value: s.text, reference: ref[1], at: s.at };
    }
    if (s.kind === 'secret') return { source: 'secret-ref', reference: s.reference, at: s.at };
    if (s.kind === 'empty') return { source: 'none', reference: ref[1], at: s.at };
    return { source: 'unknown', reference: ref[1], at: s.at ?? at };
  }
  if (token.shell && t.includes('$')) {
    return { source: /\/run\/secrets|cat\b/.test(t) ? 'file' : 'unknown', at };
  }
  if (!token.shell && judgeSecret(t, 'kubernetes').kind === 'unexpanded') {
    findings.push(
      makeFinding(
        K8S_UNEXPANDED_VARIABLE,
        at,
        `\`${t}\` is passed to \`--requirepass\` literally: Kubernetes expands only \`$(VAR)\` in command and args, and no shell runs here, so the password is the text \`${t}\`. Write \`$(VAR)\` instead.`,
        `${anchor}.args`,
      ),
    );
    return { source: 'literal', value: t, at };
  }
  if (t.trim() === '') return { source: 'none', at };
  const f = passwordFinding(t, at, `${anchor}.args`, `\`--requirepass\` in ${token.where ?? 'the container args'}`, FIX, K8S_LITERALS);
  if (f) findings.push(f);
  const kind = literalKind(t);
  return kind === 'reference' ? { source: 'env', reference: t, at } : { source: 'literal', value: t, at };
}

/**
 * Password-like env vars with a `value:` literal, and redis:// URLs with a password in them.
 * `redisContainer` makes every password-named var count; elsewhere only Redis-named ones do.
 */
export function envLiteralFindings(env: Map<string, EnvEntry>, anchor: string, redisContainer: boolean): Finding[] {
  const out: Finding[] = [];
  for (const e of env.values()) {
    const text = textOf(e.value);
    if (text === undefined || e.value?.kind !== 'scalar') continue;
    const envAnchor = `${anchor}.env.${e.name}`;
    if (isRedisCredentialKey(e.name, redisContainer)) {
      const f = passwordFinding(text, e.value.at, envAnchor, `Env var \`${e.name}\``, FIX, K8S_LITERALS);
      if (f) out.push(f);
      continue;
    }
    if (isRedisUrl(text)) {
      const url = parseRedisUrl(text);
      if (url?.password) {
        const f = passwordFinding(url.password, e.value.at, envAnchor, `The Redis URL in env var \`${e.name}\``, 'Build the URL from a Secret (`valueFrom.secretKeyRef`) instead.', K8S_LITERALS);
        if (f) out.push(f);
      }
    }
  }
  return out;
}



/**
 * `redis-cli -a <password>` in probes and lifecycle hooks (a common health check). Kubernetes
 * does not expand anything in probe commands; a `sh -c` script expands `$VAR`. Only literals
 * are reported.
 */
export function probeFindings(container: PMap, anchor: string): Finding[] {
  const out: Finding[] = [];
  const places: [string, PNode | undefined][] = [
    ['livenessProbe', valueAt(container, ['livenessProbe', 'exec', 'command'])],
    ['readinessProbe', valueAt(container, ['readinessProbe', 'exec', 'command'])],
    ['startupProbe', valueAt(container, ['startupProbe', 'exec', 'command'])],
    ['lifecycle.postStart', valueAt(container, ['lifecycle', 'postStart', 'exec', 'command'])],
    ['lifecycle.preStop', valueAt(container, ['lifecycle', 'preStop', 'exec', 'command'])],
  ];
  for (const [where, node] of places) {
    if (node?.kind !== 'seq') continue;
    const items: Token[] = node.items.flatMap((i) => (textOf(i) === undefined ? [] : [{ text: textOf(i)!, at: i.at, shell: false }]));
    const c = items.findIndex((t, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(t.text));
    const first = (items[0]?.text ?? '').split('/').pop() ?? '';
    const tokens = ['sh', 'bash', 'ash', 'dash'].includes(first) && c > 0 && items[c + 1] ? shellWords(items[c + 1].text, items[c + 1].at) : items;
    for (let i = 0; i < tokens.length; i++) {
      if (!isRedisCli(tokens[i].text)) continue;
      for (let j = i + 1; j < tokens.length - 1 && !isRedisCli(tokens[j].text); j++) {
        const flag = tokens[j].text;
        const value = tokens[j + 1];
        let password: string | undefined;
        if (flag === '-a' || flag === '--pass') password = value.text;
        else if ((flag === '-u' || flag === '--uri') && isRedisUrl(value.text)) password = parseRedisUrl(value.text)?.password;
        if (password === undefined || password.includes('$')) continue;
        const f = passwordFinding(password, value.at, `${anchor}.${where}`, `\`redis-cli ${flag}\` in the ${where}`, 'Set `REDISCLI_AUTH` from a Secret (`valueFrom.secretKeyRef`) and drop the flag: redis-cli reads it.', K8S_LITERALS);
        if (f) out.push(f);
      }
    }
  }
  return out;
}
