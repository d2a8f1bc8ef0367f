/** Auth given on a redis-server command line, and the conf or ACL file it names when the repo mounts it. */
import type { AuthMode, SourceRef } from '../../src/core/facts';
import { isLoopbackHost } from '../../src/core/hosts';
import { lastOption, type Arg, type ServerArgs } from './args';
import { confVerdict, mountedFile } from './conf';
import { credentialOfArg, credentialOfText } from './credentials';
import type { ImageInfo } from '../../src/core/images';
import type { EnvVar, ServiceModel } from './model';
import { unmodeled, type AuthState, type Collector, type ServiceScope } from './service-state';

/** Auth set on a redis-server command line (plus conf/ACL files it names that the repo mounts). */
export function authFromServerArgs(
  parsed: ServerArgs,
  svc: ServiceModel,
  env: Map<string, EnvVar>,
  scope: ServiceScope,
  out: Collector,
  image: ImageInfo,
  state: AuthState,
): void {
  const anchor = (a: Arg) => a.at.anchor ?? `services.${svc.name}.command`;
  let argAuth: AuthMode | undefined;
  const req = lastOption(parsed, 'requirepass');
  if (req) {
    const val = req.values[0];
    const info = val ? credentialOfArg(val, env) : undefined;
    out.literal(info, '`--requirepass`');
    if (info && !info.empty) {
      argAuth = 'password';
      state.authAt = { ...val.at, anchor: anchor(val) };
      state.credentials.push(info.credential);
    } else {
      argAuth = 'none';
      state.authAt = { ...req.nameArg.at, anchor: anchor(req.nameArg) };
      state.reason = '`--requirepass` is given an empty value, which Redis treats as no password';
    }
  }
  for (const opt of parsed.options) {
    if (opt.name === 'user') {
      const [name, ...rules] = opt.values;
      for (const r of rules) {
        if (r.text.startsWith('>')) {
          const info = credentialOfText(r.text.slice(1), r.loc, r.offset + 1, r.at, env);
          out.literal(info, `The ACL password of user \`${name?.value ?? '?'}\``);
          if (name?.value === 'default' && !info.empty) state.credentials.push(info.credential);
        }
      }
      if (name?.value === 'default') {
        const words = rules.map((r) => r.value);
        state.authAt = { ...opt.nameArg.at, anchor: anchor(opt.nameArg) };
        if (words.includes('nopass') && words.lastIndexOf('nopass') > words.lastIndexOf('resetpass') && !words.includes('off')) {
          argAuth = 'none';
          state.reason = '`--user default ... nopass` lets anyone in as the default user';
        } else {
          argAuth = 'acl';
        }
      }
    }
    if (['masterauth', 'primaryauth'].includes(opt.name) && opt.values[0]) {
      out.literal(credentialOfArg(opt.values[0], env), `\`--${opt.name}\``);
    }
  }
  const pm = lastOption(parsed, 'protected-mode');
  if (pm?.values[0]) {
    state.protectedMode = pm.values[0].value.toLowerCase() === 'yes';
    state.protectedModeAt = pm.values[0].at;
    state.protectedModeSet = true;
  }
  const bind = lastOption(parsed, 'bind');
  if (bind && bind.values.length > 0) state.loopbackOnly = bind.values.every((v) => isLoopbackHost(v.value.replace(/^-/, '')));
  const tlsPort = lastOption(parsed, 'tls-port');
  if (tlsPort) {
    const port = lastOption(parsed, 'port');
    state.tls = port?.values[0]?.value === '0';
    state.tlsAt = tlsPort.nameArg.at;
  }

  const aclfile = lastOption(parsed, 'aclfile');
  if (aclfile?.values[0]) {
    const mounted = mountedFile(aclfile.values[0].value, svc.volumes, scope.dir, scope.ctx);
    state.authAt = aclfile.nameArg.at;
    if (mounted.file) {
      const verdict = aclVerdict(mounted.file.text, mounted.file.path);
      state.auth = verdict.auth;
      state.authAt = verdict.at;
      if (verdict.auth === 'none') state.reason = `the ACL file \`${mounted.file.path}\` leaves the default user without a password`;
    } else {
      state.auth = 'unknown';
    }
    return;
  }

  const confArg = parsed.conf;
  if (confArg) {
    const mounted = mountedFile(confArg.value, svc.volumes, scope.dir, scope.ctx);
    if (mounted.file) {
      const verdict = confVerdict(mounted.file, scope.ctx, {
        subject: scope.subject,
        label: scope.label,
        environment: scope.environment,
        product: image.product,
        protectedModeDefault: false,
        args: parsed.options.flatMap((o) => [`--${o.name}`, ...o.values.map((v) => v.value)]),
        sentinel: state.sentinel,
        resolvePath: (p) => mountedFile(p, svc.volumes, scope.dir, scope.ctx).hostPath,
      });
      state.confFile = mounted.file.path;
      state.confLaunch = { file: mounted.file.path, at: { ...confArg.at }, options: parsed.options.map((o) => o.name) };
      // Command-line options come after the file, so they win (DOMAIN.md §1.1).
      state.auth = argAuth ?? verdict.auth;
      if (!argAuth) {
        state.authAt = verdict.authAt;
        state.credentials.push(...verdict.credentials);
        if (verdict.auth === 'none') state.reason = `the mounted \`${mounted.file.path}\` sets no password`;
      }
      if (!state.protectedModeSet && verdict.protectedMode !== undefined) {
        state.protectedMode = verdict.protectedMode;
        state.protectedModeAt = { file: mounted.file.path, line: 1, column: 1 };
      }
      return;
    }
    // KeyDB's image runs its bundled conf, patched to `protected-mode no` with `bind` commented out.
    if (image.spec.cmdArgs.includes(confArg.value) && !mounted.volume) {
      state.auth = argAuth ?? 'none';
      if (!argAuth) state.reason = "KeyDB's bundled keydb.conf sets no password and listens on all interfaces";
      return;
    }
    // A conf baked into a custom image or on a named volume: not visible from here.
    if (argAuth === 'password') state.auth = 'password';
    else unmodeled(state, `the conf \`${confArg.value}\` it starts with is not a file of this repository (a named volume, or baked into the image)`);
    return;
  }
  state.auth = argAuth ?? 'none';
  if (!argAuth) {
    // A common slip: the conf is mounted but never named on the command line, so Redis never reads it.
    const unread = svc.volumes.find((v) => /\.conf$/i.test(v.target) && !/sentinel/i.test(v.target));
    state.reason = unread
      ? `a conf is mounted at \`${unread.target}\` but \`command\` does not pass it to the server, so it is never read`
      : 'no `--requirepass`, conf file or ACL is given, so Redis runs with compiled-in defaults';
  }
}

/** Verdict of a mounted ACL file: open iff the default user ends `on` + `nopass`, or is absent. */
function aclVerdict(text: string, file: string): { auth: AuthMode; at: SourceRef } {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const words = lines[i].trim().split(' ');
    if (words[0] === 'user' && words[1] === 'default') {
      const rules = words.slice(2);
      const open = rules.includes('on') && rules.lastIndexOf('nopass') > rules.lastIndexOf('resetpass');
      return { auth: open ? 'none' : 'acl', at: { file, line: i + 1, column: 1 } };
    }
  }
  // Without a default user line Redis recreates the default user as nopass.
  return { auth: 'none', at: { file, line: 1, column: 1 } };
}
