import type { Diagnostic, Finding } from '../../src/finding';
import type { ServerFact } from '../../src/facts';
import type { Environment } from '../../src/environment';
import { emptyResult, type ScanContext, type Scanner } from '../types';

/** Options for analysing redis.conf text that lives on disk or inside another file. */
export interface ConfAnalysisOptions {
  /** File the findings point into (the conf itself, or the YAML that embeds it). */
  file: string;
  /** 0-based line of the embedding file where the conf text starts (0 for a file on its own). */
  lineOffset?: number;
  /** Columns to add to every position (the indentation of a YAML block scalar). */
  columnOffset?: number;
  /** Lets `include` and `aclfile` be followed inside the repository; absent for embedded text. */
  ctx?: ScanContext;
  /** Command-line arguments after the conf path (`--requirepass x --port 6380`); they win. */
  args?: string[];
  /**
   * True when there is no conf file at all (`redis-server` with only arguments): compiled-in
   * defaults apply (bind all interfaces).
   */
  noConfFile?: boolean;
  /** protected-mode default: the official/valkey/keydb images patch it to off. */
  protectedModeDefault?: boolean;
  subject?: string;
  label?: string;
  environment?: Environment;
  product?: ServerFact['product'];
}

export interface ConfAnalysis {
  fact: ServerFact;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** Stub until the conf scanner lands. */
export function analyzeConf(_text: string, options: ConfAnalysisOptions): ConfAnalysis {
  const at = { file: options.file, line: (options.lineOffset ?? 0) + 1, column: 1 };
  return {
    fact: {
      kind: 'server',
      subject: options.subject ?? `conf:${options.file}`,
      label: options.label ?? options.file,
      file: options.file,
      environment: options.environment,
      source: 'conf',
      product: options.product ?? 'redis',
      auth: 'unknown',
      authAt: at,
      credentials: [],
      tls: 'unknown',
      exposure: 'unknown',
    },
    findings: [],
    diagnostics: [],
  };
}

/** Stubs until the conf scanner lands: detect nothing. */
export const redisConfScanner: Scanner = { kind: 'redis-conf', checks: [], detect: () => false, scan: () => emptyResult() };
export const aclScanner: Scanner = { kind: 'acl', checks: [], detect: () => false, scan: () => emptyResult() };
export const sentinelScanner: Scanner = { kind: 'sentinel', checks: [], detect: () => false, scan: () => emptyResult() };
