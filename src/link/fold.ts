/**
 * One finding per root cause across the two halves: a compose service's Redis URL without a
 * password is reported by the compose scanner (compose-client-no-auth, at the URL) and by the link
 * (app-password-missing or app-no-auth, at the code line, with that URL line as a related place).
 * The app finding tells the whole story, so the compose finding folds into it: its place is already
 * a related location, which gains the compose check's id and anchor (a baseline keeps matching).
 */
import { SEVERITY_RANK, type Finding } from '../core/finding';
import { LINK_CHECKS } from './checks';

const CLIENT_CHECK = 'compose-client-no-auth';
const APP_CHECKS: ReadonlySet<string> = new Set([LINK_CHECKS.passwordMissing.id, LINK_CHECKS.noAuth.id]);

const key = (p: { file: string; line: number; column: number }) => `${p.file}:${p.line}:${p.column}`;

export function foldClientFindings(findings: readonly Finding[]): Finding[] {
  const clients = new Map<string, Finding>();
  for (const f of findings) if (f.ruleId === CLIENT_CHECK) clients.set(key(f), f);
  if (!clients.size) return [...findings];
  const folded = new Set<Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!APP_CHECKS.has(f.ruleId) || !f.related?.length) {
      out.push(f);
      continue;
    }
    let severity = f.severity;
    const related = f.related.map((r) => {
      const client = clients.get(key(r));
      if (!client || folded.has(client)) return r;
      folded.add(client);
      if (SEVERITY_RANK[client.severity] > SEVERITY_RANK[severity]) severity = client.severity;
      return { ...r, message: `${r.message ?? 'the same connection'} (${CLIENT_CHECK}, ${client.severity})`, ruleId: CLIENT_CHECK, ...(client.anchor ? { anchor: client.anchor } : {}) };
    });
    out.push(related.some((r, i) => r !== f.related![i]) ? { ...f, severity, related } : f);
  }
  return out.filter((f) => !folded.has(f));
}
