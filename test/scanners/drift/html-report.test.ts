/** The drift HTML report, loaded in a real headless Chromium and read back from the rendered DOM. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatrix, checkDrift } from '../../../src/drift';
import { formatHtml } from '../../../src/drift/format-html';
import { dumpDom, matrixOf, textOf, type RenderedCell } from './chromium';
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
  writeFileSync(file, formatHtml(buildMatrix(facts), checkDrift(facts).findings));
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
    expect(dom).toMatch(/<style>[\s\S]*td\.grade-open \{ background: var\(--open-bg\); \}/);
  });
});
