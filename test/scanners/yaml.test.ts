import { describe, expect, it } from 'vitest';
import { asBoolean, entries, get, getEntry, parseYaml, refOf, scalarText, toPlain } from '../../src/engine/kit/yaml';

describe('parseYaml', () => {
  it('gives 1-based positions of keys and values', () => {
    const { file, diagnostics } = parseYaml('values.yaml', 'redis:\n  auth:\n    enabled: false\n');
    expect(diagnostics).toEqual([]);
    const entry = getEntry(file.docs[0].contents, ['redis', 'auth', 'enabled'])!;
    expect(refOf(file, entry.keyNode)).toMatchObject({ line: 3, column: 5 });
    expect(refOf(file, entry.value)).toMatchObject({ line: 3, column: 14 });
    expect(asBoolean(entry.value)).toBe(false);
  });
  it('reports a syntax error as one diagnostic with its line and keeps the good documents', () => {
    const { file, diagnostics } = parseYaml('k.yaml', 'a: 1\n---\nb: [1, 2\nc: 3\n');
    expect(file.docs).toHaveLength(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'k.yaml', line: expect.any(Number) });
    expect(diagnostics[0].message).toMatch(/YAML syntax error/);
  });
  it('accepts Compose custom tags', () => {
    const { file, diagnostics } = parseYaml('compose.yaml', 'services:\n  cache:\n    ports: !reset []\n    command: !override redis-server\n');
    expect(diagnostics).toEqual([]);
    expect(scalarText(get(file.docs[0].contents, ['services', 'cache', 'command']))).toBe('redis-server');
  });
  it('expands merge keys, explicit keys winning', () => {
    const { file } = parseYaml('c.yaml', 'x: &base\n  image: redis\n  command: a\ny:\n  <<: *base\n  command: b\n');
    const e = entries(get(file.docs[0].contents, ['y']));
    expect(e.map((x) => [x.key, scalarText(x.value)])).toEqual([
      ['command', 'b'],
      ['image', 'redis'],
    ]);
  });
  it('survives an alias bomb', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'm1: &m1 {<<: [*g], k: 1}',
    ].join('\n');
    const { file } = parseYaml('bomb.yaml', bomb);
    expect(toPlain(file.docs[0])).toBeUndefined();
    expect(entries(get(file.docs[0].contents, ['m1'])).map((e) => e.key)).toContain('k');
  });
});
