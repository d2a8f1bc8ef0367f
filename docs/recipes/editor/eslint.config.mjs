// eslint.config.mjs: the redis-auth rules on JS/TS, and the config scanners inside ESLint so the
// editor underlines problems in docker-compose.yml, Helm values, Kubernetes manifests,
// redis.conf and .env files, at the directive or key to fix.
import redisAuth from 'eslint-plugin-redis-auth';

export default [
  ...redisAuth.configs.recommended,
  ...redisAuth.configs.configFiles,
];
