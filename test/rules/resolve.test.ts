/** Static value resolution, seen directly: what `target` is known to hold. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { Resolver, staticText, render, HOLE, type Value } from '../../rules/resolve/value';
import { readUrl } from '../../rules/resolve/url';

function resolveTarget(code: string): Value {
  let value: Value | undefined;
  const rule = {
    meta: { schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        'VariableDeclarator[id.name="target"]'(node: TSESTree.VariableDeclarator) {
          value = new Resolver(context.sourceCode).resolve(node.init!);
        },
      };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts'], plugins: { t: { rules: { r: rule } } as never }, rules: { 't/r': 'error' }, languageOptions: { parser: tsParser } }],
    { filename: 'a.ts' },
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  if (!value) throw new Error('no target');
  return value;
}

const text = (code: string) => {
  const v = resolveTarget(code);
  return v.kind === 'string' ? render(v).text : v.kind;
};

describe('Resolver', () => {
  it('follows const bindings through several hops, spreads, destructuring and TS wrappers', () => {
    expect(text(`const a = 'x'; const b = a; const c = b as string; const target = c!;`)).toBe('x');
    expect(text(`const cfg = { redis: { pw: 'p' } } as const; const { redis: { pw } } = cfg; const target = pw;`)).toBe('p');
    const obj = resolveTarget(`const base = { host: 'h' }; const target = { ...base, port: 1 } satisfies object;`);
    expect(obj.kind === 'object' && [...obj.props.keys()]).toEqual(['host', 'port']);
    expect(obj.kind === 'object' && obj.complete).toBe(true);
  });

  it('renders templates and concatenation with holes for what it cannot know', () => {
    expect(text('const h = `cache`; const target = `redis://${h}:${6379}/${db}`;')).toBe(`redis://cache:6379/${HOLE}`);
    expect(text(`const target = 'redis://:' + process.env.PW + '@h';`)).toBe(`redis://:${HOLE}@h`);
  });

  it('marks outside values and unknowns, and never loops', () => {
    expect(resolveTarget(`const target = process.env.REDIS_PASSWORD;`).kind).toBe('external');
    expect(resolveTarget(`const target = import.meta.env.VITE_PW;`).kind).toBe('external');
    expect(resolveTarget(`const target = configService.get('redis.password');`).kind).toBe('external');
    expect(resolveTarget(`const target = await client.getSecretValue({ SecretId: 'x' });`).kind).toBe('external');
    expect(resolveTarget(`function f(p: string) { const target = p; }`).kind).toBe('unknown');
    expect(resolveTarget(`import { pw } from './config'; const target = pw;`).kind).toBe('unknown');
    expect(resolveTarget(`let v = 'a'; v = 'b'; const target = v;`).kind).toBe('unknown');
    expect(resolveTarget(`const target = { ...other };`)).toMatchObject({ kind: 'object', complete: false });
    expect(resolveTarget(`var a = b; var b = a; const target = a;`).kind).toBe('unknown');
  });

  it("follows the one return of the file's own functions, awaited or not, and a rest element of a destructuring", () => {
    expect(text(`function url() { return 'redis://cache:6379'; } const target = url();`)).toBe('redis://cache:6379');
    expect(text(`const opts = () => ({ host: 'h' }); const target = opts().host;`)).toBe('h');
    expect(text(`async function load() { return { host: 'h' }; } async function f() { const { host } = await load(); const target = host; }`)).toBe('h');
    const guarded = resolveTarget(`const password = process.env.PW; const target = { host: 'h', ...(password && { password }) };`);
    expect(guarded.kind === 'object' && [...guarded.props.keys()]).toEqual(['host', 'password']);
    const rest = resolveTarget(`const cfg = { host: 'h', port: 1, password: process.env.PW }; const { host, ...rest } = cfg; const target = rest;`);
    expect(rest.kind === 'object' && [...rest.props.keys()]).toEqual(['port', 'password']);
    // Look-alikes stay unknown: several returns, a parameter, an imported or recursive function, a method.
    expect(resolveTarget(`function f(a: boolean) { if (a) return 'x'; return 'y'; } const target = f(true);`).kind).toBe('unknown');
    expect(resolveTarget(`const f = (p: string) => p; const target = f('x');`).kind).toBe('unknown');
    expect(resolveTarget(`import { f } from './f'; const target = f();`).kind).toBe('unknown');
    expect(resolveTarget(`function f(): unknown { return f(); } const target = f();`).kind).toBe('unknown');
    expect(resolveTarget(`const o = { f: () => 'x' }; const target = o.f();`).kind).toBe('unknown');
    expect(resolveTarget(`const { a, ...rest } = something(); const target = rest;`).kind).toBe('unknown');
  });

  it('keeps every alternative of a fallback or a conditional', () => {
    const v = resolveTarget(`const target = process.env.PW || 'fallback';`);
    expect(v.kind === 'either' && v.options.map((o) => o.kind)).toEqual(['external', 'string']);
    expect(staticText(resolveTarget(`const target = 'a' + 'b';`))).toBe('ab');
  });
});

describe('readUrl', () => {
  const url = (code: string) => {
    const v = resolveTarget(code);
    if (v.kind !== 'string') throw new Error(v.kind);
    return readUrl(v);
  };
  it('tells literal, dynamic and absent passwords apart', () => {
    expect(url(`const target = 'redis://:pw-literal@h:6379';`)).toMatchObject({ password: 'literal', passwordText: 'pw-literal', host: 'h' });
    expect(url('const target = `redis://:${process.env.PW}@h`;')).toMatchObject({ password: 'dynamic' });
    expect(url(`const target = 'rediss://h:6380';`)).toMatchObject({ password: 'none', tls: true, host: 'h' });
    expect(url('const target = `redis://${auth}@h`;')).toMatchObject({ maybeHidden: true });
    expect(url('const target = `${base}/0`;')).toMatchObject({ opaque: true });
    const socket = url(`const target = 'unix:///run/redis.sock';`);
    expect(socket.socket).toBe(true);
    expect(socket.host).toBeUndefined();
  });
});
