/** Message texts shared by the conf and sentinel analysis. */
import type { Directive } from './load';

export function arityMessage(d: Directive): string {
  const extra = d.args.slice(1).find((a) => a.startsWith('#'));
  const comment = extra !== undefined ? ' Redis has no inline comments: everything after the value, `#` included, is more arguments.' : '';
  return `\`${d.name}\` takes exactly one argument but has ${d.args.length}, so Redis refuses to start ("wrong number of arguments").${comment} Put comments on their own line and quote values that contain spaces.`;
}

export function fixFor(kind: 'requirepass' | 'masterauth' | 'user' | 'auth-pass'): string {
  switch (kind) {
    case 'requirepass':
      return 'Keep it out of the repository: pass `--requirepass` from a secret at startup, `include` a secrets file mounted at deploy time, or use an ACL file with a `#<sha256>` hash.';
    case 'masterauth':
      return 'Pass `--masterauth` from a secret at startup or `include` a secrets file mounted at deploy time.';
    case 'user':
      return 'Store a `#<sha256>` hash instead of `>password`, or load the ACL file from a secret.';
    case 'auth-pass':
      return 'Render sentinel.conf at startup from a secret (Sentinel rewrites this file, so mount a writable copy).';
  }
}
