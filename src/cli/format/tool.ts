/** Who we are, for SARIF's tool.driver and `--version`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TOOL_NAME = 'redis-auth';
export { REPOSITORY_URL as INFORMATION_URI } from '../../core/docs-url';

let cached: { version: string; dir: string } | undefined;

/** The package root and version, found by walking up from this file (works from src and dist). */
export function packageInfo(): { version: string; dir: string } {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'eslint-plugin-redis-auth') return (cached = { version: pkg.version ?? '0.0.0', dir });
      } catch {
        // keep walking
      }
    }
    dir = dirname(dir);
  }
  return (cached = { version: '0.0.0', dir: __dirname });
}
