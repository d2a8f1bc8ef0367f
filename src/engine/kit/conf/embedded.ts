/**
 * redis.conf text that lives inside YAML (a chart's `commonConfiguration`, redis-ha's `redis.config`
 * map, a ConfigMap's `redis.conf`), analysed by the conf scanner with findings placed on the
 * YAML file's own lines.
 */
import type { Finding } from '../../../core/finding';
import { analyzeConf, type ConfAnalysis, type ConfAnalysisOptions } from './analyze';
import { textOf, type PMap, type PNode, type PScalar } from '../yaml-tree';

export type EmbeddedOptions = Omit<ConfAnalysisOptions, 'file' | 'lineOffset' | 'columnOffset' | 'ctx'>;

export interface EmbeddedResult {
  analysis: ConfAnalysis;
  /** The conf scanner's findings, on lines of the embedding file. */
  findings: Finding[];
}

/** Analyses a string or a `directive: value` map as redis.conf; undefined when it is neither. */
export function analyzeEmbedded(node: PNode | undefined, options: EmbeddedOptions): EmbeddedResult | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') return fromScalar(node, options);
  if (node.kind === 'map' && node.entries.size > 0) return fromMap(node, options);
  return undefined;
}

/**
 * redis-ha writes `requirepass replace-default-auth` and its init script swaps in the password
 * from the Secret: a placeholder, not a committed password. Shown to the conf analysis as a
 * template reference.
 */
function withRuntimePlaceholders(text: string): string {
  return text.replace(/(^|\s)replace-default-auth(?=\s|$)/gm, '$1{{.auth}}');
}

function fromScalar(node: PScalar, options: EmbeddedOptions): EmbeddedResult {
  const text = withRuntimePlaceholders(String(node.value));
  const placement = node.placement;
  if (placement?.exact) {
    const analysis = analyzeConf(text, {
      ...options,
      file: node.at.file,
      lineOffset: placement.lineOffset,
      columnOffset: placement.columnOffset,
    });
    // Findings about command-line arguments or "line 1" of a missing file fall outside the text.
    const first = placement.lineOffset + 1;
    const findings = analysis.findings.filter((f) => f.line >= first && f.line <= placement.endLine);
    return { analysis, findings };
  }
  // Quoted or folded text: lines inside it are not lines of the file, so point at the value.
  const analysis = analyzeConf(text, { ...options, file: node.at.file, lineOffset: 0, columnOffset: 0 });
  const lineCount = text.split('\n').length;
  const findings = analysis.findings
    .filter((f) => f.line >= 1 && f.line <= lineCount)
    .map((f) => ({ ...f, line: node.at.line, column: node.at.column, endLine: undefined, endColumn: undefined }));
  return { analysis, findings: findings.map(stripUndefined) };
}

/** redis-ha renders its `redis.config` map as `key value` lines. */
function fromMap(node: PMap, options: EmbeddedOptions): EmbeddedResult {
  const lines: string[] = [];
  const keyAt: { line: number; column: number }[] = [];
  for (const entry of node.entries.values()) {
    const values = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
    for (const v of values) {
      const text = v.kind === 'scalar' ? textOf(v) : undefined;
      if (text === undefined) continue;
      lines.push(`${entry.key} ${text}`);
      keyAt.push({ line: entry.keyAt.line, column: entry.keyAt.column });
    }
  }
  const analysis = analyzeConf(lines.join('\n'), { ...options, file: node.at.file, lineOffset: 0, columnOffset: 0 });
  const findings = analysis.findings
    .filter((f) => f.line >= 1 && f.line <= lines.length)
    .map((f) => {
      const at = keyAt[f.line - 1];
      return stripUndefined({ ...f, line: at.line, column: at.column + Math.max(0, f.column - 1), endLine: undefined, endColumn: undefined });
    });
  return { analysis, findings };
}

function stripUndefined(f: Finding): Finding {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as unknown as Finding;
}
