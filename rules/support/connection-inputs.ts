/**
 * The environment variables and config keys a connection reads, and what each one is to it: a
 * whole URL (`new Redis(process.env.REDIS_URL)`), its password (`password: env.REDIS_PASSWORD`,
 * `redis://:${process.env.REDIS_PASSWORD}@…`), its host, or some other option. The link between
 * code and deployment (src/link/) asks each environment what it sets these names to.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { CodeInput } from '../../src/core/facts';
import type { Connection } from './connections';
import { returnedExpression } from './connections';
import { PASSWORD_KEYS, URL_KEYS } from './profiles';
import { Resolver, alternatives, render, type Value } from '../resolve/value';

type Role = CodeInput['role'];

const HOST_KEYS = new Set(['host', 'hostname', 'server']);
const MAX_DEPTH = 8;

/** Role from the name alone, for a value whose position says nothing (`new Redis(x)`). */
function roleOfName(name: string, fallback: Role): Role {
  if (/pass(word)?|secret|token|auth/i.test(name)) return 'password';
  if (/url|uri|dsn|conn/i.test(name)) return 'url';
  if (/host|addr|server|endpoint/i.test(name)) return 'host';
  if (/port|db|database|tls|timeout/i.test(name)) return 'other';
  return fallback;
}

export function connectionInputs(sourceCode: Readonly<TSESLint.SourceCode>, connection: Connection, resolver = new Resolver(sourceCode)): CodeInput[] {
  const out = new Map<string, CodeInput>();
  const add = (value: Extract<Value, { kind: 'external' }>, role: Role) => {
    if (!value.name || value.source === 'secret') return;
    const key = `${value.source}:${value.name}:${role}`;
    if (out.has(key)) return;
    out.set(key, { name: value.name, source: value.source, role, line: value.node.loc.start.line, column: value.node.loc.start.column + 1 });
  };

  const visit = (value: Value, role: Role, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const alt of alternatives(value)) {
      switch (alt.kind) {
        case 'external':
          add(alt, role === 'url' ? roleOfName(alt.name ?? '', 'url') : role);
          break;
        case 'string':
          visitString(alt, role, depth);
          break;
        case 'object':
          for (const [key, prop] of alt.props) {
            if (key === 'useFactory' && prop.value.kind === 'function') {
              const returned = returnedExpression(prop.value.node);
              if (returned) visit(resolver.resolve(returned), 'url', depth + 1);
              continue;
            }
            const keyRole: Role = PASSWORD_KEYS.includes(key)
              ? 'password'
              : URL_KEYS.includes(key)
                ? 'url'
                : HOST_KEYS.has(key)
                  ? 'host'
                  : prop.value.kind === 'object' || prop.value.kind === 'array' || prop.value.kind === 'either'
                    ? 'url'
                    : 'other';
            visit(prop.value, keyRole, depth + 1);
          }
          break;
        case 'array':
          for (const el of alt.elements) visit(el, role, depth + 1);
          break;
        default:
          break;
      }
    }
  };

  /** A template or concatenation: a hole before the `@` of a URL is userinfo, after it the host. */
  const visitString = (value: Extract<Value, { kind: 'string' }>, role: Role, depth: number): void => {
    const { text, spans } = render(value);
    const at = text.indexOf('@');
    for (const { from, piece } of spans) {
      if (piece.kind !== 'hole') continue;
      const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
      const holeRole: Role = !isUrl ? role : at > from ? 'password' : 'host';
      if (piece.value.kind === 'external') add(piece.value, holeRole === 'host' ? roleOfName(piece.value.name ?? '', 'host') : holeRole);
      else visit(piece.value, holeRole, depth + 1);
    }
  };

  const node = connection.node;
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    for (const arg of node.arguments) {
      if (arg.type === 'SpreadElement') continue;
      visit(resolver.resolve(arg), 'url', 0);
    }
  } else visit(resolver.resolve(node), 'url', 0);
  return [...out.values()];
}
