#!/usr/bin/env node
/**
 * `redis-auth <command>`: dispatches to one module per command. Every error becomes one line on
 * stderr and exit code 2; no stack traces reach the user.
 */
import type { CommandIo } from './commands/io';
import { nodeIo } from './commands/io';

type Command = { run(argv: string[], io: CommandIo): Promise<number> };
// Loaded lazily so `redis-auth verify` never pays for the scanners, nor `scan` for the network code.
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, () => Command> = {
  scan: () => require('./commands/scan') as Command,
  drift: () => require('./commands/drift') as Command,
  verify: () => require('./commands/verify') as Command,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const USAGE = `Usage: redis-auth <command> [options]

Commands:
  scan [paths...]     scan configs (redis.conf, ACL, sentinel, compose, Helm, Kubernetes, .env)
  drift [paths...]    compare how each Redis is secured across environments
  verify              check that a live Redis refuses unauthenticated clients

Run 'redis-auth <command> --help' for a command's options.`;

export async function main(argv: string[], io: CommandIo = nodeIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    io.stdout(`${require('../../package.json').version}\n`);
    return 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    io.stderr(`redis-auth: unknown command '${command}'. Run 'redis-auth --help'.\n`);
    return 2;
  }
  try {
    const mod = load();
    return await mod.run(rest, io);
  } catch (error) {
    io.stderr(`redis-auth ${command}: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env.REDIS_AUTH_DEBUG) io.stderr(`${(error as Error)?.stack}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
