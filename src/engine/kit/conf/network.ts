/** Step 4 of analyzeConf: who can reach the server (port, tls-port, bind, protected-mode). */
import { isLoopbackHost } from '../../../core/hosts';
import type { AppliedDirectives } from './directives';
import type { Directive } from './load';
import type { ConfAnalysisOptions } from './types';

export interface Network {
  port: string;
  portD?: Directive;
  /** The TLS port, when one is open (`tls-port 0` closes it). */
  tlsPort?: string;
  tlsPortD?: Directive;
  bindD?: Directive;
  /** The `bind` addresses without the optional `-` prefix. */
  bindAddrs?: string[];
  /** Listens on TCP at all (not only a unix socket). */
  tcp: boolean;
  loopbackOnly: boolean;
  protectedModeD?: Directive;
  protectedMode: boolean;
}

export function networkOf(applied: AppliedDirectives, options: ConfAnalysisOptions): Network {
  const { last } = applied;
  const portD = last.get('port');
  const port = portD ? portD.args[0] : options.sentinel === true ? '26379' : '6379';
  const tlsPortD = last.get('tls-port');
  const tlsPort = tlsPortD && tlsPortD.args[0] !== '0' ? tlsPortD.args[0] : undefined;
  const bindD = last.get('bind');
  const bindAddrs = bindD ? bindD.args.flatMap((a) => a.split(' ')).filter((a) => a !== '').map((a) => a.replace(/^-/, '')) : undefined;
  const tcp = (port !== '0' || tlsPort !== undefined) && !(bindAddrs !== undefined && bindAddrs.length === 0);
  const loopbackOnly = !tcp || (bindAddrs !== undefined && bindAddrs.length > 0 && bindAddrs.every((a) => isLoopbackHost(a)));
  const protectedModeD = last.get('protected-mode');
  const protectedMode = protectedModeD ? protectedModeD.args[0].toLowerCase() !== 'no' : options.protectedModeDefault ?? true;
  return { port, portD, tlsPort, tlsPortD, bindD, bindAddrs, tcp, loopbackOnly, protectedModeD, protectedMode };
}
