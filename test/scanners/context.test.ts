import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, MAX_FILE_BYTES } from '../../src/engine/kit/context';

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-ctx-'));
  mkdirSync(join(root, 'conf'));
  writeFileSync(join(root, 'conf', 'redis.conf'), 'requirepass x\n');
  writeFileSync(join(root, 'bin.conf'), Buffer.from([0x72, 0x00, 0x01]));
  writeFileSync(join(root, 'latin1.conf'), Buffer.from([0x72, 0xe9, 0x0a]));
  writeFileSync(join(root, 'huge.conf'), 'a'.repeat(MAX_FILE_BYTES + 1));
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  symlinkSync('/etc/hostname', join(root, 'outside.conf'));
  return root;
}

describe('createContext', () => {
  it('reads files inside the root and lists globs sorted', () => {
    const { ctx, diagnostics } = createContext(repo());
    expect(ctx.readFile('conf/redis.conf')?.text).toBe('requirepass x\n');
    expect(ctx.readFile('./conf/redis.conf')?.path).toBe('conf/redis.conf');
    expect(ctx.glob('conf/*.conf')).toEqual(['conf/redis.conf']);
    expect(diagnostics).toEqual([]);
  });
  it('refuses what it must not read, with one diagnostic each', () => {
    const { ctx, diagnostics } = createContext(repo());
    for (const p of ['bin.conf', 'latin1.conf', 'huge.conf', 'loop-a', 'outside.conf', '../escape.conf', 'missing.conf']) {
      expect(ctx.readFile(p)).toBeUndefined();
    }
    ctx.readFile('bin.conf');
    expect(diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'bin.conf: binary file; skipped',
      'latin1.conf: not valid UTF-8; skipped',
      expect.stringMatching(/^huge\.conf: larger than 1 MiB/),
      'loop-a: symbolic link loop; skipped',
      'outside.conf: symbolic link points outside the repository; not read',
      '../escape.conf: path leaves the repository; not read',
    ]);
    expect(ctx.glob('../*')).toEqual([]);
  });
  it('prefers override content (the git index) over the working tree', () => {
    const { ctx } = createContext(repo(), { readOverride: (p) => (p === 'conf/redis.conf' ? 'requirepass staged\n' : undefined) });
    expect(ctx.readFile('conf/redis.conf')?.text).toBe('requirepass staged\n');
  });
});
