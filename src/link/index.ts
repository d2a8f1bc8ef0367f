/**
 * Code to deployment: links the Redis connections the code opens to the deployment units that run
 * that code, per environment, and judges what each environment gives them.
 *
 * Dependencies: core and engine/kit only (like drift), so the engine runs it inside a scan and the
 * ESLint rule reuses it. Reading code is the rules' job (rules/support/read-source.ts), which the CLI hands
 * to the engine; nothing here parses JavaScript.
 */
import type { CodeConnectionFact, RedisFact } from '../core/facts';
import type { Finding, RelatedLocation } from '../core/finding';
import { checkDocsUrl } from '../core/docs-url';
import { judge, type Judgement } from './judge';
import { linkConnections, type DeploymentSide, type LinkedConnection } from './model';
import { onePerCause } from './one-per-cause';

export { linkChecks, LINK_CHECKS } from './checks';
export { readPackages, packageOf, type AppPackage, type ApplicationConfig } from './packages';
export { linkConnections, type DeploymentSide, type LinkedConnection } from './model';
export { judge, type Judgement } from './judge';
export { foldClientFindings } from './fold';
export { connectionRows, formatConnectionTable, type ConnectionRow } from './rows';

/** The reads in other files of the package (a caller passes the variable): where the value comes from. */
function readsElsewhere(j: Judgement): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const i of j.connection.inputs) {
    if (i.file === undefined || out.some((r) => r.file === i.file && r.line === i.line && r.column === i.column)) continue;
    out.push({ file: i.file, line: i.line, column: i.column, message: `\`${i.name}\` reaches \`${j.connection.code.label}\` from here` });
  }
  return out;
}

export function judgementFinding(j: Judgement): Finding {
  const c = j.connection.code;
  const related = [...j.related, ...readsElsewhere(j)];
  return {
    ruleId: j.check.id,
    category: j.check.category,
    severity: j.severity,
    file: c.file,
    line: c.line,
    column: c.column,
    ...(c.endLine !== undefined ? { endLine: c.endLine, endColumn: c.endColumn } : {}),
    message: j.message,
    helpUri: checkDocsUrl(j.check.id),
    anchor: `${c.label}@${[...new Set(j.connection.inputs.map((i) => i.name))].join(',')}`,
    ...(related.length ? { related } : {}),
    ...(j.subject ? { subject: j.subject } : {}),
    ...(j.tierHint ? { tierHint: j.tierHint, tierHintWhy: 'only dev and test environments give the connection this value' } : {}),
    ...(j.secretLooksReal ? { secretLooksReal: true } : {}),
  };
}

export interface LinkResult {
  linked: LinkedConnection[];
  findings: Finding[];
}

export function checkLinks(code: readonly CodeConnectionFact[], side: DeploymentSide): LinkResult {
  const linked = linkConnections(code, side);
  const servers: readonly RedisFact[] = side.servers;
  const findings = onePerCause(linked.flatMap((c) => judge(c, servers))).map(judgementFinding);
  return { linked, findings };
}
