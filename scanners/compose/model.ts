/**
 * One compose file's services, reduced to what auth checks need, every value with its position.
 * Interpolation is applied lazily (Located.value) with the project's `.env`.
 */
import { parse as parseDotenv } from 'dotenv';
import type { SourceRef } from '../../src/core/facts';
import { entryAt, textOf, valueAt, type PEntry, type PNode } from '../../src/engine/kit/yaml-tree';
import { interpolate, type Vars } from './interpolate';
import { Located, sourceText, type SourceText } from './located';
import type { ScanContext } from '../../src/engine/kit/contract';
import { dotenvEntries } from '../../src/engine/kit/dotenv-parse';

export interface ComposeCommand {
  /** String form is split into words later; list form is exec form. */
  form: 'string' | 'list';
  items: Located[];
  at: SourceRef;
}

export interface EnvVar {
  name: string;
  /** Undefined for a pass-through (`- KEY` / `KEY:` with no value). */
  value?: Located;
  /** The key (map form) or the item (list form). */
  at: SourceRef;
  /** Came from an `env_file:` (the dotenv scanner reports its literals). */
  fromEnvFile?: boolean;
}

export interface PortSpec {
  key: string;
  hostIp?: string;
  published?: string;
  target: string;
  text: string;
  at: SourceRef;
}

export interface VolumeSpec {
  source?: string;
  target: string;
  bind: boolean;
  at: SourceRef;
}

export interface SecretMount {
  /** The secret's name (`source`). */
  source: string;
  /** The file name under /run/secrets (`target`, default the source). */
  target: string;
  at: SourceRef;
}

export interface ServiceModel {
  name: string;
  /** The file that defines (the last layer of) this service. */
  file: string;
  at: SourceRef;
  image?: Located;
  /** `null`: explicitly emptied or `!reset`. */
  command?: ComposeCommand | null;
  entrypoint?: ComposeCommand | null;
  healthcheckTest?: ComposeCommand | null;
  environment: Map<string, EnvVar>;
  /** From `env_file:`; `environment` wins over these. */
  envFileVars: Map<string, EnvVar>;
  /** `env_file:` entries the scan cannot read (not committed): any variable may be set there. */
  envFilesUnread?: SourceRef[];
  ports: PortSpec[];
  volumes: VolumeSpec[];
  /** `secrets:` mounted at `/run/secrets/<target>` (short form: the secret's name). */
  secrets: SecretMount[];
  networkMode?: Located;
  /** Names other containers reach it by: service name, container_name, hostname, network aliases. */
  aliases: string[];
  profiles: string[];
  /** Built from a Dockerfile (`build:`): its CMD, not the image's, runs when `command` is unset. */
  build?: boolean;
  /** Where `build:` takes its code from: context folder and Dockerfile, root-relative. */
  buildSpec?: { context: string; dockerfile?: string; at: SourceRef };
  extends?: { service: string; file?: string; at: SourceRef };
  /** Keys tagged `!reset` (drop the inherited value) or `!override` (replace, do not merge). */
  reset: Set<string>;
  override: Set<string>;
}

export interface ComposeFileModel {
  path: string;
  dir: string;
  services: Map<string, ServiceModel>;
  includes: { path: string; at: SourceRef }[];
}

export interface ModelContext {
  /** The compose file. */
  path: string;
  /** The positioned tree of its first document (Compose reads only that one). */
  tree: PNode | undefined;
  src: SourceText;
  vars: Vars;
  dir: string;
  ctx?: ScanContext;
}

/** A node's place with a baseline anchor (a copy: tree nodes are shared and never changed). */
function placeOf(node: PNode, anchor?: string): SourceRef {
  return { ...node.at, anchor };
}

function mapEntries(node: PNode | undefined): Iterable<PEntry> {
  return node?.kind === 'map' ? node.entries.values() : [];
}

function seqItems(node: PNode | undefined): PNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

