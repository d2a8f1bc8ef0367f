/**
 * The key a package's digest is recorded under among a result's dependencies, in place of a file's
 * path (`@package:<folder>`): all its source files and folders with their stamps as one value
 * (rules/resolve/modules.ts). Its own module, so the plugin's load path does not pull the graph in.
 */
export const LISTING = '@package:';
