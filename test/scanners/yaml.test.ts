import { describe, expect, it } from 'vitest';
import { boolOf, buildTree, entryAt, parseYaml, plainOf, textOf, valueAt, type PNode } from '../../src/engine/kit/yaml-tree';

/** The tree of a file's first document. */
function treeOf(path: string, text: string): PNode | undefined {
  const { file } = parseYaml(path, text);
  return buildTree(file, text, file.docs[0].contents).tree;
}

describe('parseYaml', () => {
  it('gives 1-based positions of keys and values', () => {
    const { diagnostics } = parseYaml('values.yaml', 'redis:\n  auth:\n    enabled: false\n');
    expect(diagnostics).toEqual([]);
    const entry = entryAt(treeOf('values.yaml', 'redis:\n  auth:\n    enabled: false\n'), ['redis', 'auth', 'enabled'])!;
    expect(entry.keyAt).toMatchObject({ line: 3, column: 5 });
    expect(entry.value.at).toMatchObject({ line: 3, column: 14 });
    expect(boolOf(entry.value)).toBe(false);
  });
  it('reports a syntax error as one diagnostic with its line and keeps the good documents', () => {
    const { file, diagnostics } = parseYaml('k.yaml', 'a: 1\n---\nb: [1, 2\nc: 3\n');
    expect(file.docs).toHaveLength(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'k.yaml', line: expect.any(Number) });
    expect(diagnostics[0].message).toMatch(/YAML syntax error/);
  });
  it('accepts Compose custom tags', () => {
    const text = 'services:\n  cache:\n    ports: !reset []\n    command: !override redis-server\n';
    expect(parseYaml('compose.yaml', text).diagnostics).toEqual([]);
    expect(textOf(valueAt(treeOf('compose.yaml', text), ['services', 'cache', 'command']))).toBe('redis-server');
  });
  it('expands merge keys, explicit keys winning', () => {
    const y = valueAt(treeOf('c.yaml', 'x: &base\n  image: redis\n  command: a\ny:\n  <<: *base\n  command: b\n'), ['y']);
    expect(y?.kind === 'map' && [...y.entries.values()].map((x) => [x.key, textOf(x.value)])).toEqual([
      ['command', 'b'],
      ['image', 'redis'],
    ]);
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

describe('plainOf', () => {
  it('gives a document as plain data, merges expanded, a __proto__ key kept as a key', () => {
    const plain = plainOf(treeOf('ci.yml', 'x: &s {uses: a}\njobs:\n  build:\n    steps:\n      - <<: *s\n        with: {file: Dockerfile}\n__proto__: {polluted: true}\n')) as Record<string, unknown>;
    expect(plain.jobs).toEqual({ build: { steps: [{ with: { file: 'Dockerfile' }, uses: 'a' }] } });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.keys(plain)).toContain('__proto__');
  });
});
