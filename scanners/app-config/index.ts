/**
 * Application config files per environment: the `config` package layout (`config/default.json`
 * under `config/production.json`, `custom-environment-variables.*` mapping variables onto keys)
 * and NestJS / 12-factor per-environment JSON or YAML. Reads each environment's Redis sections
 * (host, url, password, tls), reports committed and weak passwords and environments that connect
 * to another host without one, and gives ClientFacts for drift.
 */
import type { ClientFact, Credential, SourceRef } from '../../src/core/facts';
import { compareFindings, type Finding } from '../../src/core/finding';
import { environmentOfFile, isStrictFile, isTestFile } from '../../src/core/environment-memo';
import { isLoopbackHost } from '../../src/core/hosts';
import { mentionsRedis } from '../../src/core/redis-names';
import { isRedisUrl, parseRedisUrl, redactRedisUrl } from '../../src/core/redis-url';
import { maskSecret } from '../../src/core/secrets';
import { emptyResult, type ScanContext, type Scanner, type ScanResult, type SourceFile } from '../../src/engine/kit/contract';
import { findingAt } from '../../src/engine/kit/finding';
import { literalKind, passwordFinding } from '../../src/engine/kit/literal';
import { boolOf, buildTree, mergeValues, parseYaml, textOf, truncatedMessage, type PEntry, type PNode } from '../../src/engine/kit/yaml-tree';
import { APP_CONFIG_CHECKS, appConfigChecks } from './checks';
import { APP_CONFIG_FILE_NAMES, baseOf, dirOf, isAppConfigPath, isBaseName, isEnvMapName } from './layout';
import { mappedVariable, redisSections, type Section } from './sections';
import { appConfigUnit, variablesOf } from './unit';

const FIX = 'Read it from the environment instead (`custom-environment-variables.json` maps `REDIS_PASSWORD` onto the key), and rotate the committed one.';

function load(file: SourceFile, result: ScanResult): PNode | undefined {
  const { file: yaml, diagnostics } = parseYaml(file.path, file.text);
  result.diagnostics.push(...diagnostics);
  const doc = yaml.docs[0];
  const built = doc ? buildTree(yaml, file.text, doc.contents) : undefined;
  if (built?.truncated) result.diagnostics.push({ file: file.path, line: 1, message: truncatedMessage('file') });
  return built?.tree;
}

const valueAtOf = (e: PEntry, anchor: string): SourceRef => ({ ...e.value.at, anchor });

/** Literal passwords a file itself writes (in Redis sections and Redis URLs). */
function literalFindings(tree: PNode | undefined, file: string, ctx: ScanContext): Finding[] {
  const out: Finding[] = [];
  const checks = { hardcoded: APP_CONFIG_CHECKS.hardcodedSecret, weak: APP_CONFIG_CHECKS.weakPassword };
  // Production and staging files fail the gate; test files hold throwaway values.
  const severity = isStrictFile(file, ctx.environment) ? 'error' : isTestFile(file, ctx.environment) ? 'note' : undefined;
  const add = (f: Finding | undefined) => f && out.push(severity ? { ...f, severity } : f);
  for (const s of redisSections(tree)) {
    const anchor = s.path.join('.');
    const text = s.password?.value.kind === 'scalar' ? textOf(s.password.value) : undefined;
    if (s.password && text !== undefined) {
      const key = `${anchor}.${s.password.key}`;
      add(passwordFinding(text, valueAtOf(s.password, key), key, `\`${key}\` in \`${baseOf(file)}\``, FIX, checks));
    }
    const url = textOf(s.url?.value);
    const password = url ? parseRedisUrl(url)?.password : undefined;
    if (s.url && password) {
      const key = s.url.key === s.path[s.path.length - 1] ? anchor : `${anchor}.${s.url.key}`;
      add(passwordFinding(password, valueAtOf(s.url, key), key, `The Redis URL in \`${key}\` of \`${baseOf(file)}\``, FIX, checks));
    }
  }
  return out;
}

interface Layering {
  /** The environment's own file (or the base alone). */
  file: string;
  environment?: string;
  tree: PNode | undefined;
}

