/**
 * Step 5 of analyzeConf: findings about the server as it starts (not about single lines): an open
 * default user, protected-mode off, replicas and cluster nodes without masterauth, a plaintext
 * port beside TLS, a Sentinel monitor without auth-pass.
 */
import type { Finding, Severity } from '../../../core/finding';
import { makeFinding } from './checks';
import type { AppliedDirectives } from './directives';
import type { Directive } from './load';
import {
  clusterNoMasterAuthMessage,
  monitorNoAuthPassMessage,
  noAuthMessage,
  plaintextPortWithTlsMessage,
  protectedModeOffMessage,
  replicaNeedsMasterAuthBecause,
  replicaNoMasterAuthMessage,
} from './messages';
import type { Network } from './network';
import type { Report } from './report';
import type { ConfAnalysis, EffectiveAuth } from './types';

/** Pushes the findings into the report; returns the replication link, when there is one. */
export function serverFindings(applied: AppliedDirectives, net: Network, auth: EffectiveAuth, report: Report): ConfAnalysis['replicaOf'] {
  if (auth.verdict === 'open') openDefaultUser(applied, net, auth, report);
  const replicaOf = replication(applied, auth, report);
  if (!report.sentinel && net.tlsPortD && net.tlsPort !== undefined && net.port !== '0') {
    report.findings.push(
      makeFinding('conf-plaintext-port-with-tls', { ...net.tlsPortD.at, endColumn: net.tlsPortD.argAt[0]?.endColumn, anchor: 'tls-port' }, plaintextPortWithTlsMessage(net.tlsPort, net.port)),
    );
  }
  if (report.sentinel) monitorsWithoutAuthPass(applied, report);
  return replicaOf;
}

/** The conf-replica-no-masterauth finding; also used by the scanner for cross-file evidence. */
export function replicaNoMasterAuth(d: Pick<Directive, 'at' | 'args'>, why: string): Finding {
  return makeFinding('conf-replica-no-masterauth', { ...d.at, anchor: 'replicaof' }, replicaNoMasterAuthMessage(d.args[0], d.args[1], why));
}

function openDefaultUser(applied: AppliedDirectives, net: Network, auth: EffectiveAuth, report: Report): void {
  const pmD = net.protectedModeD;
  const limited = net.loopbackOnly || (pmD !== undefined && net.protectedMode);
  const severity: Severity = limited ? 'warning' : 'error';
  const message = noAuthMessage({ sentinel: report.sentinel, reason: auth.reason, tcp: net.tcp, loopbackOnly: net.loopbackOnly, limited, aclfile: applied.last.has('aclfile') });
  report.findings.push(makeFinding(report.ids.noAuth, { ...auth.at, anchor: report.sentinel ? 'sentinel.auth' : 'default-user' }, message, severity));
  if (pmD && !net.protectedMode && net.tcp && !net.loopbackOnly) {
    report.findings.push(
      makeFinding(
        report.ids.protectedMode,
        { ...pmD.at, endColumn: pmD.argAt[0]?.endColumn, anchor: 'protected-mode' },
        protectedModeOffMessage(net.bindD?.args, net.tlsPort ?? net.port),
      ),
    );
  }
}

/** A password-protected replica (or cluster node, which may become one) needs masterauth. */
function replication(applied: AppliedDirectives, auth: EffectiveAuth, report: Report): ConfAnalysis['replicaOf'] {
  const masterauth = applied.last.get('masterauth');
  const hasMasterAuth = masterauth !== undefined && masterauth.args[0] !== '';
  const protectedServer = auth.verdict === 'password' || (auth.verdict === 'off' && auth.aclUsers);
  const replicaD = applied.last.get('replicaof');
  let replicaOf: ConfAnalysis['replicaOf'];
  if (replicaD && replicaD.args.length >= 2 && !(replicaD.args[0].toLowerCase() === 'no' && replicaD.args[1].toLowerCase() === 'one')) {
    replicaOf = { host: replicaD.args[0], port: replicaD.args[1], at: replicaD.at, hasMasterAuth };
    if (!report.sentinel && !hasMasterAuth && protectedServer) report.findings.push(replicaNoMasterAuth(replicaD, replicaNeedsMasterAuthBecause));
  }
  // In a cluster every master may become a replica after a failover, so a password-protected
  // cluster node needs masterauth even without a replicaof line.
  const clusterD = applied.last.get('cluster-enabled');
  if (!report.sentinel && !replicaOf && clusterD && clusterD.args[0]?.toLowerCase() === 'yes' && !hasMasterAuth && protectedServer) {
    report.findings.push(
      makeFinding('conf-replica-no-masterauth', { ...clusterD.at, endColumn: clusterD.argAt[0]?.endColumn, anchor: 'cluster-enabled' }, clusterNoMasterAuthMessage),
    );
  }
  return replicaOf;
}

/** Sentinel: each monitored master needs the password Sentinel uses to reach it. */
function monitorsWithoutAuthPass(applied: AppliedDirectives, report: Report): void {
  for (const m of applied.monitors) {
    const name = m.args[1];
    const pass = applied.authPass.get(name);
    if (!pass || pass.args[2] === '') {
      report.findings.push(makeFinding('sentinel-monitor-no-auth-pass', { ...m.at, anchor: `sentinel.monitor.${name}` }, monitorNoAuthPassMessage(name)));
    }
  }
}
