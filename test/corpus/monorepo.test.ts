/**
 * The regression corpus: fixtures/corpus/monorepo is shaped like the real monorepos the package
 * was tried on (bull-board, bullmq, node-redis): packages with tests and runner setup files, a
 * test-utility package, examples, benchmarks, doc snippets, a chart with CI values, a local
 * compose stack, and four real problems. Both front ends must report exactly the actionable
 * findings of expected.json; the "flat" counts (every file production, every place its own
 * finding) are the noise the tiers and grouping take away, quoted in docs/signal.md.
 */
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { buildConfigs } from '../../rules/configs';
import { createDeployedConnectionsRule } from '../../rules/deployed-connections';
import * as deploymentSide from '../../rules/support/deployment-side';
import { runScan } from '../../src/engine/run';
import { defaultConfig } from '../../src/engine/config';
import expected from '../../fixtures/corpus/monorepo/expected.json';

// Results between runs are cached on disk by file stamps; tests always compute them.
process.env.REDIS_AUTH_CACHE = '0';
const root = join(__dirname, '../../fixtures/corpus/monorepo');
// The test runner cannot follow deployed-connections' lazy requires: hand it its deployment side.
const deployedConnections = createDeployedConnectionsRule(() => ({
  ...deploymentSide,
  deploymentSide: (dir: string) => deploymentSide.deploymentSide(dir, runScan),
}));
const configs = buildConfigs({ ...plugin, rules: { ...plugin.rules, 'deployed-connections': deployedConnections as never } });
const EVERYTHING_PRODUCTION = { production: ['*'] };

function scan(flat: boolean) {
  const config = flat ? { ...defaultConfig(), tiers: EVERYTHING_PRODUCTION } : defaultConfig();
  return runScan({ root, config }).findings;
}

async function lint(flat: boolean) {
  const overrideConfig: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    ...configs.recommended,
    // The corpus is its own repository (it sits inside this one, whose fixtures are other deployments).
    { settings: { 'redis-auth': { deployments: { root } } } },
    // Flat: every file production, and the relaxed tier objects' warning back to an error.
    ...(flat ? [{ settings: { 'redis-auth': { tiers: EVERYTHING_PRODUCTION } }, rules: { 'redis-auth/no-hardcoded-credentials': 'error' as const } }] : []),
  ];
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig });
  return eslint.lintFiles(['.']);
}

describe('regression corpus: a monorepo', () => {
  it('scan reports exactly the actionable findings', () => {
    const got = scan(false).map((f) => ({ file: f.file, line: f.line, ruleId: f.ruleId, severity: f.severity, related: (f.related ?? []).length }));
    expect(got).toEqual(expected.scan);
  });

  it('ESLint reports exactly the actionable findings, lints only JS/TS and parses everything', async () => {
    const results = await lint(false);
    const linted = results.map((r) => r.filePath.slice(root.length + 1).replace(/\\/g, '/'));
    expect(linted).not.toContain('packages/api/tsconfig.spec.json');
    expect(results.flatMap((r) => r.messages).filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
    const got = results.flatMap((r) =>
      r.messages.map((m) => ({ file: r.filePath.slice(root.length + 1).replace(/\\/g, '/'), line: m.line, ruleId: m.ruleId, severity: m.severity === 2 ? 'error' : 'warning' })),
    );
    expect(got.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)).toEqual(expected.eslint);
  });

  it('without tiers and grouping the same files give the counts docs/signal.md quotes', async () => {
    // Every place its own finding, at the severity of the finding it was folded into.
    const places = scan(true).flatMap((f) => [f, ...(f.related ?? []).map(() => f)]);
    const messages = (await lint(true)).flatMap((r) => r.messages);
    expect({
      scan: { findings: places.length, errors: places.filter((f) => f.severity === 'error').length },
      eslint: { findings: messages.length, errors: messages.filter((m) => m.severity === 2).length },
    }).toEqual(expected.flat);
  });
});
