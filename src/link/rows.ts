/**
 * `redis-auth drift`'s rows for application connections: per environment, where the connection's
 * URL (or host) and its password come from, and the line that sets each.
 */
import type { EnvSetting, SourceRef } from '../core/facts';
import { stateOf } from './judge';
import type { LinkedConnection } from './model';

export interface ConnectionCell {
  /** `literal (docker-compose.yml:15)`, `Secret storefront-redis/url (values-prod.yaml:6)`, `not set`. */
  url: string;
  password: string;
}

export interface ConnectionRow {
  /** `src/cache.js:8 new Redis`. */
  connection: string;
  file: string;
  line: number;
  reads: string[];
  /** By environment; `base` for files that name none. */
  cells: Record<string, ConnectionCell>;
}

const BASE = 'base';

function at(ref: SourceRef): string {
  return `${ref.file}:${ref.line}`;
}

function sourceText(s: EnvSetting): string {
  switch (s.source) {
    case 'literal':
      return `literal (${at(s.at)})`;
    case 'secret-ref':
      return `Secret ${s.reference ?? ''} (${at(s.at)})`.replace('  ', ' ');
    case 'env':
      return `variable (${at(s.at)})`;
    case 'file':
      return `file (${at(s.at)})`;
    case 'none':
      return `empty (${at(s.at)})`;
    default:
      return `not known (${at(s.at)})`;
  }
}

export function connectionRows(linked: readonly LinkedConnection[]): ConnectionRow[] {
  return linked.map((c) => {
    const cells: Record<string, ConnectionCell> = {};
    const urlNames = c.inputs.filter((i) => i.role === 'url' || i.role === 'host').map((i) => i.name);
    for (const link of c.units) {
      const env = link.unit.environment ?? BASE;
      const state = stateOf(c, link);
      const urlSetting = urlNames.map((n) => link.settings.get(n)).find((s) => s);
      const url = urlSetting ? sourceText(urlSetting) : 'not set';
      const password =
        state.kind === 'unset'
          ? 'not set'
          : state.kind === 'none'
            ? 'none'
            : state.kind === 'literal'
              ? `literal (${at(state.at)})`
              : `${state.how} (${at(state.at)})`;
      const prev = cells[env];
      cells[env] = prev ? { url: `${prev.url}; ${url}`, password: `${prev.password}; ${password}` } : { url, password };
    }
    return {
      connection: `${c.code.file}:${c.code.line} ${c.code.label}`,
      file: c.code.file,
      line: c.code.line,
      reads: [...new Set(c.inputs.map((i) => i.name))],
      cells,
    };
  });
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** A plain-text table like the Redis matrix: one block per connection, one column per environment. */
export function formatConnectionTable(rows: readonly ConnectionRow[]): string[] {
  if (!rows.length) return [];
  const envs = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))].sort((a, b) => (a === BASE ? -1 : b === BASE ? 1 : a.localeCompare(b)));
  const header = ['Application connection', ...envs];
  const lines: string[][] = [];
  for (const r of rows) {
    if (lines.length) lines.push(['']);
    lines.push([`${r.connection} [${r.reads.join(', ')}]`]);
    if (!envs.some((e) => r.cells[e])) lines.push(['  (no deployment unit runs this code)']);
    else {
      lines.push(['  URL / host from', ...envs.map((e) => r.cells[e]?.url ?? '-')]);
      lines.push(['  password', ...envs.map((e) => r.cells[e]?.password ?? '-')]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.filter((l) => l.length > 1).map((l) => (l[i] ?? '').length)));
  const render = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd();
  const out = [render(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const l of lines) out.push(l.length > 1 ? render(l) : l[0]);
  return out;
}
