/**
 * File discovery: which files under the scan root could be Redis configuration. Names only here
 * (each scanner's `fileNames`, asked through `isCandidate`); the scanners' cheap content checks
 * come after. Honours `.gitignore` files (root and nested, pruning ignored folders), the config file's
 * ignore globs and a set of folders nobody wants scanned; never follows a symlinked folder.
 */
import { isDockerfileName } from '../link/image-names';
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Diagnostic } from '../core/finding';
import { isInside, readSourceFile, toPosix } from './kit/context';
import { isCandidateName } from './registry';

/** Dependency, build, VCS and tool folders: never configuration a team maintains. */
export const DEFAULT_IGNORED_DIRS: readonly string[] = [
  'node_modules',
  'bower_components',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'vendor',
  '.terraform',
  '.terragrunt-cache',
  'coverage',
  '.next',
  '.nuxt',
  '.cache',
  '.venv',
  'venv',
  '.tox',
  '__pycache__',
  'target',
];

/**
 * Files the code-to-deployment link reads: JS/TS sources (not declarations), thousands of them,
 * and the few package manifests and Dockerfiles (image labels). Told apart once, by the bare name,
 * here: callers get them in separate lists and never test a path again.
 */
export type ProjectKind = 'source' | 'manifest' | 'dockerfile';

// Module constants: a regex literal in a function body is a new object on every call.
const SOURCE = /\.[cm]?[jt]sx?$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

export function projectKindOf(name: string): ProjectKind | undefined {
  if (SOURCE.test(name)) return DECLARATION.test(name) ? undefined : 'source';
  if (name === 'package.json') return 'manifest';
  return isDockerfileName(name) ? 'dockerfile' : undefined;
}

export interface DiscoveryRequest {
  /** Absolute scan root. */
  root: string;
  /** Files or folders, absolute or relative to the root; default the root. */
  paths?: string[];
  /** Restrict to these root-relative files (for --staged / --changed-since): no walking at all. */
  only?: string[];
  /** Extra gitignore-style patterns from the config file. */
  ignore?: string[];
  /** Do not read .gitignore files. */
  noGitignore?: boolean;
  /** Which file names could be configuration: by default, those some registered scanner declares. */
  isCandidate?: (path: string) => boolean;
  /** Also list package.json and JS/TS source files (in `project`), for the code-to-deployment link. */
  project?: boolean;
}

export interface DiscoveryResult {
  /** Root-relative, forward slashes, sorted, unique. */
  files: string[];
  /** Those of `files` the walk saw as regular files with no symlink between the root and them. */
  regular: Set<string>;
  /**
   * With `project`: package.json files and Dockerfiles, root-relative, sorted, NOT yet tested
   * against the .gitignore files: callers test the ones they read or report with `projectIgnored`.
   */
  project: string[];
  /**
   * With `project`: JS/TS source files, the same way (thousands, and a cached scan reads none of
   * most of them). Not in `regular`: the reader checks the few it reads.
   */
  sources: string[];
  /** Whether a `project` file is git-ignored (folders are pruned already). */
  projectIgnored: (rel: string) => boolean;
  diagnostics: Diagnostic[];
}

interface GitignoreFile {
  /** Folder holding the .gitignore, root-relative ('' for the root). */
  dir: string;
  rules: Ignore;
}

function inDefaultIgnoredDir(rel: string): boolean {
  const parts = rel.split('/');
  parts.pop();
  return parts.some((p) => DEFAULT_IGNORED_DIRS.includes(p));
}

/**
 * More `*` runs than this in one path segment make the pattern's regular expression backtrack
 * polynomially in the length of a file name (`*a*a*a*c` against a long name of `a`s takes
 * seconds per file). Real ignore files stay at two (`*.min.*`).
 */
const MAX_STARS_PER_SEGMENT = 2;
/** Patterns per ignore file: each one is tested against every path. */
const MAX_PATTERNS = 5000;

function tooManyWildcards(pattern: string): boolean {
  const p = pattern.trim();
  if (p === '' || p.startsWith('#')) return false;
  return p.split('/').some((segment) => segment !== '**' && (segment.match(/\*+/g)?.length ?? 0) > MAX_STARS_PER_SEGMENT);
}

/**
 * Ignore patterns that are safe to match, from `file`: a pattern that would backtrack is dropped
 * with one diagnostic, and only the first MAX_PATTERNS count. `lines` are 1-based when `numbered`.
 */
