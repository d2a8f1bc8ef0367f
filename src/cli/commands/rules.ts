/**
 * `redis-auth rules`: every ESLint rule and scanner check with its category, default severity and
 * docs page, as a table or `--format json`.
 */
import { checkDocsUrl, ruleDocsUrl } from '../../core/docs-url';
import plugin from '../../index';
import { catalog } from '../../engine/catalog';
import { optionsHelp, UsageError, type OptionSpecs } from '../args';
import { paint } from '../color';
import { HUMAN_FORMAT_ALIASES } from '../format';
import { targetsFrom, writeTargets } from '../output';
import { GENERAL_OPTIONS, outputOptions, runCommand } from './common';
import type { CommandIo } from './io';

const FORMATS = ['stylish', 'json'] as const;

export const RULES_OPTIONS: OptionSpecs = { ...outputOptions('stylish (default), json'), ...GENERAL_OPTIONS };

export function rulesUsage(): string {
  return `Usage: redis-auth rules [options]

Lists every ESLint rule (redis-auth/<name>, in eslint.config.*) and every scanner check
(redis-auth scan, drift and configs.configFiles) with its category, default severity and docs page.

Options:
${optionsHelp(RULES_OPTIONS)}`;
}

export interface RuleRow {
  id: string;
  /** `eslint` (JS/TS rule) or `scan` (config check). */
  kind: 'eslint' | 'scan';
  category: string;
  /** In `configs.recommended` for ESLint rules; the check's own severity for scanner checks. */
  defaultSeverity: string;
  description: string;
  docs: string;
}

/** The ESLint rules: this module is loaded only for `redis-auth rules` (main.ts loads commands lazily). */
function eslintRows(): RuleRow[] {
  const level = (config: { rules?: Record<string, unknown> }[], id: string) => {
    const value = config[0]?.rules?.[id];
    return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : 'off';
  };
  const rules = plugin.rules as Record<string, { meta?: { docs?: { description?: string; category?: string } } }>;
  const configs = plugin.configs as unknown as Record<'recommended' | 'strict', { rules?: Record<string, unknown> }[]>;
  return Object.entries(rules).map(([name, rule]) => {
    const id = `redis-auth/${name}`;
    const recommended = level(configs.recommended, id);
    const strict = level(configs.strict, id);
    return {
      id,
      kind: 'eslint' as const,
      category: rule.meta?.docs?.category ?? (name === 'config-files' ? 'all (the scanner checks)' : '-'),
      defaultSeverity: recommended === strict ? recommended : `${recommended} (strict: ${strict})`,
      description: rule.meta?.docs?.description ?? '',
      docs: ruleDocsUrl(name),
    };
  });
}

export function ruleRows(): RuleRow[] {
  const checks = catalog().map((c) => ({
    id: c.id,
    kind: 'scan' as const,
    category: c.category,
    defaultSeverity: c.defaultSeverity,
    description: c.description,
    docs: checkDocsUrl(c.id),
  }));
  return [...eslintRows(), ...checks];
}

function table(rows: readonly RuleRow[], color: boolean): string {
  const p = paint(color);
  const header = ['ID', 'KIND', 'CATEGORY', 'DEFAULT', 'DOCS'];
  const cells = rows.map((r) => [r.id, r.kind, r.category, r.defaultSeverity, r.docs]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return `${[p.bold(line(header)), ...cells.map(line)].join('\n')}\n`;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  return runCommand('rules', argv, io, { options: RULES_OPTIONS, usage: rulesUsage }, (context) => {
    if (context.parsed.positionals.length) throw new UsageError(`unexpected argument '${context.parsed.positionals[0]}'`);
    const targets = targetsFrom(context.parsed, FORMATS, HUMAN_FORMAT_ALIASES, 'stylish');
    const rows = ruleRows();
    const render = (format: (typeof FORMATS)[number], terminal: boolean) =>
      format === 'json' ? `${JSON.stringify({ rules: rows }, null, 2)}\n` : table(rows, terminal && context.color);
    writeTargets('rules', targets, render, io, `${rows.length} rules`);
    return 0;
  });
}
