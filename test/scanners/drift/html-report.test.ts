/** The drift HTML report, loaded in a real headless Chromium and read back from the rendered DOM. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatrix, checkDrift } from '../../../src/drift';
import { formatHtml } from '../../../src/drift/format-html';
import { checkDocsUrl } from '../../../src/core/docs-url';
import { dumpDom, matrixOf, screenshot, textOf, type RenderedCell } from './chromium';
import { countColor, readPng } from './png';
import { client, cred, ref, server } from './build-facts';

const SECRET = 'Zr8xq!Lm3pQwT7';

function page(): string {
  const facts = [
    server({ env: 'dev', file: 'chart/values-dev.yaml', auth: 'none', authLine: 3 }),
    server({ env: 'staging', file: 'chart/values-staging.yaml', credentials: [cred('literal', ref('chart/values-staging.yaml', 5), SECRET)] }),
    server({ env: 'prod', file: 'chart/values-prod.yaml', credentials: [cred('literal', ref('chart/values-prod.yaml', 5), SECRET)], tls: true }),
    client({ env: 'dev', file: '.env.development', credentials: [cred('env', ref('.env.development', 1))] }),
    client({ env: 'prod', file: '.env.production', credentials: [cred('env', ref('.env.production', 1))] }),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'redis-auth-drift-html-'));
  const file = join(dir, 'report.html');
  const info = { repository: 'https://github.com/acme/shop', commit: '0123456789ab', date: '2026-12-02T17:00:00.000Z', version: '9.9.9' };
  writeFileSync(file, formatHtml(buildMatrix(facts), checkDrift(facts).findings, info));
  return file;
}

describe('drift HTML report in headless Chromium', () => {
  // Rendered once, on first use: without Chromium every test below fails with the install hint
  // (a failing beforeAll would only mark them skipped).
  let cached: { dom: string; headers: string[]; rows: Map<string, RenderedCell[]> } | undefined;
  const rendered = () => {
    if (!cached) {
      const dom = dumpDom(page());
      cached = { dom, ...matrixOf(dom) };
    }
    return cached;
  };

  it('renders one column per environment, production marked as the reference', () => {
    const { headers } = rendered();
    expect(headers).toEqual(['Redis', 'dev', 'staging', 'prod reference']);
  }, 90_000); // Chromium's cold start is slow on small CI machines.

  it('renders one row per Redis with each cell the posture, weaker cells marked', () => {
    const { rows } = rendered();
    expect([...rows.keys()]).toEqual(['REDIS_URL dotenv:.#REDIS_URL', 'redis (helm chart chart) helm:chart#redis']);
    const helm = rows.get('redis (helm chart chart) helm:chart#redis')!;
    expect(helm.map((c) => [c.environment, c.grade, c.weaker])).toEqual([
      ['dev', 'open', true],
      ['staging', 'weak', true],
      ['prod', 'weak', false],
    ]);
    expect(helm[0].text).toBe(
      'open authentication none ▼ weaker than prod secret source - TLS off ▼ weaker than prod exposure internal protected mode ? chart/values-dev.yaml',
    );
    expect(helm[0].className).toBe('cell grade-open weaker');
    expect(helm[2].text).toContain('TLS on');
    expect(helm[2].text).not.toContain('weaker');
    const dotenv = rows.get('REDIS_URL dotenv:.#REDIS_URL')!;
    expect(dotenv.map((c) => [c.environment, c.grade])).toEqual([
      ['dev', 'fair'],
      ['staging', 'none'],
      ['prod', 'fair'],
    ]);
    expect(dotenv[1].text).toBe('no file');
  });

  it('shows a legend and the findings, never the secret', () => {
    const { dom } = rendered();
    const legend = /<ul class="legend"[^>]*>([\s\S]*?)<\/ul>/.exec(dom);
    expect(legend).not.toBeNull();
    for (const g of ['open:', 'weak:', 'fair:', 'strong:', 'unknown:', 'weaker than prod']) expect(textOf(legend![1])).toContain(g);
    const findings = textOf(/<table class="findings"[^>]*>([\s\S]*?)<\/table>/.exec(dom)![1]);
    expect(findings).toContain('chart/values-dev.yaml:3');
    expect(findings).toContain('drift-shared-secret');
    expect(findings).toContain('Zr****T7');
    expect(dom).not.toContain(SECRET);
  });

  it('applies the inline styles (the colours are in the page, not fetched)', () => {
    const { dom } = rendered();
    expect(dom).toMatch(/<style>[\s\S]*td\.grade-open \{ background: repeating-linear-gradient\(135deg, var\(--open-bg\)/);
  });

  it('says in its header what it describes: repository, commit, date, version, and N of M Redis drift', () => {
    const { dom } = rendered();
    const meta = textOf(/<dl class="meta" id="meta">([\s\S]*?)<\/dl>/.exec(dom)![1]);
    expect(meta).toBe('Repository https://github.com/acme/shop Commit 0123456789ab Generated 2026-12-02 17:00:00 UTC redis-auth 9.9.9');
    expect(textOf(/<p class="summary" id="summary">([\s\S]*?)<\/p>/.exec(dom)![1])).toMatch(/^1 of 2 Redis drift across 3 environments; reference: prod;/);
  });

  it('lists the files it read, by the kind of source, and none when nothing was compared', () => {
    const { dom } = rendered();
    const sources = textOf(/<ul class="sources" id="sources">([\s\S]*?)<\/ul>/.exec(dom)![1]);
    expect(sources).toContain('.env layers : .env.development, .env.production');
    expect(sources).toContain('Helm values (charts, helmfile, Argo CD, Flux, Terraform) : chart/values-dev.yaml, chart/values-prod.yaml, chart/values-staging.yaml');
    expect(formatHtml(buildMatrix([]), [])).not.toContain('Sources read');
  });

  it('links every rule id to its docs page', () => {
    const { dom } = rendered();
    const links = [...dom.matchAll(/<a href="([^"]+)"><code>([a-z-]+)<\/code><\/a>/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, href, id] of links) expect(href).toBe(checkDocsUrl(id));
  });
});

describe('drift HTML report: screenshots in headless Chromium', () => {
  const FAIR_BG = '#dadaeb'; // only the Redis that does not drift has fair cells in this page

  it('shows every Redis, and only the drifting ones at #drift-only (no script: CSS :target)', () => {
    const file = page();
    const all = join(tmpdir(), `redis-auth-all-${process.pid}.png`);
    const driftOnly = join(tmpdir(), `redis-auth-drift-only-${process.pid}.png`);
    screenshot(file, all);
    screenshot(file, driftOnly, '#drift-only');
    const fairAll = countColor(readPng(all), FAIR_BG);
    const fairDriftOnly = countColor(readPng(driftOnly), FAIR_BG);
    // Two fair cells (~300 x 120 px each) against the legend's 16 x 16 swatch.
    expect(fairAll).toBeGreaterThan(20_000);
    expect(fairDriftOnly).toBeLessThan(1_000);
    // The drifting Redis is still there: its open (hatched) and weak cells.
    expect(countColor(readPng(driftOnly), '#fddbb4')).toBeGreaterThan(20_000);
  }, 120_000);
});

describe('drift HTML report: colours', () => {
  // Machado, Oliveira & Fernandes (2009) dichromacy matrices, severity 1, on linear RGB.
  const SIMULATIONS: Record<string, number[][]> = {
    normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
    tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
  };
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  function lab(rgb: number[]): number[] {
    const [r, g, b] = rgb.map((v) => Math.min(1, Math.max(0, v)));
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
    const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
    const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
  }

  it('the five grade backgrounds stay apart (CIE76 ΔE >= 10) for protanopia, deuteranopia and tritanopia', () => {
    const html = formatHtml({ version: 1, environments: [], production: [], rows: [], baseOnly: [] } as never, []);
    const grades = ['open', 'weak', 'fair', 'strong', 'unknown'];
    const colour = Object.fromEntries(grades.map((g) => [g, new RegExp(`--${g}-bg:(#[0-9a-f]{6})`).exec(html)![1]]));
    for (const [name, m] of Object.entries(SIMULATIONS)) {
      for (const [i, a] of grades.entries()) {
        for (const b of grades.slice(i + 1)) {
          const seen = [a, b].map((g) => {
            const c = [1, 3, 5].map((k) => linear(parseInt(colour[g].slice(k, k + 2), 16)));
            return lab(m.map((row) => row[0] * c[0] + row[1] * c[1] + row[2] * c[2]));
          });
          const delta = Math.hypot(...seen[0].map((v, k) => v - seen[1][k]));
          expect(delta, `${name}: ${a} ${colour[a]} vs ${b} ${colour[b]}`).toBeGreaterThanOrEqual(10);
        }
      }
    }
  });
});

