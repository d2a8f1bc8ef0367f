/**
 * Step 3 of analyzeConf: the default user after startup, in Redis's order: `requirepass` applied
 * to the default user, then the conf's `user` lines, or else the `aclfile` (never both).
 */
import { posix } from 'node:path';
import type { Credential } from '../../../core/facts';
import { applyAclRules, builtInDefaultUser, resetUser, strayPasswordIndexes, verdictOf, type AclUserState } from './acl';
import { parseAclFile } from './acl-file';
import type { AppliedDirectives } from './directives';
import { resolveRepoPaths, type Directive, type LoadState, type Place } from './load';
import { aclfileNotRead, fixFor, reasons, refused, unknownBecause, what } from './messages';
import { toRef } from './places';
import type { Report } from './report';
import { credentialOf, judgeLiteral } from './secrets';
import type { Anchors, ConfAnalysis, ConfAnalysisOptions, EffectiveAuth } from './types';

export interface DefaultUserOutcome {
  auth: EffectiveAuth;
  aclFile: ConfAnalysis['aclFile'];
}

/** The default user as the lines so far left it. */
interface Decision {
  user: AclUserState;
  /** The line that made it open, while it is. */
  openedAt?: Place;
  reason: string;
  /** Where a finding about the default user points. */
  at: Place;
  aclUsers: boolean;
}

export function decideDefaultUser(
  applied: AppliedDirectives,
  report: Report,
  options: ConfAnalysisOptions,
  state: LoadState,
  anchors: Anchors,
): DefaultUserOutcome {
  const fallbackAt = options.noConfFile ? anchors.argsAt : anchors.top;
  const decision: Decision = { user: builtInDefaultUser(), reason: reasons.nothingSet(report.sentinel), at: fallbackAt, aclUsers: false };
  const requirepass = applied.last.get('requirepass');
  const requirepassCredential = requirepass ? applyRequirepass(requirepass, decision, report) : undefined;

  const aclfile = applied.last.get('aclfile');
  let aclLoaded = false;
  let aclFile: ConfAnalysis['aclFile'];
  if (aclfile && applied.userLines.length > 0) report.configError(aclfile.at, refused.userLinesWithAclfile, aclfile);
  if (!aclfile) applyUserLines(applied.userLines, decision, report);
  else {
    const loaded = loadAclFile(aclfile, options, state);
    aclLoaded = loaded !== undefined;
    if (loaded) {
      aclFile = { path: loaded.path, loadErrors: loaded.errors.length, defaultMissing: loaded.defaultMissing };
      applyAclFile(loaded, aclfile, decision, report, state);
    }
  }

  // requirepass only counts while nothing replaced the default user.
  if (requirepassCredential && decision.user.passwords.includes(requirepass!.args[0])) report.credentials.unshift(requirepassCredential);
  let verdict: EffectiveAuth['verdict'] = verdictOf(decision.user);
  if (aclfile && !aclLoaded) verdict = 'unknown';
  if ((verdict === 'open' || verdict === 'unknown') && state.unknownReasons.length > 0) {
    verdict = 'unknown';
    decision.reason = state.unknownReasons[0];
  }
  if (verdict === 'open') decision.at = decision.openedAt ?? fallbackAt;
  return { auth: { verdict, reason: decision.reason, at: decision.at, aclUsers: decision.aclUsers }, aclFile };
}

/** `requirepass` sets the default user's one password (`""` means nopass). */
function applyRequirepass(requirepass: Directive, decision: Decision, report: Report): Credential | undefined {
  const pw = requirepass.args[0];
  decision.user.passwords = [];
  decision.at = requirepass.at;
  if (pw === '') {
    decision.user.nopass = true;
    decision.openedAt = requirepass.at;
    decision.reason = reasons.emptyRequirepass;
    return undefined;
  }
  decision.user.nopass = false;
  decision.user.passwords = [pw];
  return credentialOf(pw, judgeLiteral(pw, report.literalContext(requirepass)), toRef(requirepass.argAt[0], requirepass), 'default');
}

