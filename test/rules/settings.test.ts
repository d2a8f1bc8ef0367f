/** Shared settings: read by every rule, and checked with a message that names the bad entry. */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules';

const linter = new Linter({ configType: 'flat' });
const lint = (code: string, settings: unknown, rule = 'require-auth') =>
  linter.verify(code, [
    {
      files: ['**/*.js'],
      plugins: { 'redis-auth': { rules } as never },
      rules: { [`redis-auth/${rule}`]: 'error' },
      settings: { 'redis-auth': settings },
      languageOptions: { sourceType: 'module' },
    },
  ], { filename: 'src/a.js' });

describe("settings['redis-auth']", () => {
  const code = `import { open } from '@acme/kv';\nopen({ host: 'kv', secretPass: 'Zq8-long-enough-1' });`;
  const settings = { clients: [{ module: '@acme/kv', export: 'open', kind: 'call' }], credentialOptions: ['secretPass'] };

  it('teaches every rule the same clients and credential names', () => {
    expect(lint(code, settings, 'require-auth')).toEqual([]);
    expect(lint(code, settings, 'no-hardcoded-credentials').map((m) => m.message)).toEqual([
      'Redis password `Zq****-1` is hardcoded.',
    ]);
    expect(lint(code, { clients: settings.clients }, 'require-auth').map((m) => m.message)).toEqual([
      '`open` connects to kv (from the options) without a password.',
    ]);
  });

  it('rejects a malformed entry with a message naming it', () => {
    expect(() => lint(code, { clients: [{ export: 'open' }] })).toThrow("settings['redis-auth'].clients[0].module");
    expect(() => lint(code, { clients: [{ module: 'x', exports: 'open' }] })).toThrow('unknown property `exports`');
    expect(() => lint(code, { clients: {} })).toThrow("settings['redis-auth'].clients must be an array");
  });
});