function located(m: ModelContext, node: PNode | undefined, anchor?: string): Located | undefined {
  const raw = textOf(node);
  if (raw === undefined || node?.kind !== 'scalar') return undefined;
  return new Located(raw, placeOf(node, anchor), m.vars, m.src, node.offsets?.start ?? 0, node.offsets?.end ?? 0);
}

function commandOf(m: ModelContext, n: PNode | undefined, anchor: string): ComposeCommand | null {
  if (n?.kind === 'seq') {
    const items = n.items.map((item) => located(m, item, anchor)).filter((x): x is Located => x !== undefined);
    return { form: 'list', items, at: placeOf(n, anchor) };
  }
  const text = located(m, n, anchor);
  if (!text) return null;
  return { form: 'string', items: [text], at: text.at };
}

function envVarsOf(m: ModelContext, node: PNode, anchorBase: string): Map<string, EnvVar> {
  const out = new Map<string, EnvVar>();
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const loc = located(m, item);
      if (!loc) continue;
      const eq = loc.raw.indexOf('=');
      const name = (eq >= 0 ? loc.raw.slice(0, eq) : loc.raw).trim();
      if (!name) continue;
      const at = { ...loc.at, anchor: `${anchorBase}.${name}` };
      const value = eq >= 0 ? loc.sub(loc.raw.slice(eq + 1), loc.startOffset + 1) : undefined;
      out.set(name, { name, value: value && withAnchor(value, at.anchor), at });
    }
    return out;
  }
  for (const e of mapEntries(node)) {
    const at = { ...e.keyAt, anchor: `${anchorBase}.${e.key}` };
    const value = located(m, e.value, at.anchor);
    out.set(e.key, { name: e.key, value, at });
  }
  return out;
}

function withAnchor(loc: Located, anchor: string | undefined): Located {
  loc.at.anchor = anchor;
  return loc;
}

/** Reads `env_file:` entries (string, list, or `{path, required}`) relative to the compose file. */
function envFileVarsOf(m: ModelContext, node: PNode, anchor: string): { vars: Map<string, EnvVar>; unread: SourceRef[] } {
  const out = new Map<string, EnvVar>();
  const unread: SourceRef[] = [];
  if (!m.ctx) return { vars: out, unread };
  const items = node.kind === 'seq' ? node.items : [node];
  for (const item of items) {
    const path = textOf(item) ?? textOf(valueAt(item, ['path']));
    if (!path) continue;
    const rel = joinPath(m.dir, interpolate(path, m.vars));
    const file = m.ctx.readFile(rel);
    if (!file) {
      unread.push(placeOf(item, anchor));
      continue;
    }
    const src = sourceText(file.path, file.text);
    const values = safeParse(file.text);
    for (const entry of dotenvEntries(file.text)) {
      const value = values[entry.name];
      if (value === undefined) continue;
      const at: SourceRef = { file: file.path, line: entry.line, column: entry.column, anchor: entry.name };
      const valueAt: SourceRef = { file: file.path, line: entry.line, column: entry.valueColumn, anchor: entry.name };
      const loc = new Located(value, valueAt, m.vars, src, entry.valueOffset, entry.valueEnd);
      out.set(entry.name, { name: entry.name, value: loc, at, fromEnvFile: true });
    }
  }
  return { vars: out, unread };
}

function safeParse(text: string): Record<string, string> {
  try {
    return parseDotenv(text);
  } catch {
    return {};
  }
}

/** `a/b` + `../c` -> `a/c`; posix, relative to the scan root. */
export function joinPath(dir: string, rel: string): string {
  const parts = dir === '.' || dir === '' ? [] : dir.split('/');
  for (const p of rel.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(p);
  }
  return parts.join('/') || '.';
}

