/** Output formats by name. Formatters know nothing about file kinds. */
import type { ScanOutcome } from '../../engine/run';
import type { CheckMeta } from '../../engine/kit/contract';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish, type StylishOptions } from './stylish';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Older names of the human format, kept working: every command calls it `stylish` now. */
export const HUMAN_FORMAT_ALIASES = { table: 'stylish', human: 'stylish' } as const;

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export interface FormatOptions extends StylishOptions {
  /** The check catalogue, for SARIF rules. */
  checks: readonly CheckMeta[];
}

export function formatOutcome(format: FormatName, outcome: ScanOutcome, options: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(outcome);
    case 'sarif':
      return formatSarif(outcome, options.checks);
    case 'github':
      return formatGithub(outcome);
    case 'gitlab':
      return formatGitlab(outcome);
    case 'stylish':
    default:
      return formatStylish(outcome, options);
  }
}

export { summarize, type ScanSummary } from './summary';
