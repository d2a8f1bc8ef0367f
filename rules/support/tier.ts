/** The context tier (src/core/tiers.ts) of the file a rule is linting, with the settings' overrides. */
import { relative, isAbsolute } from 'node:path';
import { tierOf, isRelaxedTier, type Tier, type TierOptions } from '../../src/core/tiers';
import type { TSESLint } from '@typescript-eslint/utils';

type Ctx = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Path relative to the working directory when the file is inside it; tiers read folder names. */
function projectPath(filename: string, cwd: string): string {
  if (!isAbsolute(filename)) return filename;
  const rel = relative(cwd, filename);
  // Outside the project (or on another drive): only the file name can be judged safely, since the
  // folders above the project (`/home/me/test/app`) say nothing about the file.
  return rel.startsWith('..') || isAbsolute(rel) ? filename.split(/[\\/]/).pop() ?? filename : rel;
}

/** The tier of `filename` (absolute or relative to `cwd`) with the user's patterns, if any. */
export function tierOfFile(filename: string, cwd: string, tiers: TierOptions['patterns'] | undefined): Tier {
  return tierOf(projectPath(filename, cwd), tiers ? { patterns: tiers } : {});
}

export function fileTier(context: Ctx, tiers: TierOptions['patterns'] | undefined): Tier {
  return tierOfFile(context.filename, context.cwd, tiers);
}

/** Test, example and CI-fixture files: only a real-looking secret is reported there. */
export function inRelaxedTier(context: Ctx, tiers: TierOptions['patterns'] | undefined): boolean {
  return isRelaxedTier(fileTier(context, tiers));
}
