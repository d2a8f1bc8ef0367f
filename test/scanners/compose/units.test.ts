import { describe, expect, it } from 'vitest';
import { interpolate, originOf } from '../../../scanners/compose/interpolate';
import { splitWords } from '../../../scanners/compose/shell-words';
import { parseShortPort } from '../../../scanners/compose/model';
import { detectCompose } from '../../../scanners/compose';

const vars = new Map([
  ['SET', 'value'],
  ['EMPTY', ''],
  ['HOST', 'cache'],
]);

describe('interpolate', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${UNSET:+alt}', ''],
    ['${UNSET:-${HOST}:6379}', 'cache:6379'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['pre-${SET}-post', 'pre-value-post'],
    ['${UNSET:?must be set}', ''],
  ])('%s -> %s', (text, want) => {
    expect(interpolate(text, vars)).toBe(want);
  });
});

describe('originOf', () => {
  it('tells literals, variables, defaults and container-side expansions apart', () => {
    expect(originOf('hunter2', vars)).toEqual({ kind: 'literal', value: 'hunter2', offset: 0 });
    expect(originOf('${REDIS_PASSWORD}', vars)).toMatchObject({ kind: 'env', name: 'REDIS_PASSWORD', mandatory: false });
    expect(originOf('${REDIS_PASSWORD:?required}', vars)).toMatchObject({ kind: 'env', mandatory: true });
    expect(originOf('${PW:-fallback123}', vars)).toEqual({ kind: 'literal', value: 'fallback123', offset: 6 });
    expect(originOf('${SET:-fallback}', vars)).toMatchObject({ kind: 'env', name: 'SET', value: 'value' });
    expect(originOf('${EMPTY}', vars)).toMatchObject({ kind: 'env', value: '' });
    expect(originOf('$$(cat $$REDIS_PASS_FILE)', vars)).toMatchObject({ kind: 'container', file: '$REDIS_PASS_FILE' });
    expect(originOf('$$REDIS_PASSWORD', vars)).toMatchObject({ kind: 'container', name: 'REDIS_PASSWORD' });
    expect(originOf('a${SET}b', vars)).toMatchObject({ kind: 'mixed' });
    expect(originOf('', vars)).toEqual({ kind: 'empty' });
  });
});

describe('splitWords', () => {
  it('splits like a shell without running one, keeping raw spans', () => {
    const words = splitWords(`redis-server --requirepass "a b" 'c d' e\\ f \${X:-g h}`);
    expect(words.map((w) => w.value)).toEqual(['redis-server', '--requirepass', 'a b', 'c d', 'e f', '${X:-g h}']);
    expect(words[2]).toMatchObject({ raw: '"a b"', start: 27 });
  });
  it('marks control operators in scripts', () => {
    expect(splitWords('a && b; c | d').filter((w) => w.op).map((w) => w.value)).toEqual(['&&', ';', '|']);
  });
});

describe('parseShortPort', () => {
  it.each([
    ['6379', { hostIp: undefined, published: undefined, target: '6379/tcp' }],
    ['6379:6379', { hostIp: undefined, published: '6379', target: '6379/tcp' }],
    ['127.0.0.1:6379:6379', { hostIp: '127.0.0.1', published: '6379', target: '6379/tcp' }],
    ['127.0.0.1::6379', { hostIp: '127.0.0.1', published: undefined, target: '6379/tcp' }],
    ['[::1]:6379:6379/udp', { hostIp: '::1', published: '6379', target: '6379/udp' }],
    [':6379:6379', { hostIp: undefined, published: '6379', target: '6379/tcp' }],
  ])('%s', (text, want) => {
    expect(parseShortPort(text)).toEqual(want);
  });
});

describe('detectCompose', () => {
  it('needs a compose name, a services key and a Redis-family word', () => {
    expect(detectCompose('docker-compose.yml', 'services:\n  cache:\n    image: redis\n')).toBe(true);
    expect(detectCompose('deploy/compose.prod.yaml', 'services:\n  cache:\n    image: valkey/valkey\n')).toBe(true);
    expect(detectCompose('docker-compose.override.yml', 'services:\n  app:\n    environment:\n      REDIS_URL: redis://x\n')).toBe(true);
    // No Redis word: the app may still run this repository's image with its variables from an env_file.
    expect(detectCompose('docker-compose.prod.yml', 'services:\n  app:\n    image: ghcr.io/acme/api\n    env_file: .env.production\n')).toBe(true);
    expect(detectCompose('compose.yaml', 'services:\n  c:\n    image: corp/cache-hardened:2\n')).toBe(true);
    expect(detectCompose('values.yaml', 'services:\n  cache:\n    image: redis\n')).toBe(false);
    expect(detectCompose('docker-stack.yml', 'services:\n  cache:\n    image: redis\n')).toBe(false);
    expect(detectCompose('compose.yaml', 'redis:\n  image: redis\n')).toBe(false);
  });
});
