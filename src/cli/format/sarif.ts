/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. Rules come from the check
 * catalogue (plus any id a finding uses that the catalogue lacks), results point at repository-
 * relative URIs under %SRCROOT%, inline suppressions become SARIF `suppressions`, and file
 * problems become tool execution notifications.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { absoluteDocLinks, checkDocsUrl } from '../../core/docs-url';
import type { Category, Diagnostic, Finding, Severity } from '../../core/finding';
import type { ScanOutcome } from '../../engine/run';
import type { CheckMeta } from '../../engine/kit/contract';
import { INFORMATION_URI, packageInfo, TOOL_NAME } from './tool';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub ranks security alerts by this property (CVSS-like, 0.0-10.0). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', note: '2.0' };

const CATEGORY_TITLE: Record<Category, string> = {
  'missing-auth': 'Missing authentication',
  'hardcoded-secret': 'Hard-coded secret',
  'weak-password': 'Weak password',
  exposure: 'Network exposure',
  transport: 'Unencrypted transport',
  drift: 'Drift between environments',
};

/** Percent-encodes each path segment; keeps the slashes. */
export function toUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Stable across line moves when the scanner gives an anchor; never contains the secret. */
function fingerprint(f: Finding): string {
  const where = f.anchor ?? `${f.line}:${f.column}`;
  return createHash('sha256').update(`${f.ruleId}\u0000${f.file}\u0000${where}`).digest('hex').slice(0, 32);
}

/** The check's page from the shipped docs, when it exists, as SARIF `help.markdown` (links made absolute). */
function helpMarkdown(id: string): string | undefined {
  const file = join(packageInfo().dir, 'docs', 'checks', `${id}.md`);
  if (!existsSync(file)) return undefined;
  try {
    const text = absoluteDocLinks(readFileSync(file, 'utf8'), checkDocsUrl(id));
    return text.length > 20_000 ? `${text.slice(0, 20_000)}\n\n…` : text;
  } catch {
    return undefined;
  }
}

function rule(check: CheckMeta) {
  const helpUri = checkDocsUrl(check.id);
  const markdown = helpMarkdown(check.id);
  const helpText = `${check.description} (${CATEGORY_TITLE[check.category] ?? check.category}.) See ${helpUri}`;
  return {
    id: check.id,
    name: check.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: check.description },
    fullDescription: { text: `${check.description} Category: ${check.category}.` },
    help: markdown ? { text: helpText, markdown } : { text: helpText },
    helpUri,
    defaultConfiguration: { level: check.defaultSeverity },
    properties: {
      category: check.category,
      tags: ['security', 'redis', check.category],
      precision: 'high',
      'problem.severity': check.defaultSeverity === 'note' ? 'recommendation' : check.defaultSeverity,
      'security-severity': SECURITY_SEVERITY[check.defaultSeverity],
    },
  };
}

function region(f: { line: number; column: number; endLine?: number; endColumn?: number }) {
  const r: Record<string, number> = { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) };
  if (f.endLine !== undefined && f.endLine >= r.startLine) {
    r.endLine = f.endLine;
    if (f.endColumn !== undefined && (f.endLine > r.startLine || f.endColumn > r.startColumn)) r.endColumn = f.endColumn;
  }
  return r;
}

function location(file: string, reg?: Record<string, number>) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' },
      ...(reg ? { region: reg } : {}),
    },
  };
}

function notification(d: Diagnostic) {
  return {
    level: 'warning',
    message: { text: d.message },
    locations: [location(d.file, d.line ? region({ line: d.line, column: d.column ?? 1 }) : undefined)],
  };
}

export function formatSarif(outcome: ScanOutcome, checks: readonly CheckMeta[]): string {
  const rules: ReturnType<typeof rule>[] = [];
  const index = new Map<string, number>();
  const add = (check: CheckMeta) => {
    if (index.has(check.id)) return;
    index.set(check.id, rules.length);
    rules.push(rule(check));
  };
  for (const check of checks) add(check);
  // A finding whose id is missing from the catalogue still needs a rule for ruleIndex.
  for (const f of [...outcome.findings, ...outcome.suppressed.map((s) => s.finding)]) {
    if (!index.has(f.ruleId)) add({ id: f.ruleId, category: f.category, defaultSeverity: f.severity, description: f.ruleId });
  }

  const result = (f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: f.severity,
    message: { text: f.message },
    locations: [location(f.file, region(f))],
    ...(f.related?.length
      ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.file, region(r)), ...(r.message ? { message: { text: r.message } } : {}) })) }
      : {}),
    partialFingerprints: { 'redisAuthFinding/v1': fingerprint(f) },
    properties: { category: f.category, tags: ['security', f.category] },
  });

  const results = [
    ...outcome.findings.map(result),
    ...outcome.suppressed.map((s) => ({
      ...result(s.finding),
      suppressions: [{ kind: 'inSource', state: 'accepted', justification: s.reason || 'no reason given' }],
    })),
  ];

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: packageInfo().version,
            semanticVersion: packageInfo().version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: outcome.diagnostics.map(notification),
          },
        ],
        results,
        columnKind: 'unicodeCodePoints',
        properties: { filesScanned: outcome.filesScanned },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
