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

const SERVER_SECRETS = new Set(['requirepass', 'masterauth', 'primaryauth']);

function isServerSecretName(node: TSESTree.Node | undefined | null): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'string' && SERVER_SECRETS.has(n.value.toLowerCase());
}

function isWord(node: TSESTree.Node | undefined | null, word: string): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'string' && n.value.toLowerCase() === word;
}

/**
 * The value of a server password set from code: `configSet('requirepass', pw)`,
 * `config('SET', 'requirepass', pw)`, `sendCommand(['CONFIG', 'SET', 'requirepass', pw])`.
 */
export function configSetSecretArgument(node: TSESTree.CallExpression): TSESTree.Node | undefined {
  const info = methodCall(node);
  if (!info) return undefined;
  const args = node.arguments;
  if (info.method === 'configSet' && isServerSecretName(args[0])) return args[1];
  if ((info.method === 'config' || info.method === 'call') && isWord(args[0], info.method === 'call' ? 'config' : 'set')) {
    const rest = info.method === 'call' ? args.slice(1) : args;
    if (isWord(rest[0], 'set') && isServerSecretName(rest[1])) return rest[2];
  }
  if (info.method === 'sendCommand') {
    const first = args[0] && unwrap(args[0]);
    if (first?.type !== 'ArrayExpression') return undefined;
    const [cmd, sub, name, value] = first.elements;
    if (isWord(cmd, 'config') && isWord(sub, 'set') && isServerSecretName(name) && value && value.type !== 'SpreadElement') return value;
  }
  return undefined;
}

/** A `>password` rule literal: `'>s3cret'`. */
function passwordRule(node: TSESTree.Node | null | undefined): TSESTree.StringLiteral | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'string' && n.value.startsWith('>') && n.value.length > 1
    ? (n)
    : undefined;
}

function ruleLiterals(nodes: ReadonlyArray<TSESTree.Node | null>): TSESTree.StringLiteral[] {
  const out: TSESTree.StringLiteral[] = [];
  for (const node of nodes) {
    const n = node && node.type !== 'SpreadElement' ? unwrap(node) : undefined;
    if (n?.type === 'ArrayExpression') out.push(...ruleLiterals(n.elements));
    else {
      const rule = passwordRule(n);
      if (rule) out.push(rule);
    }
  }
  return out;
}

/**
 * The `>password` rules of an ACL SETUSER sent from code: `sendCommand(['ACL', 'SETUSER', 'app',
 * 'on', '>pw'])`, `call('ACL', 'SETUSER', …)`, `acl('SETUSER', …)`, node-redis `aclSetUser('app',
 * ['on', '>pw'])`. The password is the literal after `>`.
 */
export function aclSetUserPasswordRules(node: TSESTree.CallExpression): TSESTree.StringLiteral[] {
  const info = methodCall(node);
  if (!info) return [];
  const args = node.arguments;
  if (info.method === 'aclSetUser') return ruleLiterals(args.slice(1));
  if (info.method === 'acl' && isWord(args[0], 'setuser')) return ruleLiterals(args.slice(2));
  if (info.method === 'sendCommand') {
    const first = args[0] && unwrap(args[0]);
    if (first?.type !== 'ArrayExpression') return [];
    const [cmd, sub] = first.elements;
    return isWord(cmd, 'acl') && isWord(sub, 'setuser') ? ruleLiterals(first.elements.slice(3)) : [];
  }
  if (['call', 'callBuffer', 'send_command', 'sendCommandAsync'].includes(info.method) && isWord(args[0], 'acl')) {
    const second = args[1] && unwrap(args[1]);
    if (second?.type === 'ArrayExpression') {
      return isWord(second.elements[0], 'setuser') ? ruleLiterals(second.elements.slice(2)) : [];
    }
    return isWord(args[1], 'setuser') ? ruleLiterals(args.slice(3)) : [];
  }
  return [];
}
