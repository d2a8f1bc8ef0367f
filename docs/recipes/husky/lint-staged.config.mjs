// lint-staged.config.mjs: ESLint (with eslint-plugin-redis-auth) on staged JS/TS files, and the
// redis-auth scanner once when any config file it reads is staged. The scanner takes no file
// list: it reads the staged content from the git index itself (a function entry runs without
// file names, and once, however many files matched).
export default {
  '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --max-warnings=0',
  '{*.{conf,acl,yml,yaml,env},.env*}': () => 'redis-auth scan --staged',
};
