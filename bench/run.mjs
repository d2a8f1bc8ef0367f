// `npm run bench`: runs each benchmark under bench/ in turn. Each prints ratios against a
// baseline measured in the same run, because these machines are noisy.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const name of ['eslint-startup.mjs', 'eslint.mjs', 'scan.mjs', 'link.mjs', 'scale.mjs']) {
  const file = join(here, name);
  if (!existsSync(file)) continue;
  console.log(`\n== bench/${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
