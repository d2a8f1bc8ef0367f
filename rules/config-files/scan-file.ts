/**
 * Runs the config scanners on one file as ESLint sees it (the editor's buffer, not the disk), the
 * way `redis-auth scan` would: the scanner is picked by name and content, other files (includes,
 * the `.env` beside a compose file, `Chart.yaml`) are read under the project root, inline
 * `# redis-auth-disable-*` directives and the project's redis-auth config apply.
 */
import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SEVERITY_RANK, type Finding, type Severity } from '../../src/core/finding';
import { MAX_FILE_BYTES, toPosix } from '../../src/engine/kit/context';
import { runScan } from '../../src/engine/run';
import { SCANNERS, scannersForName } from '../../src/engine/registry';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, loadConfig, type ResolvedConfig } from '../../src/engine/config';
import type { Scanner } from '../../src/engine/kit/contract';
import { projectRoot } from './root';

/** The scanner for a file, in registry order, or undefined when none recognizes it: by name, then content. */
export function scannerFor(path: string, text: string, scanners: readonly Scanner[] = SCANNERS): Scanner | undefined {
  return scannersForName(path, scanners).find((s) => s.detect(path, text));
}

/** The project root (root.ts) and the file's path in it. */
export function locate(filename: string, cwd: string): { root: string; path: string } {
  const abs = resolve(cwd, filename);
  const root = projectRoot(abs, cwd);
  return { root, path: toPosix(relative(root, abs)) };
}

interface LoadedConfig {
  config: ResolvedConfig;
  error?: string;
}

const configCache = new Map<string, { stamp: string; loaded: LoadedConfig }>();

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The project's redis-auth config. An editor keeps ESLint running for hours, so the cache is
 * keyed on the config files' modification times: an edit applies on the next lint.
 */
function configOf(root: string): LoadedConfig {
  const stamp = `${mtimeOf(join(root, CONFIG_FILE_NAME))}:${mtimeOf(join(root, 'package.json'))}`;
  const cached = configCache.get(root);
  if (cached?.stamp === stamp) return cached.loaded;
  let loaded: LoadedConfig;
  try {
    loaded = { config: loadConfig({ root }) };
  } catch (error) {
    loaded = { config: defaultConfig(), error: error instanceof ConfigError ? error.message : String(error) };
  }
  configCache.set(root, { stamp, loaded });
  return loaded;
}

export interface ScanFileOptions {
  /** Report only findings at or above this severity. */
  minSeverity?: Severity;
  /** Scanners to use (tests pass their own); default: all of them. */
  scanners?: readonly Scanner[];
}

export interface ScanFileResult {
  findings: Finding[];
  /** A broken redis-auth config, reported once so the user knows why settings do not apply. */
  configError?: string;
}

/**
 * Findings in `text` (the content of `filename`), positioned in that file only. The CLI's own
 * pipeline does the work (config severities and `off`, ignores, suppressions), so the editor and
 * `redis-auth scan` never disagree.
 */
export function scanFile(text: string, filename: string, cwd: string, options: ScanFileOptions = {}): ScanFileResult {
  const { root, path } = locate(filename, cwd);
  // The CLI skips files over its size cap (data dumps, generated specs); so does the editor.
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) return { findings: [] };
  // Cheap exit for the many YAML files that are not Redis configuration at all.
  if (!scannerFor(path, text, options.scanners)) return { findings: [] };
  const { config, error } = configOf(root);
  const outcome = runScan({
    root,
    only: [path],
    config,
    scanners: options.scanners,
    // The editor's buffer wins over the file on disk, for this file and anything that reads it.
    readOverride: (rel) => (rel === path ? text : undefined),
  });
  const min = SEVERITY_RANK[options.minSeverity ?? 'note'];
  // A compose file's scan also judges the redis.conf it mounts; that file gets its own lint.
  const findings = outcome.findings.filter((f) => f.file === path && SEVERITY_RANK[f.severity] >= min);
  return { findings, configError: error };
}
