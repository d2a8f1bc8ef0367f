import type { TSESTree } from '@typescript-eslint/utils';
import { methodCall } from './is-method-call';
import { unwrap } from './unwrap';
import { propertyName } from './property-name';

function isAuthWord(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'string' && n.value.toLowerCase() === 'auth';
}

function lastValueArgument(args: readonly TSESTree.Node[]): TSESTree.Node | undefined {
  const values = args.filter((a) => {
    const n = unwrap(a);
    return n.type !== 'ArrowFunctionExpression' && n.type !== 'FunctionExpression' && n.type !== 'SpreadElement';
  });
  return values[values.length - 1];
}

/**
 * The expression holding the password in an AUTH sent by hand: `client.auth(pw)`,
 * `client.auth(user, pw)`, `client.auth({ username, password })`, `sendCommand(['AUTH', pw])`,
 * `call('auth', user, pw)`, `send_command('auth', [pw])`. Undefined for any other call.
 */
export function authPasswordArgument(node: TSESTree.CallExpression): TSESTree.Node | undefined {
  const info = methodCall(node);
  if (!info) return undefined;
  const args = node.arguments;
  switch (info.method) {
    case 'auth':
    case 'AUTH': {
      const last = lastValueArgument(args);
      if (!last) return undefined;
      const n = unwrap(last);
      if (n.type === 'ObjectExpression') {
        for (const p of n.properties) {
          if (p.type === 'Property' && propertyName(p.key, p.computed) === 'password') return p.value;
        }
        return undefined;
      }
      return last;
    }
    case 'sendCommand': {
      const first = args[0] && unwrap(args[0]);
      if (first?.type !== 'ArrayExpression' || !isAuthWord(first.elements[0] ?? undefined)) return undefined;
      const rest = first.elements.slice(1).filter((e): e is TSESTree.Expression => !!e && e.type !== 'SpreadElement');
      return rest[rest.length - 1];
    }
    case 'call':
    case 'callBuffer':
    case 'send_command':
    case 'sendCommandAsync': {
      if (!isAuthWord(args[0])) return undefined;
      const second = args[1] && unwrap(args[1]);
      if (second?.type === 'ArrayExpression') {
        const rest = second.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== 'SpreadElement');
        return rest[rest.length - 1];
      }
      return lastValueArgument(args.slice(1));
    }
    default:
      return undefined;
  }
}
