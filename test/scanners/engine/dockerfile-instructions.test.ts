/** The one Dockerfile reader (src/engine/kit/dockerfile-instructions.ts) the compose scanner and the link share. */
import { describe, expect, it } from 'vitest';
import { dockerInstructions, MAX_INSTRUCTIONS } from '../../../src/engine/kit/dockerfile-instructions';

describe('dockerInstructions', () => {
  it('keywords, arguments, lines, and where the arguments start and the instruction ends', () => {
    const text = 'FROM redis:7 AS base\r\n# a comment\n\ncmd ["redis-server", "--requirepass", "$PW"]\n';
    const [from, cmd] = dockerInstructions(text);
    expect(from).toEqual({ keyword: 'FROM', args: 'redis:7 AS base', line: 1, start: 5, end: 20 });
    expect(cmd).toMatchObject({ keyword: 'CMD', args: '["redis-server", "--requirepass", "$PW"]', line: 4 });
    expect(text.slice(cmd.start, cmd.end)).toBe('["redis-server", "--requirepass", "$PW"]');
  });

  it('a trailing backslash continues the instruction past comment lines, as Docker reads it', () => {
    const text = 'RUN apk add redis \\\n# pinned below\n    && redis-server --version\nCMD redis-server\n';
    const [run, cmd] = dockerInstructions(text);
    expect(run).toMatchObject({ keyword: 'RUN', line: 1, args: 'apk add redis      && redis-server --version' });
    expect(text.slice(run.start, run.end)).toBe('apk add redis \\\n# pinned below\n    && redis-server --version');
    expect(cmd).toMatchObject({ keyword: 'CMD', args: 'redis-server', line: 4 });
  });

  it('look-alikes: blank and comment lines are no instructions; a continuation at the end of the file ends it', () => {
    expect(dockerInstructions('\n   \n# FROM redis\n')).toEqual([]);
    expect(dockerInstructions('CMD redis-server \\').map((i) => i.args)).toEqual(['redis-server']);
    expect(dockerInstructions('CMD redis-server \\\n# trailing comment\n').map((i) => i.args)).toEqual(['redis-server']);
  });

  it('hostile input stays bounded: an endless continued line is one instruction, a runaway file is cut', () => {
    expect(dockerInstructions(`RUN a${' \\\nb'.repeat(50_000)}`)).toHaveLength(1);
    expect(dockerInstructions('ENV A=1\n'.repeat(MAX_INSTRUCTIONS + 10))).toHaveLength(MAX_INSTRUCTIONS);
  });
});
