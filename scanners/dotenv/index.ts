/**
 * The .env scanner: Redis URLs without a password, empty/weak Redis passwords, committed literal
 * passwords (templates may hold placeholders, but not real-looking secrets), and ClientFacts per
 * layered mode (`.env` < `.env.local` < `.env.<mode>` < `.env.<mode>.local`).
 */
import type { ClientFact, Credential, SourceRef, UnitFact } from '../../src/core/facts';
import { literalSetting } from '../../src/engine/kit/env-settings';
import { compareFindings, type Finding } from '../../src/core/finding';
import type { EnvironmentOptions } from '../../src/core/environment';
import { environmentOfFile, isStrictFile, isTestFile } from '../../src/core/environment-memo';
import { isLoopbackHost } from '../../src/core/hosts';
import { isRedisUrl, parseRedisUrl, redactRedisUrl, type RedisUrl } from '../../src/core/redis-url';
import { maskExpressions } from '../../src/core/redis-url';
import { listDir } from '../../src/engine/kit/list-dir';
import { classifySecret, isReference, looksLikeRealSecret, maskSecret, weaknessOf } from '../../src/core/secrets';
import { isRedisClientSecretVar, isRedisUsernameVar, passwordFileVariable } from '../../src/core/secrets';
import { emptyResult, type ScanContext, type ScanResult, type Scanner, type SourceFile } from '../../src/engine/kit/contract';
import { DOTENV_CHECKS, dotenvChecks } from './checks';
import { aboutSecret, findingAt } from '../../src/engine/kit/finding';
import { baseName, dirOf, DOTENV_FILE_NAMES, isDotenvName, isTemplate, layeringsOf } from './layers';
import { dotenvEntries, parseDotenv, type DotenvEntry } from '../../src/engine/kit/dotenv-parse';
import { mentionsRedis } from '../../src/core/redis-names';


/** A Redis credential variable: `REDIS_PASSWORD`, `SPRING_DATA_REDIS_PASSWORD`, `REDISCLI_AUTH`. */
export const isRedisSecretVar = isRedisClientSecretVar;

/** One assignment with its resolved value and position. */
export interface DotenvVar extends DotenvEntry {
  file: string;
  value: string;
}

export function readVars(file: SourceFile): DotenvVar[] {
  const values = parseDotenv(file.text);
  return dotenvEntries(file.text)
    .filter((e) => values[e.name] !== undefined)
    .map((e) => ({ ...e, file: file.path, value: values[e.name] }));
}

/** parseRedisUrl, with `${VAR:?}`-style references kept whole inside the password. */
function parseUrl(value: string): RedisUrl | undefined {
  const url = parseRedisUrl(maskExpressions(value));
  if (url?.passwordOffset !== undefined) {
    const raw = value.slice(url.passwordOffset, url.passwordOffset + (url.passwordRawLength ?? 0));
    try {
      url.password = decodeURIComponent(raw);
    } catch {
      url.password = raw;
    }
  }
  return url;
}

function keyAt(v: DotenvVar): SourceRef {
  return { file: v.file, line: v.line, column: v.column, anchor: v.name };
}

function valueAt(v: DotenvVar, offset = 0, length = v.value.length): SourceRef {
  const column = v.valueColumn + (v.quoted ? 1 : 0) + offset;
  return { file: v.file, line: v.line, column, endLine: v.line, endColumn: column + length, anchor: v.name };
}