export function safeIgnorePatterns(patterns: readonly string[], file: string, diagnostics: Diagnostic[], numbered = false): string[] {
  const out: string[] = [];
  let count = 0;
  for (const [i, pattern] of patterns.entries()) {
    const p = pattern.trim();
    if (p === '' || p.startsWith('#')) continue;
    if (tooManyWildcards(p)) {
      diagnostics.push({ file, ...(numbered ? { line: i + 1 } : {}), message: `ignore pattern has too many wildcards in one name (more than ${MAX_STARS_PER_SEGMENT} \`*\`); pattern not used` });
      continue;
    }
    if (++count > MAX_PATTERNS) {
      diagnostics.push({ file, message: `more than ${MAX_PATTERNS} ignore patterns; the rest are not used` });
      break;
    }
    out.push(pattern);
  }
  return out;
}

function loadGitignore(root: string, dir: string, diagnostics: Diagnostic[]): GitignoreFile | undefined {
  const rel = dir ? `${dir}/.gitignore` : '.gitignore';
  const read = readSourceFile(root, rel);
  if (read.diagnostic) diagnostics.push(read.diagnostic);
  if (!read.file) return undefined;
  return { dir, rules: ignore().add(safeIgnorePatterns(read.file.text.split(/\r?\n/), rel, diagnostics, true)) };
}