/** One environment's view of a Redis section: the client fact, and the no-auth finding when it has no password. */
function judgeSection(s: Section, l: Layering, envMap: PNode | undefined, dir: string, ctx: ScanContext): { fact: ClientFact; finding?: Finding } {
  const anchor = s.path.join('.');
  const url = textOf(s.url?.value);
  const parsed = url && isRedisUrl(url) ? parseRedisUrl(url) : undefined;
  const host = textOf(s.host?.value) ?? parsed?.host ?? parsed?.socketPath;
  let credential: Credential | undefined;
  const mappedPassword = s.password ? mappedVariable(envMap, [...s.path, s.password.key]) : mappedVariable(envMap, [...s.path, 'password']);
  const mappedUrl = s.url ? mappedVariable(envMap, [...s.path, s.url.key]) : undefined;
  if (mappedPassword) credential = { source: 'env', reference: mappedPassword, at: s.password ? s.password.keyAt : s.url?.keyAt ?? s.host!.keyAt };
  else if (mappedUrl) credential = { source: 'env', reference: mappedUrl, at: s.url!.keyAt };
  else if (s.password && textOf(s.password.value)?.trim()) {
    const value = textOf(s.password.value)!;
    const kind = literalKind(value);
    credential = kind === 'reference' ? { source: 'env', reference: value, at: s.password.value.at } : kind === 'none' ? undefined : { source: 'literal', value, at: s.password.value.at };
  } else if (parsed?.password) {
    const kind = literalKind(parsed.password);
    credential = kind === 'reference' ? { source: 'env', reference: parsed.password, at: s.url!.value.at } : kind === 'none' ? undefined : { source: 'literal', value: parsed.password, at: s.url!.value.at };
  }
  const username = textOf(s.username?.value);
  if (credential && username) credential.username = username;
  const tlsFlag = s.tls ? (s.tls.value.kind === 'map' ? true : boolOf(s.tls.value)) : undefined;
  const tls = tlsFlag ?? (parsed ? parsed.tls : 'unknown');
  const where = (s.url ?? s.host ?? s.password)!;
  const fact: ClientFact = {
    kind: 'client',
    subject: `app-config:${dir || '.'}#${anchor}`,
    label: `app config ${anchor} (${dir || '.'})`,
    file: l.file,
    environment: l.environment,
    source: 'code',
    host: host ?? undefined,
    auth: credential ? 'password' : 'none',
    authAt: credential?.at ?? { ...where.value.at, anchor },
    credentials: credential ? [credential] : [],
    tls,
    ...(s.tls ? { tlsAt: s.tls.keyAt } : s.url ? { tlsAt: s.url.value.at } : {}),
  };
  // Only a known remote host is judged: a variable host, loopback or a missing host says nothing.
  const remote = host && !/^\$|\{\{/.test(host) && !isLoopbackHost(host) && !parsed?.socketPath;
  if (credential || !remote || mappedUrl) return { fact };
  const strict = isStrictFile(l.file, ctx.environment);
  const shown = url ? `\`${anchor}${s.url!.key === s.path[s.path.length - 1] ? '' : `.${s.url!.key}`}: ${redactRedisUrl(url, maskSecret)}\`` : `\`${anchor}.host: ${host}\``;
  const finding = findingAt(
    APP_CONFIG_CHECKS.noAuth,
    { ...where.value.at, anchor },
    `${shown}${l.environment ? ` (${l.environment})` : ''} connects to Redis without a password, so that Redis must accept anyone. Add a \`password\` read from the environment (map it in \`custom-environment-variables.json\`) and require it on the server.`,
    strict ? 'error' : isTestFile(l.file, ctx.environment) ? 'note' : APP_CONFIG_CHECKS.noAuth.defaultSeverity,
  );
  return { fact, finding };
}

export function scanAppConfig(files: SourceFile[], ctx: ScanContext): ScanResult {
  const result = emptyResult();
  const findings: Finding[] = [];
  const byDir = new Map<string, SourceFile[]>();
  for (const f of files) byDir.set(dirOf(f.path), [...(byDir.get(dirOf(f.path)) ?? []), f]);
  for (const [dir, given] of [...byDir].sort(([a], [b]) => a.localeCompare(b))) {
    const trees = new Map<string, PNode | undefined>();
    const tree = (f: SourceFile) => {
      if (!trees.has(f.path)) trees.set(f.path, load(f, result));
      return trees.get(f.path);
    };
    const sibling = (names: string[]) => names.map((n) => given.find((g) => baseOf(g.path) === n) ?? ctx.readFile(dir ? `${dir}/${n}` : n)).find(Boolean);
    const base = sibling(['default.json', 'default.yaml', 'default.yml', 'config.json', 'config.yaml', 'config.yml']);
    const envMapFile = sibling(['custom-environment-variables.json', 'custom-environment-variables.yaml', 'custom-environment-variables.yml']);
    const envMap = envMapFile ? tree(envMapFile) : undefined;
    const envFiles = given.filter((g) => !isBaseName(baseOf(g.path)) && !isEnvMapName(baseOf(g.path)));
    // Literal passwords, where they are written (never in the variable-name map).
    for (const f of given) if (!isEnvMapName(baseOf(f.path))) findings.push(...literalFindings(tree(f), f.path, ctx));
    const layerings: Layering[] = envFiles.map((f) => ({ file: f.path, environment: environmentOfFile(f.path, ctx.environment), tree: mergeValues(base ? tree(base) : undefined, tree(f)) }));
    if (base && given.some((g) => g.path === base.path)) layerings.push({ file: base.path, environment: undefined, tree: tree(base) });
    const mapped = variablesOf(envMap);
    for (const l of layerings) {
      (result.units ??= []).push(appConfigUnit(l.tree, l.file, l.environment, dir, mapped));
      for (const s of redisSections(l.tree)) {
        const { fact, finding } = judgeSection(s, l, envMap, dir, ctx);
        result.facts.push(fact);
        // The base alone is judged only when no environment builds on it.
        if (finding && (l.environment !== undefined || envFiles.length === 0)) findings.push(finding);
      }
    }
  }
  const seen = new Set<string>();
  result.findings = findings
    .filter((f) => {
      const key = `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort(compareFindings);
  return result;
}

export const appConfigScanner: Scanner = {
  kind: 'app-config',
  checks: appConfigChecks,
  fileNames: APP_CONFIG_FILE_NAMES,
  detect: (path, text) => isAppConfigPath(path) && mentionsRedis(text),
  scan: scanAppConfig,
};
