/**
 * Loads a page in a real headless Chromium (Debian's `chromium`; .ci/run installs it) and returns
 * the rendered DOM. No Chromium is a failure, never a skip: the report page must be tested.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function flags(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
  ];
}

function withProfile<T>(fn: (profile: string) => T): T {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it (apt-get install -y chromium) to test the drift HTML report`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'redis-auth-chromium-'));
  try {
    return fn(profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export function dumpDom(file: string): string {
  return withProfile((profile) =>
    execFileSync(CHROMIUM, [...flags(profile), '--dump-dom', pathToFileURL(file).href], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 32 * 1024 * 1024,
    }),
  );
}

/** A PNG of the page (with an optional #fragment, for :target views) at 1200x900. */
export function screenshot(file: string, png: string, fragment = ''): void {
  withProfile((profile) =>
    execFileSync(CHROMIUM, [...flags(profile), `--screenshot=${png}`, '--window-size=1200,900', `${pathToFileURL(file).href}${fragment}`], {
      timeout: 60_000,
      stdio: 'ignore',
    }),
  );
}

/** Text content of an HTML fragment: tags dropped, entities for the characters we escape decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface RenderedCell {
  environment: string;
  grade: string;
  weaker: boolean;
  text: string;
  className: string;
}

/** The matrix rows of a rendered page: subject -> cells, in column order. */
export function matrixOf(dom: string): { headers: string[]; rows: Map<string, RenderedCell[]> } {
  const table = /<table class="matrix"[^>]*>([\s\S]*?)<\/table>/.exec(dom);
  if (!table) throw new Error('no matrix table in the rendered page');
  const thead = /<thead>([\s\S]*?)<\/thead>/.exec(table[1])![1];
  const headers = [...thead.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]));
  const rows = new Map<string, RenderedCell[]>();
  for (const tr of table[1].matchAll(/<tr data-subject="([^"]*)"[^>]*>([\s\S]*?)<\/tr>/g)) {
    const cells: RenderedCell[] = [];
    for (const td of tr[2].matchAll(/<td ([^>]*)>([\s\S]*?)<\/td>/g)) {
      const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(td[1])?.[1] ?? '';
      cells.push({
        environment: attr('data-environment'),
        grade: attr('data-grade'),
        weaker: attr('data-weaker') === 'true',
        className: attr('class'),
        text: textOf(td[2]),
      });
    }
    // Keyed `<label> <subject>`, as a reader identifies the row.
    const label = /<div class="label">([\s\S]*?)<\/div>/.exec(tr[2]);
    const subject = /<div class="subject">([\s\S]*?)<\/div>/.exec(tr[2]);
    rows.set(label && subject ? `${textOf(label[1])} ${textOf(subject[1])}` : tr[1], cells);
  }
  return { headers, rows };
}
