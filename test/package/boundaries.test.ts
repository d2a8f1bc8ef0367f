/**
 * The layer rules of README "Developing" as the lint enforces them (eslint.config.mjs): each
 * forbidden edge is reported, each allowed one is not. Sources are linted as text at real paths, so
 * the imports resolve against the real tree.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(async () => {
  const config = (await import(pathToFileURL(join(root, 'eslint.config.mjs')).href)) as { boundaries: Linter.Config };
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, config.boundaries],
  });
}, 60_000);

/** The boundary problems of a file at `path` that imports `from`. */
async function problems(path: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as x from '${from}';\nexport default x;\n`, { filePath: join(root, path) });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const forbidden: Array<[string, string, RegExp]> = [
  ['src/core/probe.ts', '../engine/run', /src\/core imports nothing else/],
  ['src/core/probe.ts', '../../rules/configs', /src\/core imports nothing else/],
  ['src/engine/kit/probe.ts', '../run', /kit uses src\/core only/],
  ['src/engine/kit/probe.ts', '../../../scanners/compose/index', /kit uses src\/core only/],
  ['scanners/compose/probe.ts', '../dotenv/index', /never imports a sibling scanner/],
  ['scanners/kubernetes/probe.ts', '../helm/index', /never imports a sibling scanner/],
  ['scanners/helm/probe.ts', '../../src/engine/run', /scanner uses src\/core and src\/engine\/kit only/],
  ['scanners/dotenv/probe.ts', '../../rules/configs', /scanner uses src\/core and src\/engine\/kit only/],
  ['src/drift/probe.ts', '../engine/run', /src\/drift uses/],
  ['src/verify/probe.ts', '../engine/run', /src\/verify uses src\/core only/],
  ['src/verify/probe.ts', '../drift/index', /src\/verify uses src\/core only/],
  ['rules/probe.ts', '../scanners/compose/index', /rules use src\/core, src\/engine and src\/link only/],
  ['rules/probe.ts', '../src/drift/index', /rules use src\/core, src\/engine and src\/link only/],
  ['src/link/probe.ts', '../engine/run', /src\/link uses/],
  ['src/link/probe.ts', '../../rules/index', /src\/link uses/],
  ['src/link/probe.ts', '../../scanners/compose/index', /src\/link uses/],
  ['src/drift/probe.ts', '../link/model', /src\/drift uses/],
  ['src/index.ts', './engine/run', /entry imports only rules/],
  ['src/engine/probe.ts', '../cli/main', /Nothing imports src\/cli/],
  ['rules/probe.ts', '../src/cli/main', /Nothing imports src\/cli/],
];

const allowed: Array<[string, string]> = [
  ['src/core/probe.ts', './secrets'],
  ['src/engine/kit/probe.ts', '../../core/finding'],
  ['scanners/compose/probe.ts', './model'],
  ['scanners/compose/probe.ts', '../../src/engine/kit/contract'],
  ['scanners/compose/probe.ts', '../../src/core/facts'],
  ['src/drift/probe.ts', '../engine/kit/contract'],
  ['src/verify/probe.ts', '../core/redis-url'],
  ['rules/probe.ts', '../src/engine/run'],
  ['rules/probe.ts', '../src/link/index'],
  ['src/link/probe.ts', '../engine/kit/yaml-tree'],
  ['src/engine/probe.ts', '../../scanners/compose/index'],
  ['src/cli/probe.ts', '../engine/run'],
  ['src/index.ts', '../rules/index'],
];

describe('layer boundaries (eslint.config.mjs)', () => {
  it.each(forbidden)('%s may not import %s', async (path, from, message) => {
    const got = await problems(path, from);
    expect(got.length).toBeGreaterThan(0);
    for (const problem of got) expect(problem).toMatch(/^import-x\/no-restricted-paths: /);
    expect(got.some((problem) => message.test(problem))).toBe(true);
  });

  it.each(allowed)('%s may import %s', async (path, from) => {
    expect(await problems(path, from)).toEqual([]);
  });

  it('reports an import the resolver cannot follow, which would otherwise escape the check', async () => {
    expect(await problems('scanners/compose/probe.ts', '../dotenv/no-such-file')).toEqual([
      "import-x/no-unresolved: Unable to resolve path to module '../dotenv/no-such-file'.",
    ]);
  });
});
