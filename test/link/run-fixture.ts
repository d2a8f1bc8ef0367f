/**
 * Runs one fixtures/link/<case> repository through both front ends: `redis-auth scan` (the engine
 * with the rules' source reader) and ESLint (the deployed-connections rule, root = the case).
 * Only the code-to-deployment checks are compared; the other checks have their own fixtures.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { runScan } from '../../src/engine/run';
import { codeReader, isSourcePath } from '../../rules/support/read-source';
import { linkChecks } from '../../src/link';
import { createDeployedConnectionsRule } from '../../rules/deployed-connections';
import * as link from '../../rules/support/deployment-side';

// Results between runs are cached on disk by file stamps; tests always compute them.
process.env.REDIS_AUTH_CACHE = '0';
const rule = createDeployedConnectionsRule(() => ({ ...link, deploymentSide: (root: string) => link.deploymentSide(root, runScan) }));

const LINK_IDS = new Set(linkChecks.map((c) => c.id));

export interface ExpectedScan {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  /** Rated by a tier other than production (a connection only a dev stack gives its value). */
  tier?: string;
  related?: Array<{ file: string; line: number; column: number; message?: string }>;
}

export interface ExpectedLint {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

/** A code-to-deployment finding grouped into another check's finding (the same open Redis). */
export interface FoldedScan {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  /** Its own severity, as the grouped finding's related place says (`the same Redis: app-no-auth (note)`). */
  severity?: string;
  into: string;
}

export function scanCase(dir: string): { findings: ExpectedScan[]; folded: FoldedScan[]; diagnostics: string[] } {
  const outcome = runScan({ root: dir, code: codeReader(dir) });
  return {
    folded: outcome.findings.flatMap((f) =>
      LINK_IDS.has(f.ruleId)
        ? []
        : (f.related ?? [])
            .filter((r) => r.ruleId !== undefined && LINK_IDS.has(r.ruleId))
            .map((r) => {
              const severity = /\((error|warning|note)\)$/.exec(r.message ?? '')?.[1];
              return { ruleId: r.ruleId!, file: r.file, line: r.line, column: r.column, ...(severity ? { severity } : {}), into: `${f.ruleId} ${f.file}:${f.line}` };
            }),
    ),
    findings: outcome.findings
      .filter((f) => LINK_IDS.has(f.ruleId))
      .map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        file: f.file,
        line: f.line,
        column: f.column,
        message: f.message,
        ...(f.tier ? { tier: f.tier } : {}),
        ...(f.related ? { related: f.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })) } : {}),
      })),
    diagnostics: outcome.diagnostics.map((d) => `${d.file}: ${d.message}`),
  };
}

function sourceFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules') continue;
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...sourceFiles(abs, base));
    else if (isSourcePath(name)) out.push(relative(base, abs).split('\\').join('/'));
  }
  return out;
}

export function lintCase(dir: string, settings: Record<string, unknown> = {}): ExpectedLint[] {
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const out: ExpectedLint[] = [];
  for (const file of sourceFiles(dir)) {
    const ts = /\.[cm]?tsx?$/.test(file);
    const text = readFileSync(join(dir, file), 'utf8');
    const messages = linter.verify(
      text,
      [
        {
          files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
          plugins: { 'redis-auth': { rules: { 'deployed-connections': rule } } as never },
          languageOptions: ts ? { parser: tsParser } : { ecmaVersion: 'latest', sourceType: file.endsWith('.mjs') ? 'module' : 'commonjs' },
          settings: { 'redis-auth': { deployments: { root: dir }, ...settings } },
          rules: { 'redis-auth/deployed-connections': 'error' },
        },
      ],
      { filename: join(dir, file) },
    );
    for (const m of messages) {
      if (m.fatal) throw new Error(`${file}: ${m.message}`);
      out.push({ file, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message });
    }
  }
  return out;
}