/** Short `[HOST_IP:][HOST:]CONTAINER[/proto]` (already interpolated) -> parts. */
export function parseShortPort(text: string): Omit<PortSpec, 'at' | 'key' | 'text'> | undefined {
  let t = text.trim();
  if (!t) return undefined;
  let protocol = 'tcp';
  const slash = t.lastIndexOf('/');
  if (slash >= 0) {
    protocol = t.slice(slash + 1);
    t = t.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    hostIp = t.slice(1, close);
    t = t.slice(close + 2);
  }
  const parts = t.split(':');
  if (parts.length > 3) {
    hostIp = parts.slice(0, parts.length - 2).join(':');
    parts.splice(0, parts.length - 2);
  } else if (parts.length === 3) {
    hostIp = parts.shift();
  }
  const target = parts[parts.length - 1];
  const published = parts.length === 2 ? parts[0] : undefined;
  return { hostIp: hostIp === '' ? undefined : hostIp, published: published || undefined, target: `${target}/${protocol}` };
}

function portsOf(m: ModelContext, node: PNode, anchorBase: string): PortSpec[] {
  const out: PortSpec[] = [];
  for (const item of seqItems(node)) {
    const at = placeOf(item, anchorBase);
    if (item.kind === 'map') {
      const target = interpolate(textOf(valueAt(item, ['target'])) ?? '', m.vars);
      if (!target) continue;
      const published = interpolate(textOf(valueAt(item, ['published'])) ?? '', m.vars) || undefined;
      const hostIp = interpolate(textOf(valueAt(item, ['host_ip'])) ?? '', m.vars) || undefined;
      const protocol = textOf(valueAt(item, ['protocol'])) ?? 'tcp';
      const spec = { hostIp, published, target: `${target}/${protocol}` };
      out.push({ ...spec, text: `${published ?? ''}:${target}`, key: portKey(spec), at });
      continue;
    }
    const text = textOf(item);
    if (text === undefined) continue;
    const resolved = interpolate(text, m.vars);
    const spec = parseShortPort(resolved);
    if (spec) out.push({ ...spec, text: resolved, key: portKey(spec), at });
  }
  return out;
}

export function portKey(p: { hostIp?: string; published?: string; target: string }): string {
  return `${p.hostIp ?? ''}|${p.published ?? ''}|${p.target}`;
}

function volumesOf(m: ModelContext, node: PNode): VolumeSpec[] {
  const out: VolumeSpec[] = [];
  for (const item of seqItems(node)) {
    const at = placeOf(item);
    if (item.kind === 'map') {
      const target = interpolate(textOf(valueAt(item, ['target'])) ?? '', m.vars);
      const source = interpolate(textOf(valueAt(item, ['source'])) ?? '', m.vars) || undefined;
      if (target) out.push({ source, target, bind: textOf(valueAt(item, ['type'])) === 'bind', at });
      continue;
    }
    const text = textOf(item);
    if (text === undefined) continue;
    const parts = interpolate(text, m.vars).split(':');
    if (parts.length === 1) {
      out.push({ target: parts[0], bind: false, at });
      continue;
    }
    const [source, target] = parts;
    out.push({ source, target, bind: /^[./~]/.test(source), at });
  }
  return out;
}

function secretsOf(node: PNode, anchor: string): SecretMount[] {
  const out: SecretMount[] = [];
  for (const item of seqItems(node)) {
    const map = item.kind === 'map';
    const source = map ? textOf(valueAt(item, ['source'])) : textOf(item);
    if (!source) continue;
    const target = (map ? textOf(valueAt(item, ['target'])) : undefined) ?? source;
    out.push({ source, target, at: placeOf(item, `${anchor}.${source}`) });
  }
  return out;
}

function stringsOf(node: PNode | undefined): string[] {
  if (node?.kind === 'seq') return node.items.map((i) => textOf(i)).filter((x): x is string => x !== undefined);
  const s = textOf(node);
  return s === undefined ? [] : [s];
}

