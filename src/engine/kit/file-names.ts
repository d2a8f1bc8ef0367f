/**
 * File-name routing: each scanner declares the base-name globs of the files it can be
 * (`Scanner.fileNames`), and discovery, the engine and the config-files ESLint rule all ask this
 * one matcher. Only `*` is special (any run of characters); names compare case-insensitively.
 */

const compiled = new Map<string, RegExp>();
/** Scanners pass the same `fileNames` array for every file: found by identity, no key to build. */
const byArray = new WeakMap<readonly string[], RegExp>();

function globsRegExp(globs: readonly string[]): RegExp {
  const known = byArray.get(globs);
  if (known) return known;
  const key = globs.join('\u0000');
  let re = compiled.get(key);
  if (!re) {
    const alternatives = globs.map((g) => g.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
    re = new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
    compiled.set(key, re);
  }
  byArray.set(globs, re);
  return re;
}

/** The last segment of a forward-slash path. */
export function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when the file's base name matches one of the globs. */
export function matchesFileName(path: string, globs: readonly string[]): boolean {
  return globs.length > 0 && globsRegExp(globs).test(baseNameOf(path));
}

/** The same globs for ESLint's `files` (any folder). */
export function eslintFileGlobs(globs: readonly string[]): string[] {
  return [...new Set(globs)].map((g) => `**/${g}`);
}
