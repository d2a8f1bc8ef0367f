/**
 * A file's connections computed from other files (a caller passes the URL) are read again when
 * those files change, though the file itself did not (src/cli/code-dependencies.ts over the code
 * cache), and a warm run with nothing changed reads nothing. From the build, like the code cache.
 */
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, PACKAGE_ROOT } from '../scanners/cli/built-cli';
import type { CodeReader } from '../../src/engine/kit/contract';

const before = process.env.REDIS_AUTH_CACHE;
beforeAll(() => buildOnce());
afterAll(() => {
  if (before === undefined) delete process.env.REDIS_AUTH_CACHE;
  else process.env.REDIS_AUTH_CACHE = before;
});

const load = (file: string): unknown => createRequire(__filename)(join(PACKAGE_ROOT, 'dist', 'src', 'cli', file));

let tick = 0;
function write(root: string, path: string, body: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
  // A new stamp even within the file system's time resolution.
  const later = new Date(Date.now() + 5000 * ++tick);
  utimesSync(join(root, path), later, later);
}

function read(root: string, paths: string[]) {
  const { lazyCodeReader } = load('code-reader.js') as { lazyCodeReader: (root: string) => CodeReader };
  const { dependencyAware } = load('code-dependencies.js') as { dependencyAware: (inner: CodeReader, root: string) => CodeReader };
  const seen: string[] = [];
  const result = dependencyAware(lazyCodeReader(root), root).read(paths, (p) => {
    seen.push(p);
    return { path: p, absPath: join(root, p), text: readFileSync(join(root, p), 'utf8') };
  });
  return { seen: seen.sort(), reads: result.facts.flatMap((f) => f.inputs.map((i) => `${f.file}<-${i.name}@${i.file ?? f.file}`)).sort() };
}

const FACTORY = "import Redis from 'ioredis';\nexport function make(url) {\n  return new Redis(url);\n}\n";
const caller = (name: string) => `import { make } from './redis.mjs';\nexport const r = make(process.env.${name});\n`;

describe('connections that depend on other files, behind the code cache', () => {
  it('follow a changed or a new caller, and read nothing when nothing changed', () => {
    process.env.REDIS_AUTH_CACHE = '1';
    const root = mkdtempSync(join(tmpdir(), 'redis-auth-code-deps-'));
    write(root, 'package.json', '{"name":"app"}');
    write(root, 'src/redis.mjs', FACTORY);
    write(root, 'src/app.mjs', caller('A_URL'));
    const paths = ['src/app.mjs', 'src/redis.mjs'];
    expect(read(root, paths)).toEqual({ seen: paths, reads: ['src/redis.mjs<-A_URL@src/app.mjs'] });
    expect(read(root, paths)).toEqual({ seen: [], reads: ['src/redis.mjs<-A_URL@src/app.mjs'] });
    // The caller changes, the factory does not: the factory's connection is read again.
    write(root, 'src/app.mjs', caller('B_URL'));
    expect(read(root, paths)).toEqual({ seen: ['src/app.mjs', 'src/redis.mjs'], reads: ['src/redis.mjs<-B_URL@src/app.mjs'] });
    expect(read(root, paths)).toEqual({ seen: [], reads: ['src/redis.mjs<-B_URL@src/app.mjs'] });
    // A new caller in a new file.
    write(root, 'src/jobs/worker.mjs', caller('C_URL').replace('./redis.mjs', '../redis.mjs'));
    const more = ['src/app.mjs', 'src/jobs/worker.mjs', 'src/redis.mjs'];
    expect(read(root, more).reads).toEqual(['src/redis.mjs<-B_URL@src/app.mjs', 'src/redis.mjs<-C_URL@src/jobs/worker.mjs']);
    expect(read(root, more).seen).toEqual([]);
  });

  it('a factory nobody calls yet is read again when its first caller appears', () => {
    process.env.REDIS_AUTH_CACHE = '1';
    const root = mkdtempSync(join(tmpdir(), 'redis-auth-code-deps-'));
    write(root, 'package.json', '{"name":"app"}');
    write(root, 'src/redis.mjs', FACTORY);
    write(root, 'src/app.mjs', 'export const nothing = 1;\n');
    const paths = ['src/app.mjs', 'src/redis.mjs'];
    expect(read(root, paths).reads).toEqual([]);
    write(root, 'src/app.mjs', caller('A_URL'));
    expect(read(root, paths).reads).toEqual(['src/redis.mjs<-A_URL@src/app.mjs']);
  });
});
