import type { CommandIo } from './io';

/** `redis-auth scan`: not built yet. */
export async function run(_argv: string[], io: CommandIo): Promise<number> {
  io.stderr('redis-auth scan: not implemented yet\n');
  return 2;
}
