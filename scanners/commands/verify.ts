import type { CommandIo } from './io';

/** `redis-auth verify`: not built yet. */
export async function run(_argv: string[], io: CommandIo): Promise<number> {
  io.stderr('redis-auth verify: not implemented yet\n');
  return 2;
}
