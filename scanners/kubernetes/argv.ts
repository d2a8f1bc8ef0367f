/**
 * What a container runs, as Redis sees it: the server's argument tokens from `command`/`args`
 * (exec form, or a `sh -c` script), with the facts that matter for expansion: Kubernetes expands
 * `$(VAR)` everywhere, a shell expands `$VAR`/`${VAR}`, exec form passes `${VAR}` literally.
 */
import type { Origin, PMap, PNode } from '../../src/engine/kit/yaml-tree';
import { textOf, valueAt } from '../../src/engine/kit/yaml-tree';

export interface Token {
  text: string;
  at: Origin;
  /** True when a shell expands the token (`sh -c "redis-server --requirepass $PW"`). */
  shell: boolean;
  /** Where the token was written, for messages: the container args, or an env var like `REDIS_ARGS`. */
  where?: string;
}

export interface ServerArgv {
  /** Tokens after the server binary (or the image's default CMD when nothing overrides it). */
  tokens: Token[];
  /** The container runs something we cannot follow (a custom script): auth is unknown. */
  opaque: boolean;
  /** A sentinel, not a server. */
  sentinel: boolean;
  /** `command`/`args` are absent: the image's default CMD runs. */
  defaultCmd: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const SERVERS = new Set(['redis-server', 'valkey-server', 'keydb-server', 'redis-stack-server', 'dragonfly']);
const SENTINELS = new Set(['redis-sentinel', 'valkey-sentinel', 'keydb-sentinel']);
const ENTRYPOINTS = new Set(['docker-entrypoint.sh', 'entrypoint.sh', 'tini', 'dumb-init', 'exec']);

function items(node: PNode | undefined): Token[] {
  if (!node) return [];
  if (node.kind === 'seq') {
    return node.items.flatMap((item) => {
      const text = textOf(item);
      return text === undefined ? [] : [{ text, at: item.at, shell: false }];
    });
  }
  // A string `command:` is not split by Kubernetes: it is one argv element.
  const text = textOf(node);
  return text === undefined ? [] : [{ text, at: node.at, shell: false }];
}

function base(cmd: string): string {
  return cmd.split('/').pop() ?? cmd;
}

/** Splits a shell script into words, honouring quotes; every word points at the script. */
export function shellWords(script: string, at: Origin, shell = true, where?: string): Token[] {
  const words: Token[] = [];
  let current = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < script.length) current += script[++i];
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
      continue;
    }
    if (/\s/.test(ch) || ch === ';' || ch === '&' || ch === '|') {
      if (has || current) words.push({ text: current, at, shell, where });
      current = '';
      has = false;
      continue;
    }
    if (ch === '\\' && i + 1 < script.length) {
      current += script[++i];
      has = true;
      continue;
    }
    current += ch;
    has = true;
  }
  if (has || current) words.push({ text: current, at, shell, where });
  return words;
}

/** The server's argv for a container. */
export function serverArgv(container: PMap): ServerArgv {
  const command = items(valueAt(container, ['command']));
  const args = items(valueAt(container, ['args']));
  // redis-server joins its options into config lines, so one argv item `--requirepass $(PW)`
  // (argo-cd's manifests) works like two: split such items into words.
  const all = [...command, ...args].flatMap((t) => (t.text.startsWith('--') && /\s/.test(t.text.trim()) ? shellWords(t.text, t.at, false) : [t]));
  if (all.length === 0) return { tokens: [], opaque: false, sentinel: false, defaultCmd: true };
  let tokens = all;
  // `sh -c "<script>"`: the script is the word after -c, in command or in args.
  const first = base(all[0].text);
  if (SHELLS.has(first)) {
    const c = all.findIndex((t, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(t.text));
    const script = c > 0 ? all[c + 1] : undefined;
    if (!script) return { tokens: [], opaque: true, sentinel: false, defaultCmd: false };
    tokens = shellWords(script.text, script.at);
  } else if (command.length === 0 && !(first.startsWith('-') || first.endsWith('.conf') || SERVERS.has(first) || SENTINELS.has(first) || ENTRYPOINTS.has(first))) {
    return { tokens: [], opaque: true, sentinel: false, defaultCmd: false };
  }
  const server = tokens.findIndex((t) => SERVERS.has(base(t.text)) || SENTINELS.has(base(t.text)));
  if (server >= 0) {
    const sentinel = SENTINELS.has(base(tokens[server].text)) || tokens.some((t) => t.text === '--sentinel');
    return { tokens: tokens.slice(server + 1), opaque: false, sentinel, defaultCmd: false };
  }
  const lead = base(tokens[0].text);
  if (lead.startsWith('-') || lead.endsWith('.conf')) {
    // The official entrypoint prepends redis-server to arguments like these.
    return { tokens, opaque: false, sentinel: tokens.some((t) => t.text === '--sentinel'), defaultCmd: false };
  }
  if (ENTRYPOINTS.has(lead)) {
    const rest = tokens.slice(1);
    return { tokens: rest, opaque: rest.length > 0 && !rest[0].text.startsWith('-') && !rest[0].text.endsWith('.conf'), sentinel: false, defaultCmd: rest.length === 0 };
  }
  return { tokens: [], opaque: true, sentinel: false, defaultCmd: false };
}

/** `--requirepass <value>` among the tokens (last one wins, as redis-server parses it). */
export function requirepassOf(tokens: Token[]): { flag: Token; value: Token } | undefined {
  let found: { flag: Token; value: Token } | undefined;
  tokens.forEach((t, i) => {
    if (t.text === '--requirepass' && i + 1 < tokens.length) found = { flag: t, value: tokens[i + 1] };
    // gflags (Dragonfly) also take `--requirepass=value`.
    else if (t.text.startsWith('--requirepass=')) found = { flag: t, value: { ...t, text: t.text.slice('--requirepass='.length) } };
  });
  return found;
}

export function hasFlag(tokens: Token[], flag: string): Token | undefined {
  return tokens.find((t) => t.text === flag);
}

/** The conf file redis-server is given: its first argument, when it is a path. */
export function confPathOf(tokens: Token[]): { path: string; at: Origin; rest: Token[] } | undefined {
  const first = tokens[0];
  if (!first || first.text.startsWith('-') || first.text.includes('$')) return undefined;
  return { path: first.text, at: first.at, rest: tokens.slice(1) };
}
