/** Builds the package once per test file and runs the built `redis-auth` binary in a child process. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const PACKAGE_ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

let built = false;

/** `tsc -p tsconfig.build.json`; type errors elsewhere in the tree do not stop the emit. */
export function buildOnce(): void {
  if (built) return;
  try {
    execFileSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: PACKAGE_ROOT,
      stdio: 'pipe',
    });
  } catch {
    // Emitted anyway; a missing binary is caught below.
  }
  if (!existsSync(CLI)) throw new Error(`build did not produce ${CLI}`);
  built = true;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `redis-auth <args>`; a small heap and a timeout turn a runaway scan into a failure, not a hang. */
export function runCli(args: string[], cwd: string, timeout = 60_000): CliResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', CLI, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, REDIS_AUTH_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary repository from a map of path -> content. */
export function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
