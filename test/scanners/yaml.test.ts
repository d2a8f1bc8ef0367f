import { describe, expect, it } from 'vitest';
import { asBoolean, entries, get, getEntry, parseYaml, refOf, scalarText, toPlain } from '../../src/engine/kit/yaml';
import { buildTree, entryAt, textOf, valueAt } from '../../src/engine/kit/yaml-tree';

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

describe('buildTree (the one positioned YAML tree)', () => {
  const tree = (text: string) => {
    const { file } = parseYaml('t.yaml', text);
    return buildTree(file, text, file.docs[0].contents);
  };

  it('reads a document with many aliases of a small anchor (the budget counts expanded nodes, not aliases)', () => {
    // Before the compose and Helm trees were merged, the Helm/Kubernetes tree gave up after 100 aliases.
    const text = `base: &b {user: app, password: s3cret}\nitems:\n${Array.from({ length: 150 }, (_, i) => `  k${i}: *b`).join('\n')}\n`;
    const built = tree(text);
    expect(built.truncated).toBe(false);
    const item = valueAt(built.tree, ['items', 'k149', 'user']);
    expect(textOf(item)).toBe('app');
    expect(item?.at).toMatchObject({ line: 1, column: 17 });
  });

  it('builds an aliased or merged node once and shares it', () => {
    const text = `x: &base\n  image: redis\n  environment: {A: "1"}\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n    image: valkey\n`;
    const built = tree(text).tree;
    const a = entryAt(built, ['services', 'a', 'environment']);
    const b = entryAt(built, ['services', 'b', 'environment']);
    expect(a?.value).toBe(b?.value);
    expect(textOf(valueAt(built, ['services', 'b', 'image']))).toBe('valkey');
    expect(textOf(valueAt(built, ['services', 'a', 'image']))).toBe('redis');
  });

  it('stops at an alias bomb and at a self-referencing alias', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
      .concat(['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`))
      .join('\n');
    expect(tree(bomb)).toEqual({ tree: undefined, truncated: true });
    expect(tree('a: &a [1, *a]\n')).toEqual({ tree: undefined, truncated: true });
  });

  it('keeps value tags and the offsets of scalars', () => {
    const text = 'services:\n  cache:\n    ports: !reset []\n    command: redis-server --port 1\n';
    const cache = valueAt(tree(text).tree, ['services', 'cache']);
    expect(entryAt(cache, ['ports'])?.tag).toBe('!reset');
    expect(entryAt(cache, ['command'])?.tag).toBeUndefined();
    const command = valueAt(cache, ['command']);
    expect(command?.kind === 'scalar' && command.offsets && text.slice(command.offsets.start, command.offsets.start + 12)).toBe('redis-server');
  });
});
