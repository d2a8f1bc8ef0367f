import { describe, expect, it } from 'vitest';
import { aclScanner, analyzeConf, redisConfScanner, sentinelScanner } from '../../../scanners/redis-conf';

const claims = (path: string, text: string) =>
  [sentinelScanner, redisConfScanner, aclScanner].filter((s) => s.detect(path, text)).map((s) => s.kind);

const DASH_SENTINEL = `# specify path to dash.conf or leave blank
# default is the same as DashCore
#dash_conf=/home/evan82/.dashcore/dash.conf

# valid options are mainnet, testnet (default=mainnet)
network=mainnet
#network=testnet

# database connection details
db_name=database/sentinel.db
db_driver=sqlite
`;

const NGINX = `user www-data;
worker_processes auto;
pid /run/nginx.pid;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 768; }
`;

const SUPERVISOR = `[program:redis]
command=redis-server /etc/redis/redis.conf --requirepass x
autostart=true
`;

describe('detect', () => {
  it.each([
    ['redis.conf', 'bind 127.0.0.1 -::1\nprotected-mode yes\nport 6379\n', ['redis-conf']],
    ['config/cache.conf', 'requirepass x\n', ['redis-conf']],
    ['6379.conf', 'port 6379\ndaemonize no\n', ['redis-conf']],
    ['valkey.conf', 'primaryauth x\n', ['redis-conf']],
    ['redis/extra.conf', 'user default on nopass ~* +@all\n', ['redis-conf']],
    ['redis.conf.template', 'requirepass ${REDIS_PASSWORD}\n', ['redis-conf']],
    ['sentinel.conf', 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\n', ['sentinel']],
    ['sentinel/sentinel-26379.conf', 'SENTINEL MONITOR m 10.0.0.1 6379 2\n', ['sentinel']],
    ['users.acl', 'user default off\nuser app on #abc ~* +@all\n', ['acl']],
    ['acl/users', 'user default on nopass ~* +@all\n', ['acl']],
  ])('%s is claimed by %j', (path, text, kinds) => {
    expect(claims(path, text)).toEqual(kinds);
  });

  it.each([
    ['sentinel.conf', DASH_SENTINEL],
    ['nginx.conf', NGINX],
    ['supervisord.conf', SUPERVISOR],
    ['README.md', 'Set `requirepass foobared` in redis.conf\nrequirepass foobared\n'],
    ['docker-compose.yml', 'command: redis-server --requirepass x\nrequirepass x\n'],
    ['app.conf', 'port 8080\n'],
    ['users.acl', 'alice:x:1000:1000::/home/alice:/bin/sh\n'],
  ])('%s is not Redis', (path, text) => {
    expect(claims(path, text)).toEqual([]);
  });
});

describe('sentinel base files', () => {
  it('a sentinel config without `sentinel monitor` is claimed by no scanner (not a redis.conf)', () => {
    const base = 'port 26379\ndaemonize no\nacllog-max-len 128\n# sentinel monitor mymaster 127.0.0.1 6379 2\nsentinel deny-scripts-reconfig yes\nSENTINEL resolve-hostnames no\n';
    expect(claims('sentinel.conf', base)).toEqual([]);
  });
});

describe('pathological input', () => {
  it('classifies and analyses a 1 MiB one-line or many-token file without blowing up', () => {
    for (const text of ['x'.repeat(1 << 20), 'a '.repeat(1 << 18), '{{'.repeat(1 << 18), `requirepass "${'\\x'.repeat(1 << 18)}`]) {
      expect(claims('a.conf', text)).toEqual(expect.any(Array));
      expect(analyzeConf(text, { file: 'a.conf' }).fact.kind).toBe('server');
    }
  });
});