/** The one finding a password value deserves in this file, or none. */
function judgeSecret(value: string, at: SourceRef, what: string, file: string, options: EnvironmentOptions): Finding | undefined {
  const template = isTemplate(file);
  const hard = isStrictFile(file, options);
  // `.env.test` / `.env.ci` hold throwaway credentials for test runs.
  const soft = isTestFile(file, options) ? 'note' : undefined;
  if (template) {
    if (!looksLikeRealSecret(value)) return undefined;
    return aboutSecret(findingAt(
      DOTENV_CHECKS.hardcodedSecret,
      at,
      `${what} in the template \`${baseName(file)}\` looks like a real password (\`${maskSecret(value)}\`). Templates are committed and copied: replace it with a placeholder and rotate the password if it was ever used.`,
      'error',
    ), value);
  }
  const kind = classifySecret(value);
  if (kind === 'reference') return undefined;
  if (kind === 'empty') {
    return aboutSecret(findingAt(
      DOTENV_CHECKS.weakPassword,
      at,
      `${what} is empty, and Redis treats an empty password as no password. Set a long random password (and keep this file out of version control).`,
      hard ? 'error' : soft ?? DOTENV_CHECKS.weakPassword.defaultSeverity,
    ), value);
  }
  const weakness = weaknessOf(value);
  if (kind === 'placeholder' || kind === 'weak' || weakness) {
    return aboutSecret(findingAt(
      DOTENV_CHECKS.weakPassword,
      at,
      `${what} is \`${maskSecret(value)}\`, which ${weakness ?? 'is a placeholder'}. Use a long random password.`,
      hard ? 'error' : soft ?? DOTENV_CHECKS.weakPassword.defaultSeverity,
    ), value);
  }
  return aboutSecret(findingAt(
    DOTENV_CHECKS.hardcodedSecret,
    at,
    `${what} is a real password committed in \`${baseName(file)}\` (\`${maskSecret(value)}\`). Keep real values out of the repository (a secret manager, CI secrets, or an untracked .env.local) and rotate this one.`,
    hard ? 'error' : soft ?? DOTENV_CHECKS.hardcodedSecret.defaultSeverity,
  ), value);
}

/**
 * `REDIS_CLUSTER_PASSWORD` -> `REDIS_CLUSTER_`: the prefix its sibling settings share. Called on
 * credential names only (credential-names.ts), whose last word is the password word.
 */
function sectionOf(name: string): string | undefined {
  const cut = name.lastIndexOf('_');
  return cut > 0 ? name.slice(0, cut + 1) : undefined;
}

/** Address settings of a section: `REDIS_CLUSTER_SERVICE_HOST`, `REDIS_CACHE_URL`, `REDIS_NODES`. */
const ADDRESS_SUFFIX = /_(HOST|HOSTNAME|HOSTS|URL|URI|URLS|ADDR|ADDRESS|ENDPOINT|ENDPOINTS|NODES|SERVER|SERVERS)$/i;

/**
 * An empty password in a section whose address settings are all empty too configures nothing
 * (`REDIS_CLUSTER_SERVICE_HOST=` beside `REDIS_CLUSTER_PASSWORD=`, a knob list to fill in): it
 * is no connection without a password. A section with no address setting at all is still judged.
 */
function unconfiguredSection(v: DotenvVar, all: readonly DotenvVar[]): boolean {
  const section = sectionOf(v.name)?.toUpperCase();
  if (!section) return false;
  const addresses = all.filter((o) => o.name.toUpperCase().startsWith(section) && ADDRESS_SUFFIX.test(o.name));
  return addresses.length > 0 && addresses.every((o) => o.value.trim() === '');
}

/** Findings for one file; `lower` are the variables of the layers beneath it (for a password set there). */
function checkFile(vars: readonly DotenvVar[], lower: readonly DotenvVar[], file: string, options: EnvironmentOptions): Finding[] {
  const out: Finding[] = [];
  const template = isTemplate(file);
  const hasPassword = [...lower, ...vars].some((v) => (isRedisSecretVar(v.name) || passwordFileVariable(v.name)) && v.value.trim() !== '');
  for (const v of vars) {
    if (isRedisSecretVar(v.name)) {
      const at = v.value === '' ? keyAt(v) : valueAt(v);
      if (!(template && v.value === '') && !(v.value.trim() === '' && unconfiguredSection(v, [...lower, ...vars]))) {
        const f = judgeSecret(v.value, at, `\`${v.name}\``, file, options);
        if (f) out.push(f);
      }
      continue;
    }
    if (!isRedisUrl(v.value)) continue;
    const url = parseUrl(v.value);
    if (!url) continue;
    if (url.password !== undefined && url.password !== '' && url.passwordOffset !== undefined) {
      const f = judgeSecret(url.password, valueAt(v, url.passwordOffset, url.passwordRawLength), `The password in \`${v.name}\``, file, options);
      if (f) out.push(f);
      continue;
    }
    if (template || hasPassword) continue;
    const host = url.host ?? url.socketPath;
    const hard = isStrictFile(file, options);
    // A developer's own machine is not a deployment; a production file is.
    if (!hard && (isLoopbackHost(host) || url.socketPath)) continue;
    out.push(
      findingAt(
        DOTENV_CHECKS.noAuth,
        valueAt(v),
        `\`${v.name}=${redactRedisUrl(v.value, maskSecret)}\` connects without a password, so the Redis it reaches must accept anyone. Require a password on the server and pass it in the URL (\`${url.scheme}://:<password>@${host ?? 'host'}\`) or in a \`REDIS_PASSWORD\` variable.`,
        // A single-label host (`redis`, `cache`) is a container on a private network: a note there.
        hard ? 'error' : host && !host.includes('.') && !host.includes(':') ? 'note' : DOTENV_CHECKS.noAuth.defaultSeverity,
      ),
    );
  }
  return out;
}

