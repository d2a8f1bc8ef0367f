/**
 * Package entry: the ESLint plugin object (rules, configs). Built by the rules work; this stub
 * keeps `require('eslint-plugin-redis-auth')` loadable meanwhile.
 */
const plugin = {
  meta: { name: 'eslint-plugin-redis-auth', version: '0.1.0' },
  rules: {},
  configs: {},
};

export = plugin;
