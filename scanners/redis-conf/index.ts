/**
 * Scanners for redis.conf / valkey.conf / keydb.conf, ACL files and sentinel.conf. The work is in
 * analyze.ts (conf and sentinel) and acl-file.ts; this file turns files into scan results.
 */
import { environmentOf } from '../../src/core/environment';
import { dedupeFindings, type Finding } from '../../src/core/finding';
import { aboutSecret } from '../../src/engine/kit/finding';
import type { ServerFact } from '../../src/core/facts';
import { emptyResult, type ScanContext, type ScanResult, type Scanner, type SourceFile } from '../../src/engine/kit/contract';
import { verdictOf } from '../../src/engine/kit/conf/acl';
import { parseAclFile } from '../../src/engine/kit/conf/acl-file';
import { analyzeConf } from '../../src/engine/kit/conf/analyze';
import { ACL_CHECKS, CONF_CHECKS, SENTINEL_CHECKS, makeFinding } from '../../src/engine/kit/conf/checks';
import { isAclFile, isRedisConf, isSentinelFile } from './detect';
import { replicaFindings } from './replica-masters';
import { credentialOf, isTemplatePath, judgeLiteral } from '../../src/engine/kit/conf/secrets';
import { hardcodedMessage, unexpandedMessage, weakMessage } from '../../src/engine/kit/conf/messages';

export * from '../../src/engine/kit/conf';
export { isRedisConf, isAclFile, isSentinelConf, isSentinelFile, looksLikeAclFile } from './detect';

/** Any `.conf` or `.acl`: which of the three a file is, and whether it is Redis's at all, is decided by content. */
const CONF_FILE_NAMES = ['*.conf', '*.acl'];

export const redisConfScanner: Scanner = {
  kind: 'redis-conf',
  checks: CONF_CHECKS,
  fileNames: CONF_FILE_NAMES,
  detect: isRedisConf,
  scan(files, ctx) {
    const result = emptyResult();
    const analyses = files.map((f) => ({ file: f, analysis: analyzeConf(f.text, confOptions(f, ctx)), includes: new Set<string>() }));
    // A file another scanned conf includes is analysed as part of it, not on its own (of two confs
    // that include each other, the first by path stands). An index, not a pass over all pairs.
    const includedBy = new Map<string, typeof analyses>();
    for (const a of analyses) {
      for (const path of (a.analysis.filesRead ?? []).slice(1)) {
        a.includes.add(path);
        if (path === a.file.path) continue;
        const list = includedBy.get(path) ?? [];
        list.push(a);
        includedBy.set(path, list);
      }
    }
    const kept = analyses.filter(({ file, includes }) => !(includedBy.get(file.path) ?? []).some((o) => !(includes.has(o.file.path) && file.path < o.file.path)));
    for (const { analysis } of kept) {
      result.facts.push(analysis.fact);
      result.findings.push(...analysis.findings);
      result.diagnostics.push(...analysis.diagnostics);
    }
    result.findings.push(...replicaFindings(kept.map((k) => k.analysis)));
    return dedupe(result);
  },
};

export const sentinelScanner: Scanner = {
  kind: 'sentinel',
  checks: SENTINEL_CHECKS,
  fileNames: CONF_FILE_NAMES,
  detect: isSentinelFile,
  scan(files, ctx) {
    const result = emptyResult();
    for (const f of files) {
      const analysis = analyzeConf(f.text, { ...confOptions(f, ctx), sentinel: true });
      result.facts.push(analysis.fact);
      result.findings.push(...analysis.findings);
      result.diagnostics.push(...analysis.diagnostics);
    }
    return dedupe(result);
  },
};

export const aclScanner: Scanner = {
  kind: 'acl',
  checks: ACL_CHECKS,
  fileNames: CONF_FILE_NAMES,
  detect: isAclFile,
  scan(files, ctx) {
    const result = emptyResult();
    for (const f of files) scanAclFile(f, ctx, result);
    return result;
  },
};

