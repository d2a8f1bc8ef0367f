import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Names in a folder of the scan root; the contents are still read through ctx (overrides, limits). */
export function listDir(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir), { withFileTypes: true })
      .filter((d) => d.isFile() || d.isSymbolicLink())
      .map((d) => (dir === '.' ? d.name : `${dir}/${d.name}`));
  } catch {
    return [];
  }
}
