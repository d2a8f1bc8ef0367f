#!/usr/bin/env node
/**
 * `redis-auth <command>`: dispatches to one module per command. Every error becomes one line on
 * stderr and exit code 2; no stack traces reach the user.
 */
import type { CommandIo } from './commands/io';
import { nodeIo } from './commands/io';
import { packageInfo } from './format/tool';
import { suggest } from './suggest';
import { escapeControls } from '../core/terminal';
import { echoArgument } from '../core/secrets';

type Command = { run(argv: string[], io: CommandIo): Promise<number> };
// Loaded lazily so `redis-auth verify` never pays for the scanners, nor `scan` for the network code.
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: () => import('./commands/scan.js'),
  drift: () => import('./commands/drift.js'),
  verify: () => import('./commands/verify.js'),
  rules: () => import('./commands/rules.js'),
};

const USAGE = `Usage: redis-auth <command> [options]

Commands:
  scan [paths...]     scan configs (redis.conf, ACL, sentinel, compose, Helm, Kubernetes, .env)
  drift [paths...]    compare how each Redis is secured across environments
  verify              check that a live Redis refuses unauthenticated clients
  rules               list every ESLint rule and scanner check, with its docs page

Options shared by every command: -f/--format, -o/--output (repeatable in pairs), --verbose,
--[no-]color, -h/--help, -v/--version.
Run 'redis-auth <command> --help' for a command's options.`;

export async function main(argv: string[], io: CommandIo = nodeIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${packageInfo().version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    const close = suggest(command, Object.keys(COMMANDS));
    const what = command.startsWith('-') ? 'option' : 'command';
    io.stderr(`redis-auth: unknown ${what} '${echoArgument(command)}'${close ? `; did you mean '${close}'?` : '.'} Run 'redis-auth --help'.\n`);
    return 2;
  }
  try {
    const mod = await load();
    return await mod.run(rest, io);
  } catch (error) {
    io.stderr(`redis-auth ${command}: internal error: ${escapeControls(error instanceof Error ? error.message : String(error))}\n`);
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
