import type { CommandIo } from './io';

/** `redis-auth drift`: not built yet. */
export async function run(_argv: string[], io: CommandIo): Promise<number> {
  io.stderr('redis-auth drift: not implemented yet\n');
  return 2;
}
