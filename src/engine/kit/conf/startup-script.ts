/**
 * A sentinel.conf that a script completes before Sentinel starts. Sentinel rewrites its conf, so
 * deployments keep a template in the repository and add the secrets at startup:
 * `echo "sentinel auth-pass mymaster $REDIS_PASSWORD" >> /etc/redis/sentinel.conf`,
 * `sed -i "s/^# requirepass/requirepass $PW/" sentinel.conf`, a heredoc appended with `cat >>`.
 * The committed file then lacks what the running Sentinel has; judging it alone is a false alarm.
 *
 * Evidence, read from the scripts beside the conf (its folder and the one above): a line that
 * writes to a file (`>>`, `>`, `tee`, `sed`) in a script that names the conf, and the directive
 * text in that script.
 */
import { posix } from 'node:path';
import type { SourceRef } from '../../../core/facts';
import type { ScanContext } from '../contract';
import type { ConfAnalysis, ConfAnalysisOptions } from './types';
import { listDir } from '../list-dir';

/** What startup scripts add to a sentinel.conf; `at` is where the script writes it. */
export interface StartupAdditions {
  authPass?: SourceRef;
  requirepass?: SourceRef;
}

const SCRIPT_NAME = /(\.(sh|bash|ash)$|^(docker-)?entrypoint[\w.-]*$|^(init|start|run|setup|launch)[\w.-]*$|^Dockerfile[\w.-]*$)/i;
/** At most this many scripts are read per folder: a folder of hundreds is not a startup folder. */
const MAX_SCRIPTS = 40;
/** A command that writes a file. */
const WRITES = /(>>|(^|[^>&2-])>\s*["']?[\w./$-]|\btee\b|\bsed\b[^|]*\s-i|\bsed\s+-i|\bcat\s*<<|\bprintf\b.*>|\benvsubst\b)/;

function scriptsNear(confPath: string, ctx: ScanContext): string[] {
  const dir = posix.dirname(confPath);
  const dirs = dir === '.' ? ['.'] : [dir, posix.dirname(dir)];
  const out: string[] = [];
  for (const d of dirs) {
    const scripts = listDir(ctx.root, d).filter((p) => SCRIPT_NAME.test(posix.basename(p)));
    out.push(...scripts.slice(0, MAX_SCRIPTS));
  }
  return out;
}

/** A line that writes its text into a file (`echo … >>`, `sed -i`, `tee`), or a heredoc body line. */
const WRITE_LINE = /\b(echo|printf|sed|tee)\b|>>/;
const HEREDOC = /<<-?\s*['"]?\w+/;

/**
 * Where `text` writes `directive` into a file: on a line that writes (`echo "sentinel auth-pass …"
 * >> …`, `sed -i "s/…/requirepass …/"`), or as a line of a heredoc. `--requirepass` on a command
 * line is a server's option, not a conf line.
 */
function lineOf(text: string, directive: RegExp, file: string): SourceRef | undefined {
  const lines = text.split('\n');
  const heredoc = HEREDOC.test(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#')) continue;
    const m = directive.exec(line);
    if (!m || line.slice(Math.max(0, m.index - 2), m.index) === '--') continue;
    if (WRITE_LINE.test(line) || (heredoc && m.index === line.length - trimmed.length)) return { file, line: i + 1, column: m.index + 1 };
  }
  return undefined;
}

export function startupAdditions(confPath: string, ctx: ScanContext | undefined): StartupAdditions {
  if (!ctx) return {};
  const base = posix.basename(confPath).toLowerCase();
  const out: StartupAdditions = {};
  for (const path of scriptsNear(confPath, ctx)) {
    if (path === confPath) continue;
    const file = ctx.readFile(path);
    if (!file) continue;
    const lower = file.text.toLowerCase();
    // The script must handle this conf (by name, or a Sentinel it starts) and write files.
    if (!lower.includes(base) && !/redis-sentinel|valkey-sentinel|--sentinel/.test(lower)) continue;
    if (!WRITES.test(file.text)) continue;
    out.authPass ??= lineOf(file.text, /\bsentinel\s+auth-pass\b|\bauth-pass\b/i, file.path);
    out.requirepass ??= lineOf(file.text, /\brequirepass\b/i, file.path);
    if (out.authPass && out.requirepass) break;
  }
  return out;
}

const OPEN_SENTINEL = new Set(['sentinel-no-auth', 'sentinel-protected-mode-off']);

/**
 * A sentinel.conf file of its own whose scripts add `sentinel auth-pass` or `requirepass` at
 * startup: the monitor and no-auth findings of the committed text give way, and a Sentinel whose
 * password a script writes has an auth no scan can see (`unknown`, not `none`).
 */
export function withStartupAdditions(analysis: ConfAnalysis, options: ConfAnalysisOptions): ConfAnalysis {
  if (!options.sentinel || options.noConfFile || options.lineOffset || !options.ctx) return analysis;
  const adds = startupAdditions(options.file, options.ctx);
  if (!adds.authPass && !adds.requirepass) return analysis;
  const findings = analysis.findings.filter(
    (f) => !(adds.authPass && f.ruleId === 'sentinel-monitor-no-auth-pass') && !(adds.requirepass && OPEN_SENTINEL.has(f.ruleId)),
  );
  if (!adds.requirepass || analysis.fact.auth !== 'none') return { ...analysis, findings };
  const reason = `a startup script writes \`requirepass\` into it (${adds.requirepass.file}:${adds.requirepass.line})`;
  return {
    ...analysis,
    findings,
    fact: { ...analysis.fact, auth: 'unknown' },
    auth: analysis.auth ? { ...analysis.auth, verdict: 'unknown', reason } : analysis.auth,
    requirepassAtStartup: adds.requirepass,
  };
}
