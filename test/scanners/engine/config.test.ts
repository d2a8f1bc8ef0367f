import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveConfig } from '../../../src/engine/config';
import { makeRepo } from './helpers';

const error = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('is the default with no config anywhere', () => {
    expect(loadConfig({ root: makeRepo({ 'package.json': '{"name":"x"}' }) })).toEqual({ rules: {}, ignore: [], extraImages: [], environments: {}, applications: {}, link: true });
  });

  it('reads redis-auth.config.json first, then the package.json key', () => {
    const both = makeRepo({
      'redis-auth.config.json': JSON.stringify({ rules: { 'conf-no-auth': 'warning' } }),
      'package.json': JSON.stringify({ 'redis-auth': { rules: { 'conf-no-auth': 'off' } } }),
    });
    expect(loadConfig({ root: both })).toMatchObject({ rules: { 'conf-no-auth': 'warning' }, source: 'redis-auth.config.json' });
    const pkg = makeRepo({ 'package.json': JSON.stringify({ name: 'x', 'redis-auth': { ignore: ['legacy/'], environments: { ACC: 'staging' } } }) });
    expect(loadConfig({ root: pkg })).toMatchObject({ ignore: ['legacy/'], environments: { acc: 'staging' }, source: 'package.json#redis-auth' });
  });

  it('reads an explicit file relative to the cwd', () => {
    const root = makeRepo({ 'ci/strict.json': JSON.stringify({ extraImages: ['registry.example.com/redis-hardened'] }) });
    expect(loadConfig({ root, file: 'ci/strict.json', cwd: root })).toMatchObject({ extraImages: ['registry.example.com/redis-hardened'], source: 'ci/strict.json' });
    expect(error(() => loadConfig({ root, file: 'ci/none.json', cwd: root }))).toBe('ci/none.json: config file not found');
  });

  it('explains what is wrong in one line', () => {
    expect(error(() => loadConfig({ root: makeRepo({ 'redis-auth.config.json': '{"rules": ' }) }))).toMatch(/^redis-auth\.config\.json: invalid JSON/);
    expect(error(() => resolveConfig({ rule: {} }, 'c.json'))).toBe("c.json: invalid configuration: config has unknown property 'rule'");
    expect(error(() => resolveConfig({ rules: { 'conf-no-auth': 'fatal' } }, 'c.json'))).toBe(
      'c.json: invalid configuration: rules.conf-no-auth must be one of "off", "error", "warning", "note"',
    );
    expect(error(() => resolveConfig({ environments: { acc: 'qa' } }, 'c.json'))).toBe(
      'c.json: invalid configuration: environments.acc must be one of "dev", "test", "staging", "prod"',
    );
    expect(error(() => resolveConfig({ ignore: [''] }, 'c.json'))).toMatch(/^c\.json: invalid configuration: ignore\.0 must NOT have fewer than 1 characters$/);
    for (const m of [error(() => resolveConfig([], 'c.json')), error(() => resolveConfig('x', 'c.json'))]) expect(m).not.toContain('\n');
  });

  it('accepts $schema for editors', () => {
    expect(resolveConfig({ $schema: './node_modules/eslint-plugin-redis-auth/schema/redis-auth.schema.json' }, 'c.json').rules).toEqual({});
  });
});