export function serviceModel(m: ModelContext, service: PEntry): ServiceModel {
  const name = service.key;
  const anchor = `services.${name}`;
  const svc: ServiceModel = {
    name,
    file: m.path,
    at: { ...service.keyAt, anchor },
    environment: new Map(),
    envFileVars: new Map(),
    ports: [],
    volumes: [],
    secrets: [],
    aliases: [name],
    profiles: [],
    reset: new Set(),
    override: new Set(),
  };
  for (const e of mapEntries(service.value)) {
    const tag = e.tag;
    if (tag === '!reset') {
      svc.reset.add(e.key);
      continue;
    }
    if (tag === '!override') svc.override.add(e.key);
    switch (e.key) {
      case 'image':
        svc.image = located(m, e.value, `${anchor}.image`);
        break;
      case 'command':
      case 'entrypoint': {
        const cmd = commandOf(m, e.value, `${anchor}.${e.key}`);
        if (e.key === 'command') svc.command = cmd;
        else svc.entrypoint = cmd;
        break;
      }
      case 'healthcheck': {
        const test = entryAt(e.value, ['test']);
        if (test) svc.healthcheckTest = test.tag === '!reset' ? null : commandOf(m, test.value, `${anchor}.healthcheck.test`);
        break;
      }
      case 'environment':
        svc.environment = envVarsOf(m, e.value, `${anchor}.environment`);
        break;
      case 'env_file': {
        const files = envFileVarsOf(m, e.value, `${anchor}.env_file`);
        svc.envFileVars = files.vars;
        if (files.unread.length) svc.envFilesUnread = files.unread;
        break;
      }
      case 'ports':
        svc.ports = portsOf(m, e.value, `${anchor}.ports`);
        break;
      case 'volumes':
        svc.volumes = volumesOf(m, e.value);
        break;
      case 'secrets':
        svc.secrets = secretsOf(e.value, `${anchor}.secrets`);
        break;
      case 'network_mode':
        svc.networkMode = located(m, e.value, `${anchor}.network_mode`);
        break;
      case 'container_name':
      case 'hostname': {
        const v = textOf(e.value);
        if (v) svc.aliases.push(interpolate(v, m.vars));
        break;
      }
      case 'networks':
        for (const net of mapEntries(e.value)) svc.aliases.push(...stringsOf(valueAt(net.value, ['aliases'])));
        break;
      case 'profiles':
        svc.profiles = stringsOf(e.value);
        break;
      case 'build': {
        svc.build = true;
        const context = interpolate(textOf(e.value) ?? textOf(valueAt(e.value, ['context'])) ?? '.', m.vars);
        const dockerfile = textOf(valueAt(e.value, ['dockerfile']));
        // A remote context (git URL) holds no code of this repository.
        if (!/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(context)) {
          const contextDir = joinPath(m.dir, context);
          svc.buildSpec = {
            context: contextDir,
            dockerfile: dockerfile ? joinPath(contextDir, interpolate(dockerfile, m.vars)) : undefined,
            at: { ...e.keyAt, anchor: `${anchor}.build` },
          };
        }
        break;
      }
      case 'extends': {
        const service = textOf(e.value) ?? textOf(valueAt(e.value, ['service']));
        const file = textOf(valueAt(e.value, ['file']));
        if (service) svc.extends = { service, file, at: { ...e.keyAt, anchor: `${anchor}.extends` } };
        break;
      }
    }
  }
  return svc;
}

/** The services and includes of a parsed compose file (first document only, as Compose reads it). */
export function fileModel(m: ModelContext): ComposeFileModel {
  const model: ComposeFileModel = { path: m.path, dir: m.dir, services: new Map(), includes: [] };
  for (const e of mapEntries(valueAt(m.tree, ['services']))) model.services.set(e.key, serviceModel(m, e));
  for (const item of seqItems(valueAt(m.tree, ['include']))) {
    const at = placeOf(item, 'include');
    const paths = textOf(item) !== undefined ? [textOf(item)!] : stringsOf(valueAt(item, ['path']));
    for (const p of paths) model.includes.push({ path: interpolate(p, m.vars), at });
  }
  return model;
}
