/**
 * The matrix as ONE self-contained HTML page: inline CSS, no scripts, no external resources (a
 * Content-Security-Policy forbids any fetch), cells coloured by strength, weaker settings marked,
 * a legend and the findings. Every text is escaped; the matrix holds no secret values.
 */
import { checkDocsUrl } from '../core/docs-url';
import type { Finding } from '../core/finding';
import { DIMENSION_LABEL, GRADE_TEXT, type Grade } from './posture';
import { short } from './messages';
import { dimensionsOf, type DriftMatrix, type MatrixRow } from './matrix';
import { driftSummary, drifts } from './summary';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
/* An orange-to-purple scale (ColorBrewer PuOr) with a step in lightness between grades: the five
   backgrounds stay apart under protanopia, deuteranopia and tritanopia (test/scanners/drift). The
   grade is also written in every cell, and open cells are hatched. */
:root { --open:#8c2d04; --open-bg:#f4a261; --weak:#8c2d04; --weak-bg:#fddbb4; --fair:#3f007d; --fair-bg:#dadaeb;
  --strong:#2d004b; --strong-bg:#9e9ac8; --unknown:#475569; --unknown-bg:#ffffff; --ink:#1f2937; --line:#9ca3af; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 24px; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
.summary { margin: 0 0 16px; color: #4b5563; }
table { border-collapse: collapse; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 8px 10px; vertical-align: top; text-align: left; }
table.matrix thead th { background: #f9fafb; font-weight: 600; }
table.matrix thead th .ref { display: block; font-weight: 400; font-size: 12px; color: #6b7280; }
th[scope=row] .label { font-weight: 600; }
th[scope=row] .subject, .files { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; color: #6b7280; word-break: break-all; }
th[scope=row] { min-width: 200px; max-width: 300px; font-weight: 400; }
td.cell { min-width: 170px; }
td.grade-open { background: repeating-linear-gradient(135deg, var(--open-bg), var(--open-bg) 8px, #f7b98a 8px, #f7b98a 12px); }
td.grade-weak { background: var(--weak-bg); }
td.grade-fair { background: var(--fair-bg); }
td.grade-strong { background: var(--strong-bg); }
td.grade-unknown { background: var(--unknown-bg); border-style: dashed; }
header .meta { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0 0 8px; color: #4b5563; font-size: 13px; }
header .meta dt { font-weight: 600; } header .meta dd { margin: 0 0 0 4px; }
header .meta div { display: flex; }
.views { margin: 0 0 12px; font-size: 13px; }
.views a { margin-right: 14px; }
#drift-only:target tbody tr[data-drift="false"] { display: none; }
#drift-only:target .view-note::after { content: " Showing only the Redis that drift."; font-weight: 600; }
a { color: #1d4ed8; }
td.missing { background: repeating-linear-gradient(45deg, #fafafa, #fafafa 6px, #f3f4f6 6px, #f3f4f6 12px); color: #9ca3af; }
td.weaker { outline: 3px solid var(--open); outline-offset: -3px; }
.grade { font-weight: 700; text-transform: uppercase; font-size: 12px; letter-spacing: .04em; }
.grade-open .grade { color: var(--open); } .grade-weak .grade { color: var(--weak); } .grade-fair .grade { color: var(--fair); }
.grade-strong .grade { color: var(--strong); } .grade-unknown .grade { color: var(--unknown); }
ul.settings { list-style: none; margin: 6px 0; padding: 0; }
ul.settings li { display: flex; gap: 6px; align-items: baseline; padding: 1px 0; }
.dim { color: #6b7280; min-width: 92px; font-size: 12px; }
.val { font-weight: 600; white-space: nowrap; }
.tone-bad .val { color: var(--open); } .tone-fair .val { color: var(--fair); } .tone-good .val { color: var(--strong); }
.tone-unknown .val, .tone-na .val { color: #6b7280; font-weight: 400; }
.mark { background: var(--open); color: #fff; border-radius: 3px; padding: 0 5px; font-size: 11px; font-weight: 600; white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 12px 0 0; padding: 0; list-style: none; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 16px; height: 16px; border: 1px solid var(--line); border-radius: 3px; }
table.findings td, table.findings th { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
.sev-error { color: var(--open); font-weight: 700; } .sev-warning { color: var(--weak); font-weight: 700; }
table.findings code { white-space: nowrap; }
code, .loc { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
`;

const GRADE_ORDER: Grade[] = ['open', 'weak', 'fair', 'strong', 'unknown'];


function renderCell(row: MatrixRow, env: string): string {
  const cell = row.cells[env];
  if (!cell) return `<td class="cell missing" data-environment="${escapeHtml(env)}" data-grade="none">no file</td>`;
  const weaker = cell.weaker.length > 0;
  const items = dimensionsOf(row).map((d) => {
    const s = cell.settings[d];
    const where = s.at ? `${s.at.file}:${s.at.line}` : '';
    const mark = s.weakerThan
      ? ` <span class="mark" title="weaker than ${escapeHtml(s.weakerThan)}">&#9660; weaker than ${escapeHtml(s.weakerThan)}</span>`
      : '';
    return (
      `<li class="tone-${s.tone}${s.weakerThan ? ' is-weaker' : ''}" data-dimension="${d}"${where ? ` title="${escapeHtml(where)}"` : ''}>` +
      `<span class="dim">${escapeHtml(DIMENSION_LABEL[d])}</span> <span class="val">${escapeHtml(short(d, s.value))}</span>${mark}</li>`
    );
  });
  return (
    `<td class="cell grade-${cell.grade}${weaker ? ' weaker' : ''}" data-environment="${escapeHtml(env)}" data-grade="${cell.grade}" data-weaker="${weaker}">` +
    `<div class="grade">${cell.grade}</div><ul class="settings">${items.join('')}</ul>` +
    `<div class="files">${cell.files.map(escapeHtml).join('<br>')}</div></td>`
  );
}

function renderMatrix(matrix: DriftMatrix): string {
  if (matrix.rows.length === 0) return '<p class="empty">No Redis with environment-specific configuration found: nothing to compare.</p>';
  const head = matrix.environments
    .map((e) => `<th scope="col" data-environment="${escapeHtml(e)}">${escapeHtml(e)}${matrix.production.includes(e) ? '<span class="ref">reference</span>' : ''}</th>`)
    .join('');
  const body = matrix.rows
    .map(
      (row) =>
        `<tr data-subject="${escapeHtml(row.subject)}" data-drift="${drifts(row)}"><th scope="row"><div class="label">${escapeHtml(row.label)}</div>` +
        `<div class="subject">${escapeHtml(row.subject)}</div>` +
        (row.baseFiles.length ? `<div class="files">base: ${row.baseFiles.map(escapeHtml).join(', ')}</div>` : '') +
        `</th>${matrix.environments.map((e) => renderCell(row, e)).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="matrix" id="matrix"><thead><tr><th scope="col">Redis</th>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function renderLegend(): string {
  const grades = GRADE_ORDER.map(
    (g) => `<li><span class="swatch" style="background: var(--${g}-bg)"></span>${escapeHtml(GRADE_TEXT[g])}</li>`,
  ).join('');
  return (
    `<ul class="legend" id="legend">${grades}` +
    `<li><span class="mark">&#9660; weaker than prod</span> this setting is weaker than the named environment (outlined cell)</li>` +
    `<li><span class="swatch missing-swatch" style="background: #f3f4f6"></span>no file for this environment</li></ul>`
  );
}

function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<h2>Findings</h2><p id="findings">No drift findings.</p>';
  const rows = findings
    .map(
      (f) =>
        `<tr><td class="sev-${f.severity}">${f.severity}</td><td class="loc">${escapeHtml(`${f.file}:${f.line}`)}</td>` +
        `<td>${escapeHtml(f.message)}</td><td><a href="${escapeHtml(checkDocsUrl(f.ruleId))}"><code>${escapeHtml(f.ruleId)}</code></a></td></tr>`,
    )
    .join('\n');
  return `<h2>Findings</h2><table class="findings" id="findings"><thead><tr><th>Severity</th><th>Where</th><th>Message</th><th>Rule</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** What each subject prefix was read from (the scanners' `<kind>:` subjects). */
const SOURCE_KINDS: Record<string, string> = {
  compose: 'Compose files and their overrides',
  dotenv: '.env layers',
  conf: 'redis.conf and sentinel.conf',
  acl: 'ACL files',
  k8s: 'Kubernetes manifests and Kustomize overlays',
  helm: 'Helm values (charts, helmfile, Argo CD, Flux, Terraform)',
  'app-config': 'Application config',
};

/**
 * Every file the matrix was computed from, by the kind of source that read it: the environments'
 * own files, the base files under them and the files where a compared setting is written (an Argo
 * CD Application's values files).
 */
function renderSources(matrix: DriftMatrix): string {
  const byKind = new Map<string, Set<string>>();
  const add = (subject: string, files: Iterable<string>) => {
    const kind = subject.slice(0, Math.max(0, subject.indexOf(':')));
    let set = byKind.get(kind);
    if (!set) byKind.set(kind, (set = new Set()));
    for (const f of files) set.add(f);
  };
  for (const row of matrix.rows) {
    add(row.subject, row.baseFiles);
    for (const cell of Object.values(row.cells)) {
      if (!cell) continue;
      add(row.subject, cell.files);
      add(row.subject, Object.values(cell.settings).flatMap((setting) => (setting.at ? [setting.at.file] : [])));
    }
  }
  for (const b of matrix.baseOnly) add(b.subject, b.files);
  if (byKind.size === 0) return '';
  const items = [...byKind]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, files]) => `<li><strong>${escapeHtml(SOURCE_KINDS[kind] ?? kind)}</strong>: <span class="files">${[...files].sort().map(escapeHtml).join(', ')}</span></li>`)
    .join('');
  return `<h2>Sources read</h2><ul class="sources" id="sources">${items}</ul>`;
}

/** What the page's header says the report is about. */
export interface PageInfo {
  repository?: string;
  commit?: string;
  /** ISO 8601. */
  date?: string;
  version?: string;
}

/** Repository, commit, date and tool version, as given; missing ones are left out. */
function renderMeta(page: PageInfo): string {
  const items: [string, string][] = [];
  if (page.repository) items.push(['Repository', escapeHtml(page.repository)]);
  if (page.commit) items.push(['Commit', `<code>${escapeHtml(page.commit)}</code>`]);
  if (page.date) items.push(['Generated', `<time datetime="${escapeHtml(page.date)}">${escapeHtml(page.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time>`]);
  if (page.version) items.push(['redis-auth', escapeHtml(page.version)]);
  if (items.length === 0) return '';
  return `<dl class="meta" id="meta">${items.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

export function formatHtml(matrix: DriftMatrix, findings: readonly Finding[], page: PageInfo = {}): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const { drifting, compared, text } = driftSummary(matrix);
  const summary =
    `<strong>${escapeHtml(text)}</strong> across ${matrix.environments.length} environment${matrix.environments.length === 1 ? '' : 's'}` +
    (matrix.production.length ? `; reference: ${escapeHtml(matrix.production.join(', '))}` : '; no production environment found') +
    `; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  // No script (the CSP forbids it): the drift-only view is the #drift-only fragment, applied by CSS :target.
  const views = compared
    ? `<nav class="views" id="views"><a href="#drift-only">Only the Redis that drift (${drifting})</a><a href="#all">All Redis (${compared})</a><span class="view-note"></span></nav>`
    : '';
  const baseOnly = matrix.baseOnly.length
    ? `<h2>Not compared</h2><p>Only base files, no environment: ${matrix.baseOnly.map((b) => escapeHtml(`${b.label} (${b.files.join(', ')})`)).join('; ')}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Redis authentication drift${page.repository ? ` in ${escapeHtml(page.repository)}` : ''}</title>
<style>${CSS}</style>
</head>
<body id="all">
<header>
<h1>Redis authentication drift</h1>
${renderMeta(page)}
<p class="summary" id="summary">${summary}</p>
</header>
<section id="drift-only">
${views}
${renderMatrix(matrix)}
</section>
${renderLegend()}
${renderFindings(findings)}
${baseOnly}
${renderSources(matrix)}
</body>
</html>
`;
}