function confOptions(f: SourceFile, ctx: ScanContext) {
  return { file: f.path, ctx, environment: environmentOf(f.path, ctx.environment) };
}

function scanAclFile(f: SourceFile, ctx: ScanContext, result: ScanResult): void {
  const model = parseAclFile(f.text, { file: f.path });
  const findings: Finding[] = [];
  for (const e of model.errors) findings.push(makeFinding('acl-load-error', { ...e.at, anchor: `line.${e.at.line}` }, `${e.message}. Redis refuses to start (or \`ACL LOAD\` fails) while this line is there.`));
  const credentials: ServerFact['credentials'] = [];
  for (const user of model.users.values()) {
    const name = user.state.name;
    for (const p of user.passwords) {
      if (p.value === '') continue;
      const verdict = judgeLiteral(p.value, { expanded: false, template: isTemplatePath(f.path) });
      credentials.push(credentialOf(p.value, verdict, { ...p.at }, name));
      const at = { ...p.at, anchor: `user.${name}` };
      const what = `The password of ACL user \`${name}\``;
      if (verdict.kind === 'unexpanded') findings.push(makeFinding('acl-env-var-not-expanded', at, unexpandedMessage(what, verdict.variable, 'Redis')));
      else if (verdict.kind === 'weak') findings.push(aboutSecret(makeFinding('acl-weak-password', at, weakMessage(what, p.value, verdict.reason)), p.value));
      else if (verdict.kind === 'hardcoded') {
        findings.push(aboutSecret(makeFinding('acl-hardcoded-password', at, hardcodedMessage(what, p.value, 'Replace `>password` with `#<sha256 of the password>` (64 lowercase hex), or mount the ACL file from a secret.')), p.value));
      }
    }
    for (const h of user.hashes) credentials.push({ source: 'unknown', reference: 'sha256', username: name, at: { ...h.at } });
  }
  const first = { file: f.path, line: 1, column: 1 };
  const verdict = verdictOf(model.defaultUser);
  const defaultEntry = model.users.get('default');
  if (verdict === 'open' && !(model.defaultMissing && model.defaultRefused)) {
    const at = model.defaultMissing ? first : { ...defaultEntry!.at };
    const why = model.defaultMissing
      ? 'This ACL file defines no `default` user, so Redis recreates it as `on nopass ~* +@all` when it loads the file (and ignores `requirepass`)'
      : '`user default` is `on` and `nopass`';
    findings.push(
      makeFinding(
        'acl-default-user-open',
        { ...at, anchor: 'user.default' },
        `${why}: any client can run every command without a password. Add \`user default off\`, or give it a password with \`#<sha256>\`.`,
      ),
    );
  }
  const fact: ServerFact = {
    kind: 'server',
    subject: `acl:${f.path}`,
    label: `ACL file ${f.path}`,
    file: f.path,
    environment: environmentOf(f.path, ctx.environment),
    source: 'acl',
    product: 'redis',
    auth: verdict === 'open' ? 'none' : verdict === 'locked' ? 'locked' : verdict === 'password' && model.users.size <= 1 ? 'password' : 'acl',
    authAt: model.defaultMissing || !defaultEntry ? first : { ...defaultEntry.at },
    credentials,
    tls: 'unknown',
    exposure: 'unknown',
  };
  result.facts.push(fact);
  result.findings.push(...findings);
}

/**
 * Two analyses reading the same include must not report its lines twice: one finding per check
 * and place, the most severe (the include may be open on all interfaces through one conf and on
 * loopback through another), and each diagnostic once.
 */
function dedupe(result: ScanResult): ScanResult {
  result.findings = dedupeFindings(result.findings);
  const seenDiag = new Set<string>();
  result.diagnostics = result.diagnostics.filter((d) => {
    const key = `${d.file}|${d.line}|${d.column}|${d.message}`;
    if (seenDiag.has(key)) return false;
    seenDiag.add(key);
    return true;
  });
  return result;
}
