// The benchmarks' sample of real JS/TS: every k-th file of this project's node_modules (sorted,
// under 200 KB each), so every run lints the same files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.cache') yield* walk(path);
    } else if (/\.(js|cjs|mjs|ts)$/.test(e.name) && !/\.d\.ts$/.test(e.name)) yield path;
  }
}

/** `want` files as `{ name, ext, text }`; `name` is `bench/.work/<i>.<ext>`. */
export function sampleCorpus(root, want) {
  const all = [...walk(join(root, 'node_modules'))].map((p) => relative(root, p)).sort();
  const step = Math.max(1, Math.floor(all.length / want));
  const sample = all.filter((_, i) => i % step === 0).filter((p) => statSync(join(root, p)).size < 200_000).slice(0, want);
  return sample.map((p, i) => {
    const ext = p.slice(p.lastIndexOf('.') + 1);
    return { name: `bench/.work/${i}.${ext}`, ext, text: readFileSync(join(root, p), 'utf8') };
  });
}