/** Git's precedence: deeper .gitignore files override shallower ones; `!` re-includes. */
function gitIgnored(rel: string, gitignores: readonly GitignoreFile[]): boolean {
  let ignored = false;
  for (const g of gitignores) {
    if (g.dir !== '' && !rel.startsWith(`${g.dir}/`)) continue;
    const sub = g.dir === '' ? rel : rel.slice(g.dir.length + 1);
    if (!sub) continue;
    const verdict = g.rules.test(sub);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** True when `root/rel` is reached without a symlink (the root itself may be one). */
function isRealPath(root: string, rel: string): boolean {
  try {
    const realRoot = realpathSync.native(root);
    return realpathSync.native(join(root, rel)) === (rel ? join(realRoot, rel) : realRoot);
  } catch {
    return false;
  }
}

/** The folders from the root down to `dir` itself ('' first). */
function ancestorsOf(dir: string): string[] {
  const out = [''];
  if (!dir) return out;
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

const IGNORED_DIR_SET = new Set(DEFAULT_IGNORED_DIRS);

/**
 * Depth-first walk with readdir: prunes default and git-ignored folders before entering them (git
 * cannot re-include a file under an ignored folder either), never enters a symlinked folder, and
 * reports candidate files by name. On the bench tree this is several times faster than a glob
 * matcher, which tests every entry against every pattern.
 */
function walk(
  root: string,
  start: string,
  inherited: GitignoreFile[],
  gitignoreAt: (dir: string) => GitignoreFile | undefined,
  noGitignore: boolean,
  skipDir: (rel: string) => boolean,
  isCandidate: (path: string) => boolean,
  onFile: (rel: string, regular: boolean, project: ProjectKind | undefined) => void,
  wantProject = false,
  onProjectDir: (dir: string, gitignores: GitignoreFile[]) => void = () => undefined,
): void {
  const stack: { dir: string; gitignores: GitignoreFile[] }[] = [{ dir: start, gitignores: inherited }];
  while (stack.length) {
    const { dir, gitignores: outer } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir ? join(root, dir) : root, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing a scanner could read either
    }
    let gitignores = outer;
    if (!noGitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const own = gitignoreAt(dir);
      if (own) gitignores = [...outer, own];
    }
    const prefix = dir ? `${dir}/` : '';
    if (wantProject) onProjectDir(dir, gitignores);
    for (const entry of entries) {
      const rel = prefix + entry.name;
      if (entry.isDirectory()) {
        if (IGNORED_DIR_SET.has(entry.name) || skipDir(rel)) continue;
        if (gitignores.length && gitIgnored(`${rel}/`, gitignores)) continue;
        stack.push({ dir: rel, gitignores });
        continue;
      }
      // Regular files and symlinks (the reader checks where a symlink goes; a symlinked folder
      // named like a file is refused there). Sockets and the like are not configs.
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const candidate = isCandidate(entry.name);
      const project = !candidate && wantProject ? projectKindOf(entry.name) : undefined;
      if (!candidate && !project) continue;
      if (!project && gitignores.length && gitIgnored(rel, gitignores)) continue;
      onFile(rel, entry.isFile(), project);
    }
  }
}

export function discoverFiles(request: DiscoveryRequest): DiscoveryResult {
  const root = resolve(request.root);
  const isCandidate = request.isCandidate ?? ((path: string) => isCandidateName(path));
  const diagnostics: Diagnostic[] = [];
  const configIgnore = ignore().add(request.ignore ?? []);
  const configIgnored = (rel: string): boolean => (request.ignore?.length ? configIgnore.ignores(rel) : false);
  const found = new Set<string>();
  const regular = new Set<string>();
  const project: string[] = [];
  const sources: string[] = [];

  // Normalize the requested paths to root-relative posix paths inside the root.
  const targets: { rel: string; isDir: boolean }[] = [];
  for (const p of request.paths?.length ? request.paths : [root]) {
    const abs = resolve(root, p);
    const rel = toPosix(relative(root, abs));
    if (!isInside(root, abs)) {
      diagnostics.push({ file: toPosix(p), message: 'path is outside the scan root; skipped' });
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      diagnostics.push({ file: rel || '.', message: 'path not found; skipped' });
      continue;
    }
    targets.push({ rel, isDir });
  }

  const underTargets = (rel: string): boolean =>
    targets.some((t) => (t.isDir ? t.rel === '' || rel === t.rel || rel.startsWith(`${t.rel}/`) : rel === t.rel));

  if (request.only) {
    // Changed/staged files: judged by name and ignores alone, nothing is walked.
    for (const raw of request.only) {
      const rel = posix.normalize(toPosix(raw)).replace(/^\.\//, '');
      if (rel.startsWith('../') || rel.startsWith('/')) continue;
      if (!isCandidate(rel) || inDefaultIgnoredDir(rel) || configIgnored(rel)) continue;
      if (!underTargets(rel)) continue;
      found.add(rel);
    }
    return { files: [...found].sort(), regular, project, sources, projectIgnored: () => false, diagnostics };
  }

  const gitignoresOfDir = new Map<string, GitignoreFile[]>();
  const projectIgnored = (rel: string): boolean => {
    const slash = rel.lastIndexOf('/');
    const chain = gitignoresOfDir.get(slash < 0 ? '' : rel.slice(0, slash));
    return !!chain?.length && gitIgnored(rel, chain);
  };
  const gitignoreCache = new Map<string, GitignoreFile | undefined>();
  const gitignoreAt = (dir: string): GitignoreFile | undefined => {
    if (!gitignoreCache.has(dir)) gitignoreCache.set(dir, request.noGitignore ? undefined : loadGitignore(root, dir, diagnostics));
    return gitignoreCache.get(dir);
  };

  for (const target of targets) {
    if (!target.isDir) {
      // A file named explicitly is scanned whatever its name or .gitignore say; only the config's
      // ignores (a team decision) still apply.
      if (!configIgnored(target.rel)) found.add(target.rel);
      continue;
    }
    // .gitignore files above the target (between the root and it) count too, unless they ignore
    // the target itself: a folder named on the command line is scanned.
    const above: GitignoreFile[] = [];
    if (!request.noGitignore && target.rel) {
      const files = ancestorsOf(target.rel)
        .slice(0, -1)
        .map(gitignoreAt)
        .filter((g): g is GitignoreFile => !!g);
      if (!gitIgnored(`${target.rel}/`, files)) above.push(...files);
    }
    const skipDir = (rel: string) => configIgnored(`${rel}/`);
    // Regular files under a target reached without a symlink cannot lead outside the root.
    const realTarget = isRealPath(root, target.rel);
    walk(
      root,
      target.rel,
      above,
      gitignoreAt,
      request.noGitignore ?? false,
      skipDir,
      isCandidate,
      (rel, isFile, kind) => {
        if (configIgnored(rel)) return;
        if (kind === 'source') {
          sources.push(rel);
          return;
        }
        if (kind) project.push(rel);
        else found.add(rel);
        if (isFile && realTarget) regular.add(rel);
      },
      request.project,
      (dir, gitignores) => gitignoresOfDir.set(dir, gitignores),
    );
  }
  // Overlapping targets (a folder and a file in it) can list a file twice.
  const unique = (list: string[]) => (targets.length > 1 ? [...new Set(list)] : list).sort();
  return { files: [...found].sort(), regular, project: unique(project), sources: unique(sources), projectIgnored, diagnostics };
}
