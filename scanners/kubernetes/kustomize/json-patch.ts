/**
 * JSON 6902 patches (`patchesJson6902`, or `patches:` entries whose patch is a list of operations)
 * on positioned trees: add, remove, replace, copy, move and test, with RFC 6901 paths
 * (`/spec/template/spec/containers/0/args/-`). An operation whose path does not resolve is skipped,
 * as a patch that cannot apply tells nothing about the result.
 */
import { textOf, type PMap, type PNode } from '../../../src/engine/kit/yaml-tree';

function pointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function clone(node: PNode): PNode {
  if (node.kind === 'map') return { kind: 'map', at: node.at, entries: new Map([...node.entries].map(([k, e]) => [k, { ...e, value: clone(e.value) }])) };
  if (node.kind === 'seq') return { kind: 'seq', at: node.at, items: node.items.map(clone) };
  return node;
}

function child(node: PNode, key: string): PNode | undefined {
  if (node.kind === 'map') return node.entries.get(key)?.value;
  if (node.kind === 'seq' && /^\d+$/.test(key)) return node.items[Number(key)];
  return undefined;
}

function get(root: PNode, path: string[]): PNode | undefined {
  let node: PNode | undefined = root;
  for (const key of path) node = node && child(node, key);
  return node;
}

function remove(root: PNode, path: string[]): PNode | undefined {
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent?.kind === 'map') {
    const value = parent.entries.get(last)?.value;
    parent.entries.delete(last);
    return value;
  }
  if (parent?.kind === 'seq' && /^\d+$/.test(last) && Number(last) < parent.items.length) return parent.items.splice(Number(last), 1)[0];
  return undefined;
}

function put(root: PNode, path: string[], value: PNode, op: 'add' | 'replace', keyAt: PMap['at']): boolean {
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent?.kind === 'map') {
    if (op === 'replace' && !parent.entries.has(last)) return false;
    parent.entries.set(last, { key: last, keyAt, value });
    return true;
  }
  if (parent?.kind === 'seq') {
    if (last === '-' && op === 'add') parent.items.push(value);
    else if (/^\d+$/.test(last) && Number(last) <= parent.items.length) {
      if (op === 'add') parent.items.splice(Number(last), 0, value);
      else if (Number(last) < parent.items.length) parent.items[Number(last)] = value;
      else return false;
    } else return false;
    return true;
  }
  return false;
}

/** Applies the operations in `ops` (a YAML list) to a copy of `resource`. */
export function applyJsonPatch(resource: PNode, ops: PNode): PNode {
  const root = clone(resource);
  if (ops.kind !== 'seq') return root;
  for (const op of ops.items) {
    if (op.kind !== 'map') continue;
    const name = textOf(op.entries.get('op')?.value);
    const path = pointer(textOf(op.entries.get('path')?.value) ?? '');
    if (!name || !path || path.length === 0) continue;
    const value = op.entries.get('value')?.value;
    const keyAt = op.entries.get('value')?.keyAt ?? op.at;
    switch (name) {
      case 'add':
      case 'replace':
        if (value) put(root, path, clone(value), name, keyAt);
        break;
      case 'remove':
        remove(root, path);
        break;
      case 'copy':
      case 'move': {
        const from = pointer(textOf(op.entries.get('from')?.value) ?? '');
        const source = from && (name === 'move' ? remove(root, from) : get(root, from));
        if (source) put(root, path, clone(source), 'add', keyAt);
        break;
      }
      default:
        break; // `test` changes nothing
    }
  }
  return root;
}