function clientFacts(effective: Map<string, DotenvVar>, dir: string, file: string, environment: string | undefined): ClientFact[] {
  const facts: ClientFact[] = [];
  const all = [...effective.values()];
  const secret = all.find((v) => isRedisSecretVar(v.name) && v.value.trim() !== '');
  // `REDIS_PASSWORD_FILE=/run/secrets/redis_password`: the password comes from a mounted file.
  const secretFile = all.find((v) => passwordFileVariable(v.name) && v.value.trim() !== '');
  const username = all.find((v) => isRedisUsernameVar(v.name) && v.value.trim() !== '' && !isReference(v.value))?.value.trim();
  const fileCredential = (v: DotenvVar): Credential => ({ source: 'file', reference: v.value.trim(), at: valueAt(v), ...(username ? { username } : {}) });
  const siblingCredential = (): Credential | undefined =>
    secret ? credentialOf(secret, secret.value, valueAt(secret)) : secretFile ? fileCredential(secretFile) : undefined;
  // `${VAULT_REDIS}` (dotenv-expand, Compose env files) comes from outside; anything else is written here.
  const credentialOf = (v: DotenvVar, value: string, at: SourceRef): Credential =>
    isReference(value)
      ? { source: 'env', reference: /[A-Za-z_][A-Za-z0-9_]*/.exec(value)?.[0] ?? v.name, at }
      : { source: 'literal', value, reference: v.name, at };
  const hostVar = all.find((v) => /^(.*_)?(REDIS|VALKEY|KEYDB)_HOST(NAME)?$/i.test(v.name));
  const urlNames = all.filter((v) => isRedisUrl(v.value) && parseUrl(v.value)).map((v) => v.name.toUpperCase());
  // `REDIS_PASSWORD` beside `REDIS_URL` is that URL's credential (folded into its row above), not a
  // second Redis: drift shows one row per Redis.
  const foldedIntoUrl = (secretName: string): boolean => {
    const section = sectionOf(secretName)?.toUpperCase();
    return section !== undefined && urlNames.some((n) => n.startsWith(section));
  };
  for (const v of all) {
    const base = { kind: 'client' as const, file, environment, source: 'dotenv' as const, subject: `dotenv:${dir}#${v.name}` };
    if (isRedisUrl(v.value)) {
      const url = parseUrl(v.value);
      if (!url) continue;
      const own = url.password ? credentialOf(v, url.password, valueAt(v, url.passwordOffset, url.passwordRawLength)) : undefined;
      const cred = own ?? siblingCredential();
      facts.push({
        ...base,
        label: `${v.name} in ${dir === '.' ? '' : `${dir}/`}.env files`,
        host: url.host ?? url.socketPath,
        auth: cred ? 'password' : 'none',
        authAt: cred?.at ?? valueAt(v),
        credentials: cred ? [cred] : [],
        tls: url.tls,
        tlsAt: valueAt(v),
      });
    } else if (isRedisSecretVar(v.name)) {
      if (foldedIntoUrl(v.name)) continue;
      const set = v.value.trim() !== '';
      facts.push({
        ...base,
        label: `${v.name} in ${dir === '.' ? '' : `${dir}/`}.env files`,
        host: hostVar?.value,
        auth: set ? 'password' : 'none',
        authAt: set ? valueAt(v) : keyAt(v),
        credentials: set ? [credentialOf(v, v.value, valueAt(v))] : [],
        tls: 'unknown',
      });
    } else if (v === secretFile && !secret && !foldedIntoUrl(passwordFileVariable(v.name) ?? v.name)) {
      facts.push({
        ...base,
        subject: `dotenv:${dir}#${passwordFileVariable(v.name)}`,
        label: `${passwordFileVariable(v.name)} in ${dir === '.' ? '' : `${dir}/`}.env files`,
        host: hostVar?.value,
        auth: 'password',
        authAt: valueAt(v),
        credentials: [fileCredential(v)],
        tls: 'unknown',
      });
    }
  }
  return facts;
}


