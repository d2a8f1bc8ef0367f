/**
 * The scan's stamped cache of source connections (src/cli/code-reader.ts), from the build (the
 * lazy analysis cannot load from TypeScript sources): a warm run reads no source file, a changed
 * file is read again alone, and the cache does not depend on how the root was spelled.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, PACKAGE_ROOT } from '../scanners/cli/built-cli';
import type { CodeReader } from '../../src/engine/kit/contract';

const before = process.env.REDIS_AUTH_CACHE;
beforeAll(() => buildOnce());
afterAll(() => {
  if (before === undefined) delete process.env.REDIS_AUTH_CACHE;
  else process.env.REDIS_AUTH_CACHE = before;
});

const built = () => createRequire(__filename)(join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'code-reader.js')) as { lazyCodeReader: (root: string) => CodeReader };

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'redis-auth-code-cache-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}

const OPENS = "const Redis = require('ioredis');\nmodule.exports = new Redis(process.env.REDIS_URL);\n";
const PLAIN = 'module.exports = (a, b) => a + b;\n';

function read(root: string, paths: string[], rootAs = root, refused: readonly string[] = []) {
  const seen: string[] = [];
  const result = built()
    .lazyCodeReader(rootAs)
    .read(paths, (p) => {
      seen.push(p);
      return refused.includes(p) ? undefined : { path: p, absPath: join(root, p), text: readFileSync(join(root, p), 'utf8') };
    });
  return { seen, facts: result.facts.map((f) => `${f.file}:${f.line}`) };
}

describe('the stamped cache of source connections', () => {
  it('reads nothing when no file changed, and only the changed file after an edit', () => {
    process.env.REDIS_AUTH_CACHE = '1';
    const root = repo({ 'src/redis.js': OPENS, 'src/add.js': PLAIN, 'src/sub.js': PLAIN });
    const paths = ['src/add.js', 'src/redis.js', 'src/sub.js'];
    expect(read(root, paths)).toEqual({ seen: paths, facts: ['src/redis.js:2'] });
    expect(read(root, paths)).toEqual({ seen: [], facts: ['src/redis.js:2'] });
    // A plain file that starts opening a connection is seen: its stamp changed.
    writeFileSync(join(root, 'src/add.js'), `${OPENS}\n`);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src/add.js'), later, later);
    expect(read(root, paths)).toEqual({ seen: ['src/add.js'], facts: ['src/redis.js:2', 'src/add.js:2'] });
    // A file gone is dropped from the facts without reading anything.
    expect(read(root, ['src/add.js', 'src/sub.js'])).toEqual({ seen: [], facts: ['src/add.js:2'] });
  });

  it('a new file in the list is read alone; the others keep their stamps wherever they moved in the list', () => {
    process.env.REDIS_AUTH_CACHE = '1';
    const root = repo({ 'src/redis.js': OPENS, 'src/sub.js': PLAIN, 'src/a.js': OPENS });
    expect(read(root, ['src/redis.js', 'src/sub.js']).seen).toEqual(['src/redis.js', 'src/sub.js']);
    expect(read(root, ['src/a.js', 'src/redis.js', 'src/sub.js'])).toEqual({ seen: ['src/a.js'], facts: ['src/redis.js:2', 'src/a.js:2'] });
    expect(read(root, ['src/a.js', 'src/redis.js', 'src/sub.js'])).toEqual({ seen: [], facts: ['src/a.js:2', 'src/redis.js:2'] });
  });

  it('a file the reader refuses (a test, an ignored file) is asked again on every run and parsed once it is accepted', () => {
    process.env.REDIS_AUTH_CACHE = '1';
    const root = repo({ 'src/redis.js': OPENS, 'test/redis.js': OPENS });
    const paths = ['src/redis.js', 'test/redis.js'];
    expect(read(root, paths, root, ['test/redis.js'])).toEqual({ seen: paths, facts: ['src/redis.js:2'] });
    expect(read(root, paths, root, ['test/redis.js'])).toEqual({ seen: ['test/redis.js'], facts: ['src/redis.js:2'] });
    expect(read(root, paths)).toEqual({ seen: ['test/redis.js'], facts: ['src/redis.js:2', 'test/redis.js:2'] });
    expect(read(root, paths)).toEqual({ seen: [], facts: ['src/redis.js:2', 'test/redis.js:2'] });
  });

  it('one cache per root, whatever the working directory: a relative spelling of the root hits it', () => {
    process.env.REDIS_AUTH_CACHE = '1';
    const root = repo({ 'src/redis.js': OPENS });
    expect(read(root, ['src/redis.js']).seen).toEqual(['src/redis.js']);
    expect(read(root, ['src/redis.js'], relative(process.cwd(), root)).seen).toEqual([]);
    const other = repo({ 'src/redis.js': OPENS });
    expect(read(other, ['src/redis.js']).seen).toEqual(['src/redis.js']);
  });

  it('a repository cannot aim the cache: a FIFO at the cache file is not read, a committed .cache symlink leading out is not written through', () => {
    process.env.REDIS_AUTH_CACHE = '1';
    const outside = mkdtempSync(join(tmpdir(), 'redis-auth-cache-victim-'));
    const root = repo({ 'src/redis.js': OPENS, 'node_modules/.keep': '' });
    symlinkSync(outside, join(root, 'node_modules', '.cache'));
    expect(read(root, ['src/redis.js'])).toEqual({ seen: ['src/redis.js'], facts: ['src/redis.js:2'] });
    expect(readdirSync(outside)).toEqual([]);

    const fifoRoot = repo({ 'src/redis.js': OPENS, 'node_modules/.cache/redis-auth/.keep': '' });
    const r = spawnSync('mkfifo', [join(fifoRoot, 'node_modules/.cache/redis-auth/code-connections.json')]);
    expect(r.status).toBe(0);
    // Opening a FIFO for reading would wait for a writer forever; the safe reader does not.
    expect(read(fifoRoot, ['src/redis.js']).facts).toEqual(['src/redis.js:2']);
  });
});

