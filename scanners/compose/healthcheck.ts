/** Passwords written into a Redis healthcheck: `redis-cli -a`, `--pass`, `-u URL`, `REDISCLI_AUTH=…`. */
import { argsOf, basename, simpleCommands, stripPrefix, type Arg } from './args';
import { credentialOfArg, credentialOfText, credentialOfUrl } from './credentials';
import type { Located } from './located';
import type { EnvVar, ServiceModel } from './model';
import { synthetic, type Collector } from './service-state';
import { isRedisCli } from '../../src/core/redis-names';

/** `redis-cli -a pw`, `--pass pw`, `-u redis://:pw@…`, `REDISCLI_AUTH=pw redis-cli` in a healthcheck. */
export function healthcheckSecrets(svc: ServiceModel, env: Map<string, EnvVar>, out: Collector): void {
  const test = svc.healthcheckTest;
  if (!test || test.items.length === 0) return;
  let commands: Arg[][];
  const first = test.form === 'list' ? test.items[0].value.trim().toUpperCase() : '';
  if (test.form === 'list' && first === 'NONE') return;
  if (test.form === 'list' && first === 'CMD') commands = [argsOf(test)!.slice(1)];
  else if (test.form === 'list' && first === 'CMD-SHELL') commands = test.items[1] ? simpleCommands([synthetic('sh', test.at), synthetic('-c', test.at), argOfItem(test.items[1])]) : [];
  else commands = simpleCommands([synthetic('sh', test.at), synthetic('-c', test.at), argOfItem(test.items[0])]);
  for (const cmd of commands) {
    const { assignments, rest } = stripPrefix(cmd);
    if (rest.length === 0 || !isRedisCli(rest[0].value)) continue;
    for (const a of assignments) {
      const eq = a.text.indexOf('=');
      if (a.text.slice(0, eq) !== 'REDISCLI_AUTH') continue;
      out.literal(credentialOfText(a.text.slice(eq + 1), a.loc, a.offset + eq + 1, a.at, env), '`REDISCLI_AUTH` in the healthcheck');
    }
    for (let i = 1; i < rest.length - 1; i++) {
      const flag = rest[i].value;
      const next = rest[i + 1];
      if (flag === '-a' || flag === '--pass') out.literal(credentialOfArg(next, env), `\`${basename(rest[0].value)} ${flag}\` in the healthcheck`);
      if (flag === '-u' || flag === '--uri') out.literal(credentialOfUrl(next.text, next.loc, next.offset, next.at), 'The password in the healthcheck URL');
    }
  }
}

function argOfItem(loc: Located): Arg {
  return { text: loc.raw, value: loc.value, at: loc.at, loc, offset: loc.startOffset };
}
