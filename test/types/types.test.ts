/**
 * The plugin's types fit ESLint's own: test/types/eslint.config.ts (defineConfig, typescript-eslint's
 * config(), plain arrays, `const p: ESLint.Plugin = plugin`) must pass `tsc --strict` against the
 * built declarations with ESLint 10's types and with ESLint 9's (the eslint-v9 alias).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';

const ROOT = join(__dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

function typecheck(project: string): string {
  if (!existsSync(join(ROOT, 'dist/src/index.d.ts'))) throw new Error('build first (npm run build): dist/src/index.d.ts is missing');
  try {
    execFileSync(process.execPath, [TSC, '-p', join(__dirname, project)], { cwd: ROOT, stdio: 'pipe' });
    return '';
  } catch (error) {
    return (error as { stdout?: Buffer }).stdout?.toString('utf8') || String(error);
  }
}

describe('types', () => {
  it.each(['tsconfig.eslint10.json', 'tsconfig.eslint9.json'])('eslint.config.ts type-checks with %s', (project) => {
    expect(typecheck(project)).toBe('');
  }, 120_000);

  it('the ESLint 9 check really reads ESLint 9', () => {
    const text = execFileSync(process.execPath, [TSC, '-p', join(__dirname, 'tsconfig.eslint9.json'), '--traceResolution'], { cwd: ROOT }).toString('utf8');
    expect(text).toMatch(/Module name 'eslint' was successfully resolved to '.*node_modules\/eslint-v9\/lib\/types\/index\.d\.ts'/);
  }, 120_000);
});

describe('plugin meta', () => {
  it('names its namespace, and every rule has meta.defaultOptions', () => {
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-redis-auth', version: expect.any(String), namespace: 'redis-auth' });
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect((rule.meta as { defaultOptions?: unknown })?.defaultOptions, name).toEqual([{}]);
    }
  });
});
