/**
 * A conf file the container reads, found in the repository through the service's bind mounts, and
 * its verdict from the conf scanner (analyzeConf).
 */
import type { AuthMode, Credential, ServerFact, SourceRef } from '../../src/core/facts';
import type { Environment } from '../../src/core/environment';
import { analyzeConf } from '../../src/engine/kit/conf';
import type { ScanContext, SourceFile } from '../../src/engine/kit/contract';
import { joinPath, type VolumeSpec } from './model';

/** The repository file mounted at `containerPath`, if a bind mount provides it. */
export function mountedFile(
  containerPath: string,
  volumes: readonly VolumeSpec[],
  dir: string,
  ctx: ScanContext,
): { file?: SourceFile; hostPath?: string; volume?: VolumeSpec } {
  const path = containerPath.replace(/\/+$/, '');
  // The most specific mount wins, as in Docker.
  const candidates = volumes
    .filter((v) => v.bind && v.source && (path === v.target.replace(/\/+$/, '') || path.startsWith(`${v.target.replace(/\/+$/, '')}/`)))
    .sort((a, b) => b.target.length - a.target.length);
  const volume = candidates[0];
  if (!volume?.source) return {};
  if (volume.source.startsWith('/') || volume.source.startsWith('~')) return { volume };
  const rest = path.slice(volume.target.replace(/\/+$/, '').length);
  const hostPath = joinPath(dir, volume.source + rest);
  if (hostPath.startsWith('..')) return { volume };
  return { file: ctx.readFile(hostPath), hostPath, volume };
}

export interface ConfVerdict {
  auth: AuthMode;
  authAt: SourceRef;
  credentials: Credential[];
  protectedMode?: boolean;
  file: string;
}

export interface ConfCall {
  subject: string;
  label: string;
  environment?: Environment;
  product: ServerFact['product'];
  protectedModeDefault: boolean;
  args: string[];
  /** The server runs in sentinel mode (`redis-sentinel`, `--sentinel`). */
  sentinel?: boolean;
  /** Maps a container path the conf names (`include`, `aclfile`) to a repository path. */
  resolvePath?: (path: string) => string | undefined;
}

/** The conf's effective auth: analyzeConf's, or a minimal reading when it cannot decide. */
export function confVerdict(file: SourceFile, ctx: ScanContext, call: ConfCall): ConfVerdict {
  let fact: ServerFact | undefined;
  let scripted = false;
  try {
    const analysis = analyzeConf(file.text, {
      file: file.path,
      ctx,
      args: call.args,
      noConfFile: false,
      protectedModeDefault: call.protectedModeDefault,
      subject: call.subject,
      label: call.label,
      environment: call.environment,
      product: call.product,
      sentinel: call.sentinel,
      resolvePath: call.resolvePath,
      reportArgSecrets: false,
    });
    fact = analysis.fact;
    scripted = analysis.requirepassAtStartup !== undefined;
  } catch {
    fact = undefined;
  }
  // A Sentinel whose password a startup script writes: unknown, not the committed text's `none`.
  if (fact && (fact.auth !== 'unknown' || scripted)) {
    return { auth: fact.auth, authAt: fact.authAt, credentials: fact.credentials, protectedMode: fact.protectedMode, file: file.path };
  }
  return minimalConfVerdict(file);
}

/**
 * Last-wins `requirepass`, and a `user default` line, read plainly: used only when analyzeConf
 * gives no verdict. `include` or `aclfile` make the result unknown.
 */
export function minimalConfVerdict(file: SourceFile): ConfVerdict {
  let auth: AuthMode = 'none';
  let authAt: SourceRef = { file: file.path, line: 1, column: 1 };
  const credentials: Credential[] = [];
  let protectedMode: boolean | undefined;
  let unknown = false;
  file.text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [directive, ...args] = line.split(/\s+/);
    const at = { file: file.path, line: i + 1, column: raw.indexOf(directive) + 1 };
    switch (directive.toLowerCase()) {
      case 'requirepass': {
        const value = (args[0] ?? '').replace(/^(["'])(.*)\1$/, '$2');
        auth = value ? 'password' : 'none';
        authAt = at;
        credentials.length = 0;
        if (value) credentials.push({ source: 'literal', value, at });
        break;
      }
      case 'user':
        if (args[0] === 'default') {
          const rules = args.slice(1);
          if (rules.includes('on') && rules.includes('nopass')) auth = 'none';
          else if (rules.some((r) => r.startsWith('>') || r.startsWith('#'))) auth = 'acl';
          else if (rules.includes('off')) auth = 'acl';
          authAt = at;
        }
        break;
      case 'include':
      case 'aclfile':
        unknown = true;
        break;
      case 'protected-mode':
        protectedMode = args[0]?.toLowerCase() === 'yes';
        break;
    }
  });
  return { auth: unknown && auth === 'none' ? 'unknown' : auth, authAt, credentials, protectedMode, file: file.path };
}
