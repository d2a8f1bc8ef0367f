/**
 * The deployed-connections rule's cached path (rules/support/deployment-side.ts) is loaded in every ESLint
 * process: it must not pull in the YAML parser or the scan engine, which only a cache miss needs
 * (lazily). Loading `yaml` there cost ~40 ms per ESLint run (bench/link.mjs, demo +10%).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

/** Static (value) imports of a source file, resolved to files of the package or bare package names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[1];
    if (!spec.startsWith('.')) {
      out.push(spec);
      continue;
    }
    const base = resolve(dirname(file), spec);
    const hit = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (hit) out.push(hit);
  }
  for (const m of text.matchAll(/^export\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)) {
    const base = resolve(dirname(file), m[1]);
    const hit = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (hit) out.push(hit);
  }
  return out;
}

function closure(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (f.endsWith('.ts')) todo.push(...importsOf(f));
  }
  return seen;
}

describe('the cached path of deployed-connections', () => {
  const loaded = closure(join(root, 'rules/support/deployment-side.ts'));
  it('loads no YAML parser', () => {
    expect([...loaded].filter((f) => f === 'yaml' || f.endsWith('kit/yaml-tree.ts') || f.endsWith('kit/yaml.ts'))).toEqual([]);
  });
  it('loads no scanner and not the scan engine', () => {
    expect([...loaded].filter((f) => f.includes('/scanners/') || f.endsWith('src/engine/run.ts'))).toEqual([]);
  });
  it('the walk itself sees imports (link/images pulls in the YAML tree)', () => {
    expect([...closure(join(root, 'src/link/images.ts'))].some((f) => f.endsWith('kit/yaml-tree.ts'))).toBe(true);
  });
});
