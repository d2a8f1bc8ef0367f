/**
 * Which files a scan looks at when it runs from git: `--staged` (what the next commit will hold,
 * read from the index, not the working tree) and `--changed-since <ref>` (what a branch changed).
 * Paths are returned relative to the scan root, forward slashes, only those under it.
 *
 * Errors (no git, not a repository, unknown ref) are GitError with a one-line message; the CLI
 * prints it and exits 2.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Diagnostic } from '../core/finding';
import { decodeText, MAX_FILE_BYTES, toPosix } from '../engine/kit/context';

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** Output of a git command; git's own first error line becomes the GitError message. */
function git(cwd: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 512 * 1024 * 1024,
      // Inherit the environment on purpose: inside a pre-commit hook git sets GIT_INDEX_FILE
      // (a temporary index for `git commit -a` / `git commit <paths>`), and that index is the truth.
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new GitError('git is not installed or not on PATH');
    const stderr = e.stderr?.toString('utf8') ?? '';
    const first = stderr.split('\n').find((l) => l.trim()) ?? e.message;
    throw new GitError(first.replace(/^(fatal|error): /, '').trim());
  }
}

function splitZ(out: Buffer): string[] {
  return out.toString('utf8').split('\0').filter(Boolean);
}

/** The repository that contains `root`, or a GitError naming the flag that needed one. */
export function repositoryOf(root: string, flag: string): string {
  const abs = resolve(root);
  if (!existsSync(abs)) throw new GitError(`${flag}: ${abs} does not exist`);
  try {
    return git(abs, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (error) {
    const message = (error as Error).message;
    if (/not a git repository/i.test(message)) throw new GitError(`${flag} needs a git repository; ${abs} is not in one`);
    throw new GitError(`${flag}: ${message}`);
  }
}

interface IndexEntry {
  mode: string;
  sha: string;
}

/** Index entries under the scan root (stage 0 only: a conflicted file cannot be committed). */
function readIndex(root: string): Map<string, IndexEntry> {
  const entries = new Map<string, IndexEntry>();
  // Run from the root, ls-files lists only paths under it, relative to it.
  for (const record of splitZ(git(root, ['ls-files', '-s', '-z']))) {
    const tab = record.indexOf('\t');
    const [mode, sha, stage] = record.slice(0, tab).split(' ');
    if (stage !== '0') continue;
    entries.set(record.slice(tab + 1), { mode, sha });
  }
  return entries;
}

/**
 * Reads blobs with one `git cat-file --batch`. Blobs over the size cap are dropped after the read
 * (a staged config file is small; one extra process to check sizes first would cost more).
 */
function readBlobs(root: string, shas: string[]): Map<string, Buffer | 'too-big'> {
  const out = new Map<string, Buffer | 'too-big'>();
  if (shas.length === 0) return out;
  const batch = git(root, ['cat-file', '--batch'], [...new Set(shas)].join('\n') + '\n');
  let at = 0;
  while (at < batch.length) {
    const eol = batch.indexOf(0x0a, at);
    if (eol < 0) break;
    const [sha, type, size] = batch.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing' || size === undefined) {
      at = eol + 1;
      continue;
    }
    const start = eol + 1;
    const end = start + Number(size);
    out.set(sha, Number(size) > MAX_FILE_BYTES ? 'too-big' : batch.subarray(start, end));
    at = end + 1; // content is followed by a newline
  }
  return out;
}

export interface StagedSnapshot {
  /** Absolute path of the repository's top level. */
  repository: string;
  /** Files added, copied, modified or renamed in the index, under the scan root, sorted. */
  files: string[];
  /**
   * The index's content of any tracked path under the root, so that includes, mounted confs and
   * Chart.yaml are read as they will be committed. Undefined for a path the index does not hold
   * (an untracked, usually git-ignored `.env`): the scan then reads the working tree, as Compose
   * would at run time.
   */
  readOverride: (relPath: string) => string | undefined;
  /** Staged files that are binary, too big or not UTF-8. */
  diagnostics: Diagnostic[];
}

const REGULAR_FILE = /^100(644|755)$/;

/** Staged additions and modifications under the root: `git diff --cached --raw` gives mode and blob. */
function stagedEntries(root: string): Map<string, IndexEntry> {
  // ACMR without rename detection: a rename is its new path, added; deleted files are gone from
  // the commit and are not scanned. --relative keeps paths relative to (and under) the scan root.
  // Works before the first commit too (against the empty tree).
  const fields = splitZ(git(root, ['diff', '--cached', '--raw', '--no-abbrev', '-z', '--no-renames', '--diff-filter=ACMR', '--relative']));
  const entries = new Map<string, IndexEntry>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    // `:<old mode> <new mode> <old sha> <new sha> <status>`, then the path.
    const [, mode, , sha] = fields[i].slice(1).split(' ');
    entries.set(fields[i + 1], { mode, sha });
  }
  return entries;
}

