/**
 * dotenv file roles and layering (the dotenv-flow / Vite / Next.js convention): `.env` <
 * `.env.local` < `.env.<mode>` < `.env.<mode>.local`, later wins. Templates (`.env.example`,
 * `.env.sample`, `.env.template`, `.env.dist`, also `.env.production.example`) configure nothing.
 */
import { matchesFileName } from '../../src/engine/kit/file-names';

const TEMPLATE_WORDS = /(^|[._-])(example|examples|sample|samples|template|tpl|dist|defaults?|skeleton|schema|in)$/i;

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

/** `.env`, `.env.production`, `production.env`. */
export const DOTENV_FILE_NAMES: readonly string[] = ['.env', '.env.*', '*.env'];

export function isDotenvName(path: string): boolean {
  return matchesFileName(path, DOTENV_FILE_NAMES);
}

export function isTemplate(path: string): boolean {
  const name = baseName(path).replace(/\.env$/i, '');
  return TEMPLATE_WORDS.test(name);
}

/** The mode of `.env.<mode>` / `.env.<mode>.local`; '' for `.env` and `.env.local`; undefined otherwise. */
export function modeOf(path: string): { mode: string; local: boolean } | undefined {
  const name = baseName(path);
  if (/^\.env\.local$/i.test(name)) return { mode: '', local: true };
  const m = /^\.env(?:\.(.+?))?(\.local)?$/i.exec(name);
  if (!m) return undefined;
  if (m[1] === undefined) return { mode: '', local: m[2] !== undefined };
  return { mode: m[1], local: m[2] !== undefined };
}

export interface Layering {
  /** Files merged in order, lowest precedence first. */
  layers: string[];
  /** The layering's own file (what a fact names). */
  file: string;
}

/**
 * The layerings of one folder's dotenv files: `.env` alone, and one per mode. Templates and
 * non-`.env.*` names (`app.env`) stand alone.
 */
export function layeringsOf(paths: readonly string[]): Layering[] {
  const byName = new Map(paths.map((p) => [baseName(p), p]));
  const out: Layering[] = [];
  const modes = new Set<string>();
  for (const p of paths) {
    if (isTemplate(p)) continue;
    const m = modeOf(p);
    if (!m) {
      out.push({ layers: [p], file: p });
      continue;
    }
    if (m.mode) modes.add(m.mode);
  }
  const base = byName.get('.env');
  const local = byName.get('.env.local');
  if (base) out.push({ layers: [base], file: base });
  const has = (n: string) => byName.get(n);
  let devCovered = false;
  for (const mode of [...modes].sort()) {
    const own = has(`.env.${mode}`);
    const ownLocal = has(`.env.${mode}.local`);
    const layers = [base, mode === 'test' ? undefined : local, own, ownLocal].filter((x): x is string => x !== undefined);
    out.push({ layers, file: own ?? ownLocal! });
    if (/^(dev|devel|develop|development|local)$/i.test(mode)) devCovered = true;
  }
  if (local && !devCovered) out.push({ layers: [base, local].filter((x): x is string => x !== undefined), file: local });
  return out;
}