/** The variables a layering gives the code of its folder (src/link/ matches it to the package there). */
function dotenvUnit(effective: Map<string, DotenvVar>, dir: string, file: string, environment: string | undefined): UnitFact {
  const env = [...effective.values()].map((v) => {
    const setting = literalSetting(v.name, v.value, valueAt(v));
    // `${VAULT_REDIS}` (dotenv-expand) is filled in from outside, like a reference.
    if (setting.source === 'literal' && isReference(v.value)) return { ...setting, source: 'env' as const, reference: v.value, value: undefined };
    return setting;
  });
  const folder = dir === '.' ? '' : dir;
  return { kind: 'unit', subject: `dotenv:${dir}`, label: `${baseName(file)} in ${folder || '.'}`, file, environment, source: 'dotenv', folder, at: { file, line: 1, column: 1 }, env };
}

export function scanDotenv(files: SourceFile[], ctx: ScanContext): ScanResult {
  const result = emptyResult();
  const byPath = new Map(files.map((f) => [f.path, f]));
  const dirs = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = dirOf(f.path);
    // Sibling layers (`.env` under `.env.production`) are listed directly: a glob per folder is slow.
    if (!dirs.has(dir)) dirs.set(dir, new Set(listDir(ctx.root, dir).filter((p) => /^\.env(\..+)?$/i.test(baseName(p)))));
    dirs.get(dir)!.add(f.path);
  }
  const findings: Finding[] = [];
  for (const [dir, paths] of [...dirs].sort(([a], [b]) => a.localeCompare(b))) {
    const vars = new Map<string, DotenvVar[]>();
    for (const p of paths) {
      const file = byPath.get(p) ?? ctx.readFile(p);
      if (file) vars.set(p, readVars(file));
    }
    // Siblings only complete the layering; findings are for the files discovery handed over.
    const relevant = (p: string) => byPath.has(p);
    const layerings = layeringsOf([...vars.keys()]);
    // Findings: each file once, judged with the layers beneath it.
    for (const p of [...vars.keys()].sort()) {
      if (!relevant(p)) continue;
      const layering = layerings.find((l) => l.layers.includes(p) && l.layers[l.layers.length - 1] === p) ?? { layers: [p], file: p };
      const lower = layering.layers.slice(0, layering.layers.indexOf(p)).flatMap((l) => vars.get(l) ?? []);
      findings.push(...checkFile(vars.get(p) ?? [], lower, p, ctx.environment));
    }
    // Facts: each layering's effective variables.
    for (const l of layerings) {
      if (!l.layers.some(relevant)) continue;
      const effective = new Map<string, DotenvVar>();
      for (const layer of l.layers) for (const v of vars.get(layer) ?? []) effective.set(v.name, v);
      result.facts.push(...clientFacts(effective, dir, l.file, environmentOfFile(l.file, ctx.environment)));
      if (!isTemplate(l.file)) (result.units ??= []).push(dotenvUnit(effective, dir, l.file, environmentOfFile(l.file, ctx.environment)));
    }
  }
  result.findings = findings.sort(compareFindings);
  return result;
}

export const dotenvScanner: Scanner = {
  kind: 'dotenv',
  checks: dotenvChecks,
  fileNames: DOTENV_FILE_NAMES,
  detect: (path, text) => isDotenvName(path) && mentionsRedis(text),
  scan: scanDotenv,
};
