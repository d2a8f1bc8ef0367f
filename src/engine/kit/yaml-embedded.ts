/**
 * YAML written inside a YAML string (Argo CD `helm.values: |`, a Kustomize inline `patch: |`):
 * parsed, with every position moved onto the outer file's lines. Inside a block literal the lines
 * are exact; inside quoted or folded text they collapse onto the value.
 */
import { parseYaml } from './yaml';
import { buildTree, type Origin, type PNode, type PScalar } from './yaml-tree';

/** Every document of the YAML text in `scalar`, positioned in the outer file. */
export function embeddedYamlDocs(scalar: PScalar): PNode[] {
  const text = String(scalar.value);
  const { file } = parseYaml(scalar.at.file, text);
  const p = scalar.placement;
  const move = p?.exact
    ? (o: Origin): Origin => ({ ...o, line: o.line + p.lineOffset, column: o.column + p.columnOffset, endLine: o.endLine !== undefined ? o.endLine + p.lineOffset : undefined, endColumn: o.endColumn !== undefined ? o.endColumn + p.columnOffset : undefined })
    : (o: Origin): Origin => ({ file: o.file, line: scalar.at.line, column: scalar.at.column, anchor: o.anchor });
  const out: PNode[] = [];
  for (const doc of file.docs) {
    const tree = buildTree(file, text, doc.contents).tree;
    if (tree) out.push(shift(tree, move, Boolean(p?.exact)));
  }
  return out;
}

function shift(node: PNode, move: (o: Origin) => Origin, exact: boolean): PNode {
  const clean = (o: Origin) => {
    const m = move(o);
    if (m.endLine === undefined) delete m.endLine;
    if (m.endColumn === undefined) delete m.endColumn;
    return m;
  };
  if (node.kind === 'map') {
    const entries = new Map([...node.entries].map(([k, e]) => [k, { key: k, keyAt: clean(e.keyAt), value: shift(e.value, move, exact) }]));
    return { kind: 'map', at: clean(node.at), entries };
  }
  if (node.kind === 'seq') return { kind: 'seq', at: clean(node.at), items: node.items.map((i) => shift(i, move, exact)) };
  const out: PScalar = { kind: 'scalar', at: clean(node.at), value: node.value };
  // Inside quoted outer text, inner positions collapse onto the value: leave placement unset.
  if (exact && node.placement?.exact) {
    const moved = clean({ file: node.at.file, line: node.placement.lineOffset + 1, column: node.placement.columnOffset + 1, endLine: node.placement.endLine });
    out.placement = { ...node.placement, lineOffset: moved.line - 1, columnOffset: moved.column - 1, endLine: moved.endLine ?? moved.line };
  }
  return out;
}
