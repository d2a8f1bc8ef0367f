/**
 * The redis.conf language, shared by every scanner that meets conf text: standalone files, a
 * compose `command:` or mounted conf, Helm `commonConfiguration`, a ConfigMap's `redis.conf`.
 */
export { analyzeConf, effectiveAuth, replicaNoMasterAuth } from './analyze';
export type { ConfAnalysis, ConfAnalysisOptions, EffectiveAuth } from './analyze';
export { splitConfArgs, tokenizeConfLine, readConfLines } from './tokenizer';
export type { ConfToken } from './tokenizer';
export { applyAclRules, builtInDefaultUser, resetUser, verdictOf, isValidPasswordHash } from './acl';
export type { AclUserState, DefaultUserVerdict } from './acl';
export { parseAclFile } from './acl-file';
export { isTemplatePath, judgeLiteral } from './secrets';
export { ACL_CHECKS, CONF_CHECKS, SENTINEL_CHECKS } from './checks';
export { analyzeEmbedded } from './embedded';
