/**
 * The rule factory: typescript-eslint's `ESLintUtils.RuleCreator` in a few lines. Only its types
 * come from `@typescript-eslint/utils`: loading that package at run time pulls in its scope
 * manager (about 400 modules), which doubled ESLint's startup for every user of the plugin.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';
import { ruleDocsUrl } from '../src/core/docs-url';

export interface RedisAuthDocs {
  /** Whether `configs.recommended` turns the rule on. */
  recommended: boolean;
  /** The finding category shared with the config scanner (src/core/finding.ts). */
  category: 'missing-auth' | 'hardcoded-secret' | 'weak-password' | 'transport';
}

type NamedRule<MessageIds extends string, Options extends readonly unknown[], Docs> =
  TSESLint.RuleModule<MessageIds, Options, Docs> & { name: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `second` over `first`, objects merged key by key at every depth; neither is changed. */
function deepMerge(first: Record<string, unknown>, second: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const base = merged[key];
    merged[key] = key in first && isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }
  return merged;
}

/** The user's options over the defaults, position by position (as `ESLintUtils.applyDefault`). */
export function applyDefault<Options extends readonly unknown[]>(defaults: Options, user: readonly unknown[]): Options {
  const options: unknown[] = [...structuredClone(defaults)];
  options.forEach((fallback, i) => {
    const given = user[i];
    if (given === undefined) return;
    options[i] = isPlainObject(given) && isPlainObject(fallback) ? deepMerge(fallback, given) : given;
  });
  return options as unknown as Options;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A `createRule` whose rules link to their page under docs/rules/ and receive merged options. */
export function ruleCreator<Docs>() {
  return function createNamedRule<Options extends readonly unknown[], MessageIds extends string>(
    rule: Readonly<RuleWithMetaAndName<Options, MessageIds, Docs>>,
  ): NamedRule<MessageIds, Options, Docs> {
    const { name, meta, create } = rule;
    const defaultOptions = meta.defaultOptions ?? ([] as unknown as Options);
    // Most files of a run are linted without options: one frozen copy of the defaults serves them
    // all (a clone per file and rule cost ~40 ms of a 2,000-file lint).
    let plain: Options | undefined;
    return {
      name,
      meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
      create: (context) =>
        create(context, context.options.length ? applyDefault(defaultOptions, context.options) : (plain ??= deepFreeze(applyDefault(defaultOptions, [])))),
    };
  };
}

export const createRule = ruleCreator<RedisAuthDocs>();
