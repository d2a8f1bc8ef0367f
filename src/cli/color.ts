/**
 * Colour on a terminal, the way ESLint and most CLIs decide it: `--color`/`--no-color` first, then
 * `NO_COLOR` (any non-empty value: off), then `FORCE_COLOR` (`0`/`false`: off, else on), then
 * whether the stream is a TTY (and TERM is not `dumb`). Files never get colour.
 */

export interface ColorEnv {
  flag?: boolean;
  env: Record<string, string | undefined>;
  isTTY?: boolean;
}

export function useColor({ flag, env, isTTY }: ColorEnv): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  return !!isTTY && env.TERM !== 'dumb';
}

export interface Paint {
  red: (text: string) => string;
  yellow: (text: string) => string;
  blue: (text: string) => string;
  green: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
  underline: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const COLORS: Paint = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  green: sgr(32, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  underline: sgr(4, 24),
};

const same = (text: string) => text;
export const PLAIN: Paint = { red: same, yellow: same, blue: same, green: same, dim: same, bold: same, underline: same };

export function paint(enabled: boolean): Paint {
  return enabled ? COLORS : PLAIN;
}
