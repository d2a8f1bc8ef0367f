/**
 * Writes a report or a baseline without following a symlink: a repository can commit
 * `redis-auth.sarif` as a link to `~/.bashrc`, and a plain write would overwrite the file it points
 * to. The text goes to a new temporary file in the same folder (created exclusively, so nothing can
 * be waiting there), which is then renamed over the name: the link itself is replaced.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, lstatSync, mkdirSync, openSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isInside } from './kit/context';

/** A write refused because of where it would land; the message is one line and names the folder. */
export class UnsafeWriteError extends Error {
  readonly code = 'EUNSAFEPATH';
}

/**
 * The folders between `base` and `file` must not be symlinks that lead out of `base`: a repository
 * can commit `reports -> /home/me/.ssh`, and `--output reports/x` would then write (and create
 * folders) there. A symlinked folder that stays inside `base` is fine. Only folders below `base`
 * are looked at: `base` itself (the working directory or scan root, or /tmp on some systems) may
 * be a symlink the user chose.
 */
export function checkParents(file: string, base: string): void {
  const abs = resolve(file);
  const root = resolve(base);
  if (!isInside(root, abs) || abs === root) return;
  let realBase: string;
  try {
    realBase = realpathSync.native(root);
  } catch {
    return; // no base to be inside of: nothing the repository controls
  }
  const parts = relative(root, dirname(abs)).split(sep).filter(Boolean);
  let dir = root;
  for (const part of parts) {
    dir = join(dir, part);
    let link: boolean;
    try {
      link = lstatSync(dir).isSymbolicLink();
    } catch {
      return; // the rest does not exist yet: mkdir creates real folders
    }
    if (!link) continue;
    let real: string | undefined;
    try {
      real = realpathSync.native(dir);
    } catch {
      real = undefined; // dangling: it could be made to point anywhere
    }
    if (real === undefined || !isInside(realBase, real)) {
      throw new UnsafeWriteError(`folder ${relative(root, dir).split(sep).join('/')} is a symbolic link that leads outside ${root}; not written`);
    }
  }
}

/** `checkParents` from each base that holds `file`, then creates the missing folders. */
export function prepareFolder(file: string, bases: readonly string[]): void {
  for (const base of bases) checkParents(file, base);
  mkdirSync(dirname(file), { recursive: true });
}

export function writeFileNoFollow(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
  try {
    const data = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    closeSync(fd);
    renameSync(temp, file);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temp);
    } catch {
      // never created or already renamed
    }
    throw error;
  }
}