/** What `git commit` would record now: the staged files and the index's content of everything. */
export function stagedSnapshot(root: string): StagedSnapshot {
  const absRoot = resolve(root);
  const repository = repositoryOf(absRoot, '--staged');
  const staged = stagedEntries(absRoot);
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string | undefined>();
  // The whole index is listed only if a scanner reads a file that is not staged (an include,
  // Chart.yaml): a commit touching no config costs two git calls, not a walk of the index.
  let index: Map<string, IndexEntry> | undefined;

  const decode = (path: string, blob: Buffer | 'too-big' | undefined): string | undefined => {
    if (blob === undefined) return undefined;
    if (blob === 'too-big') {
      diagnostics.push({ file: path, message: `staged content larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; skipped` });
      return undefined;
    }
    const decoded = decodeText(blob);
    if (decoded.problem) diagnostics.push({ file: path, message: `staged content: ${decoded.problem}` });
    return decoded.text;
  };

  // Symlinks and submodules hold no config text of their own.
  const files = [...staged].filter(([, e]) => REGULAR_FILE.test(e.mode)).map(([path]) => path);
  const blobs = readBlobs(absRoot, files.map((path) => staged.get(path)!.sha));
  const readable: string[] = [];
  for (const path of files) {
    const text = decode(path, blobs.get(staged.get(path)!.sha));
    texts.set(path, text);
    if (text !== undefined) readable.push(path);
  }

  return {
    repository,
    files: readable.sort(),
    diagnostics,
    readOverride(relPath) {
      const key = toPosix(relPath).replace(/^\.\//, '');
      if (texts.has(key)) return texts.get(key);
      index ??= readIndex(absRoot);
      const entry = index.get(key);
      if (!entry || !REGULAR_FILE.test(entry.mode)) return undefined;
      const text = decode(key, readBlobs(absRoot, [entry.sha]).get(entry.sha));
      texts.set(key, text);
      return text;
    },
  };
}

export interface ChangedFiles {
  repository: string;
  /** The commit the comparison starts from: merge-base(ref, HEAD). */
  base: string;
  /** Files changed on this branch since it left `ref`, plus uncommitted and untracked ones. */
  files: string[];
}

/**
 * Files changed since `ref`, with merge-base semantics (as a pull request shows them): the
 * working tree is compared to `git merge-base <ref> HEAD`, so commits that landed on `ref` after
 * the branch was cut do not count, while committed, staged and unstaged edits on the branch all
 * do. Untracked files that are not git-ignored count as changed. Deleted files are not scanned.
 */
export function changedSince(root: string, ref: string): ChangedFiles {
  const absRoot = resolve(root);
  const flag = '--changed-since';
  if (!ref || ref.startsWith('-')) throw new GitError(`${flag} needs a git ref (a branch, tag or commit), got '${ref}'`);
  const repository = repositoryOf(absRoot, flag);
  let resolved: string;
  try {
    resolved = git(absRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).toString('utf8').trim();
  } catch {
    throw new GitError(`${flag}: unknown git ref '${ref}' (in a CI checkout, fetch it first, e.g. fetch-depth: 0)`);
  }
  let base: string;
  try {
    base = git(absRoot, ['merge-base', resolved, 'HEAD']).toString('utf8').trim();
  } catch {
    throw new GitError(`${flag}: '${ref}' and HEAD have no common history (a shallow clone? fetch with fetch-depth: 0)`);
  }
  if (!base) throw new GitError(`${flag}: '${ref}' and HEAD have no common history (a shallow clone? fetch with fetch-depth: 0)`);
  const changed = splitZ(git(absRoot, ['diff', '--name-only', '-z', '--diff-filter=ACMR', '--relative', base]));
  const untracked = splitZ(git(absRoot, ['ls-files', '--others', '--exclude-standard', '-z']));
  const files = [...new Set([...changed, ...untracked])].filter((p) => existsSync(resolve(absRoot, p))).sort();
  return { repository, base, files };
}

/**
 * The repository and commit a report describes, for the drift page's header: the `origin` remote
 * without any credentials in it (else the folder name) and the short commit id. Never throws.
 */
export function repositoryInfo(root: string): { repository: string; commit?: string } {
  const folder = basename(resolve(root));
  const read = (args: string[]) => {
    try {
      return git(root, args).toString('utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const remote = read(['remote', 'get-url', 'origin']);
  const commit = read(['rev-parse', '--short=12', 'HEAD']);
  return { repository: remote ? withoutCredentials(remote) : folder, ...(commit ? { commit } : {}) };
}

/** `https://user:token@host/x.git` -> `https://host/x`; scp-style `git@host:x.git` -> `host:x`. */
export function withoutCredentials(remote: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(remote) ? remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1') : remote.replace(/^[^@/:]+@/, '');
  return url.replace(/\.git$/, '');
}