/** The conf's `user` lines, each a fresh user (`user default` resets the default user). */
function applyUserLines(userLines: Directive[], decision: Decision, report: Report): void {
  const seenUsers = new Set<string>();
  for (const d of userLines) {
    const [name, ...rest] = d.args;
    if (seenUsers.has(name)) {
      report.configError(d.at, refused.duplicateUser(name), d);
      continue;
    }
    seenUsers.add(name);
    const user = resetUser(name, d.at);
    if (name === 'default') {
      // A `user default` line resets the default user first: requirepass no longer counts.
      decision.user = user;
      decision.at = d.at;
      decision.reason = reasons.userDefaultDecides;
    } else {
      decision.aclUsers = true;
    }
    const rules = rest.map((text, i) => ({ text, at: { ...d.argAt[i + 1], endColumn: d.argAt[i + 1].endColumn ?? d.argAt[i + 1].column } }));
    const error = applyAclRules(user, rules);
    if (error) report.configError(d.at, refused.badAclRule(error, name), d);
    for (const i of strayPasswordIndexes(rest)) {
      report.literal(rest[i], d.argAt[i + 1], d, what.aclUserStray(name), fixFor('user'), name);
    }
    rest.forEach((rule, i) => {
      if (!rule.startsWith('>')) {
        if (rule.startsWith('#')) report.credentials.push({ source: 'unknown', reference: 'sha256', username: name, at: toRef(d.argAt[i + 1], d) });
        return;
      }
      const at = d.argAt[i + 1];
      report.literal(rule.slice(1), { ...at, column: at.column + (d.fromArgs ? 0 : 1) }, d, what.aclUser(name), fixFor('user'), name);
    });
    if (name === 'default' && user.on && user.nopass) {
      decision.openedAt = d.at;
      decision.reason = reasons.userDefaultOpen;
    } else if (name === 'default') {
      decision.openedAt = undefined;
    }
  }
}

interface LoadedAcl extends ReturnType<typeof parseAclFile> {
  path: string;
}

/** An ACL file replaces the default user (a missing `default` comes back `on nopass`). */
function applyAclFile(loaded: LoadedAcl, aclfile: Directive, decision: Decision, report: Report, state: LoadState): void {
  decision.user = loaded.defaultUser;
  decision.aclUsers = loaded.users.size > (loaded.defaultMissing ? 0 : 1);
  decision.at = aclfile.at;
  if (loaded.defaultMissing && loaded.defaultRefused) {
    state.unknownReasons.push(unknownBecause.aclDefaultRefused(loaded.path));
  } else if (loaded.defaultMissing) {
    decision.openedAt = aclfile.at;
    decision.reason = reasons.aclDefaultMissing(loaded.path);
  } else if (verdictOf(loaded.defaultUser) === 'open') {
    decision.openedAt = aclfile.at;
    decision.reason = reasons.aclDefaultOpen(loaded.path);
  } else {
    decision.openedAt = undefined;
    decision.reason = reasons.aclDecides(loaded.path);
  }
  for (const u of loaded.users.values()) {
    for (const p of u.passwords) if (p.value !== '') report.credentials.push({ source: 'literal', value: p.value, username: u.state.name, at: { ...p.at } });
    for (const h of u.hashes) report.credentials.push({ source: 'unknown', reference: 'sha256', username: u.state.name, at: { ...h.at } });
  }
}

function loadAclFile(d: Directive, options: ConfAnalysisOptions, state: LoadState): LoadedAcl | undefined {
  const target = d.args[0];
  const where = `${d.at.file}:${d.at.line}`;
  if (!options.ctx) {
    state.unknownReasons.push(unknownBecause.aclfileNotHere(target, where));
    return undefined;
  }
  const base = d.fromArgs ? posix.dirname(options.file) : posix.dirname(d.at.file);
  const resolved = resolveRepoPaths(target, base, state);
  if (resolved.kind === 'outside') {
    state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: aclfileNotRead.outside(target) });
    state.unknownReasons.push(unknownBecause.aclfileOutside(target, where));
    return undefined;
  }
  if (resolved.kind === 'missing' || resolved.paths.length !== 1) {
    state.diagnostics.push({ file: d.at.file, line: d.at.line, column: d.at.column, message: aclfileNotRead.missing(target) });
    state.unknownReasons.push(unknownBecause.aclfileMissing(target, where));
    return undefined;
  }
  const file = options.ctx.readFile(resolved.paths[0]);
  if (!file) {
    state.unknownReasons.push(unknownBecause.aclfileUnreadable(target, where));
    return undefined;
  }
  if (!state.filesRead.includes(file.path)) state.filesRead.push(file.path);
  return { ...parseAclFile(file.text, { file: file.path }), path: file.path };
}
