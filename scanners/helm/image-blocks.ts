/**
 * A values block that runs a Redis-family image the chart templates itself (immich's `valkey:`
 * with bjw-s app-template controllers, an app chart's own `redis.image`), not a Bitnami-shaped
 * subchart the values checks model. When nothing in the block passes a password (no
 * `requirepass`, no password variable or secret), a `redis-unmodeled` note says so: the chart's
 * templates decide, and silence would claim "checked".
 */
import type { Finding } from '../../src/core/finding';
import { classifyImage } from '../../src/core/images';
import { unmodeledFinding } from '../../src/engine/kit/unmodeled';
import { boolOf, textOf, valueAt, type PMap, type PNode } from '../../src/engine/kit/yaml-tree';

/** Words that show a password is passed: a flag, a password variable, a secret reference. */
const AUTH_HINT = /requirepass|password|passwd|existingsecret|secretkeyref|aclfile|auth/i;
const MAX_DEPTH = 12;

function imageRef(node: PNode | undefined): string | undefined {
  if (node?.kind === 'scalar') return textOf(node);
  if (node?.kind !== 'map') return undefined;
  const repository = textOf(valueAt(node, ['repository'])) ?? textOf(valueAt(node, ['name']));
  if (!repository) return undefined;
  const registry = textOf(valueAt(node, ['registry']));
  return registry ? `${registry}/${repository}` : repository;
}

/** Any key or scalar in the subtree that hints at a password. */
function mentionsAuth(node: PNode | undefined, depth = 0): boolean {
  if (!node || depth > MAX_DEPTH) return false;
  if (node.kind === 'scalar') return typeof node.value === 'string' && AUTH_HINT.test(node.value);
  if (node.kind === 'seq') return node.items.some((i) => mentionsAuth(i, depth + 1));
  for (const [key, e] of node.entries) if (AUTH_HINT.test(key) || mentionsAuth(e.value, depth + 1)) return true;
  return false;
}

export function unmodeledImageBlocks(root: PNode | undefined): Finding[] {
  const out: Finding[] = [];
  const walk = (node: PNode | undefined, path: string[], ancestors: PMap[]): void => {
    if (node?.kind !== 'map' || path.length > MAX_DEPTH) return;
    // A block switched off by default (`valkey: {enabled: false}`) runs nothing from these values.
    if (boolOf(valueAt(node, ['enabled'])) === false) return;
    const image = node.entries.get('image');
    const info = image ? classifyImage(imageRef(image.value)) : undefined;
    // Bitnami images come with Bitnami-shaped values, which the values checks judge.
    if (image && info && info.role !== 'sentinel' && !info.family.startsWith('bitnami-')) {
      // The block that owns the container: the top-level key it sits under.
      const block = ancestors[1] ?? node;
      if (!mentionsAuth(block)) {
        const at = { ...image.keyAt, anchor: [...path, 'image'].join('.') };
        out.push(
          unmodeledFinding(
            at,
            `Values key \`${[...path, 'image'].join('.')}\` (${info.repository})`,
            `the chart's own templates start it, and nothing in \`${path[0] ?? 'the values'}\` passes a password (no \`requirepass\`, password variable or secret)`,
            'Check the templates: pass `--requirepass` from a Secret in the container args, or set the password variable the image reads.',
          ),
        );
      }
      return;
    }
    for (const [key, e] of node.entries) walk(e.value, [...path, key], [...ancestors, node]);
  };
  walk(root, [], []);
  return out;
}
