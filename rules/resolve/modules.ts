/**
 * Values across the files of one package: an imported binding resolved in the module that exports
 * it (`import { connection } from './redis'`), and the files that call a function or construct a
 * class another module exports (the call sites of `createRedisClient(url)`). Bounded on purpose:
 * relative imports only, a depth limit, files of the same package (no nested package, no
 * `node_modules`, no tests), each file read through the safe source reader and parsed once per
 * graph (kept while its stamp holds). A cycle or a file that does not parse gives no value, never
 * a throw.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readSourceFile } from '../../src/engine/kit/context';
import { stampOf } from '../../src/engine/cache-file';
import { isRelaxedTier, tierOf } from '../../src/core/tiers';
import { Resolver, type Value } from './value';
import { LISTING } from './listing-key';

export { LISTING };

export type ParseModule = (abs: string, text: string) => Readonly<TSESLint.SourceCode> | undefined;

export interface ModuleInfo {
  abs: string;
  /** Root-relative, forward slashes. */
  file: string;
  sourceCode: Readonly<TSESLint.SourceCode>;
  resolver: Resolver;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SOURCE = /\.(?:[cm]?[jt]sx?)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor', 'tmp']);
/** Imports followed from one value: `a` imports from `b` imports from `c`. */
const MAX_HOPS = 4;
/** Source files listed per package; a larger package is searched in its first files only. */
const MAX_FILES = 5000;
const MAX_DEPTH = 12;

type ImportDef = { type: string; node: TSESTree.Node; parent?: TSESTree.Node | null; name: TSESTree.Identifier };

/** `member`: the variable is the whole module (`import * as m`, `const m = require('./m')`), the export is `m.member`. */
type Importers = Array<{ mod: ModuleInfo; variable: TSESLint.Scope.Variable; name: string; member?: string }>;

export class ModuleGraph {
  private readonly byProgram = new WeakMap<TSESTree.Node, ModuleInfo>();
  private readonly parsed = new Map<string, { stamp: string; info?: ModuleInfo }>();
  /** Per package folder: its source files and the folders listed (their stamps tell a file added or removed). */
  private readonly listings = new Map<string, Listing>();
  /** Per module and export names: the importers, and the stamps of every file and folder that decided them. */
  private readonly importerCache = new Map<string, { found: Importers; stamps: Map<string, string> }>();
  private readonly active = new Set<string>();
  private hops = 0;
  /** The files and folders read since `record()`: what a result depends on besides its own file. */
  private recording?: Map<string, string>;

  constructor(
    readonly root: string,
    private readonly parse: ParseModule,
  ) {}

  /** The file being analysed (root-relative `file`, or its absolute path), parsed already by whoever lints it. */
  register(sourceCode: Readonly<TSESLint.SourceCode>, file: string, abs = resolve(this.root, file)): ModuleInfo {
    const known = this.byProgram.get(sourceCode.ast);
    if (known) return known;
    return this.remember(sourceCode, abs);
  }

  private remember(sourceCode: Readonly<TSESLint.SourceCode>, abs: string): ModuleInfo {
    const info: ModuleInfo = {
      abs,
      file: relative(this.root, abs).split(sep).join('/'),
      sourceCode,
      resolver: undefined as unknown as Resolver,
    };
    info.resolver = new Resolver(sourceCode, {
      imported: (def, at) => this.importedValue(info, def, at),
      owner: (node) => this.moduleOf(node)?.resolver,
      required: (spec, at) => {
        const abs = this.target(info, spec);
        const value = abs ? this.exported(abs, 'default') : undefined;
        return value && value.kind !== 'unknown' ? value : { kind: 'unknown', node: at };
      },
    });
    this.byProgram.set(sourceCode.ast, info);
    return info;
  }

  /**
   * Starts noting every file and folder the graph consults; the function returned stops and gives
   * them (absolute path -> stamp), for a cache to tell when a result must be computed again.
   */
  record(): () => Map<string, string> {
    const outer = this.recording;
    const mine = new Map<string, string>();
    this.recording = mine;
    return () => {
      this.recording = outer;
      if (outer) for (const [k, v] of mine) outer.set(k, v);
      return mine;
    };
  }

  private note(abs: string, stamp: string | undefined): void {
    this.recording?.set(abs, stamp ?? 'missing');
  }

  /** The module a node of any parsed file belongs to. */
  moduleOf(node: TSESTree.Node): ModuleInfo | undefined {
    let n: TSESTree.Node | undefined = node;
    while (n?.parent) n = n.parent;
    return n ? this.byProgram.get(n) : undefined;
  }

  /** A project file, parsed; undefined outside the root, unreadable or not parsing. */
  load(abs: string): ModuleInfo | undefined {
    const stamp = stampOf(abs);
    this.note(abs, stamp);
    if (stamp === undefined) return undefined;
    const hit = this.parsed.get(abs);
    if (hit && hit.stamp === stamp) return hit.info;
    const rel = relative(this.root, abs);
    let info: ModuleInfo | undefined;
    if (!rel.startsWith('..')) {
      const read = readSourceFile(this.root, rel).file;
      const sourceCode = read ? this.parse(abs, read.text) : undefined;
      if (sourceCode) info = this.remember(sourceCode, abs);
    }
    this.parsed.set(abs, { stamp, info });
    return info;
  }

  /** The file a relative import names (`./redis`, `../config/index`, `./redis.js` for redis.ts). */
  target(from: ModuleInfo, spec: string): string | undefined {
    if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return undefined;
    const base = resolve(dirname(from.abs), spec);
    if (!isInside(this.root, base)) return undefined;
    const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
    // TypeScript's node16 resolution: `./redis.js` names `./redis.ts`.
    const js = /\.([cm]?)js$/.exec(base);
    if (js) candidates.push(base.replace(/\.[cm]?js$/, `.${js[1]}ts`), base.replace(/\.[cm]?js$/, `.${js[1]}tsx`));
    return candidates.find((c) => SOURCE.test(c) && !DECLARATION.test(c) && stampOf(c) !== undefined);
  }

  /** `import { x } from './m'`: what `m` exports as `x`, resolved there. */
  private importedValue(mod: ModuleInfo, def: ImportDef, at: TSESTree.Node): Value | undefined {
    const decl = def.parent;
    if (decl?.type !== 'ImportDeclaration' || decl.importKind === 'type') return undefined;
    const spec = def.node;
    const name =
      spec.type === 'ImportDefaultSpecifier'
        ? 'default'
        : spec.type === 'ImportSpecifier'
          ? spec.imported.type === 'Identifier'
            ? spec.imported.name
            : spec.imported.value
          : undefined;
    const abs = name === undefined ? undefined : this.target(mod, decl.source.value);
    if (!abs || name === undefined) return undefined;
    const value = this.exported(abs, name);
    return value && value.kind !== 'unknown' ? value : { kind: 'unknown', node: at };
  }

  /** What module `abs` exports as `name`, through re-exports; undefined when it cannot tell. */
  exported(abs: string, name: string): Value | undefined {
    const key = `${abs}#${name}`;
    if (this.active.has(key) || this.hops >= MAX_HOPS) return undefined;
    const mod = this.load(abs);
    if (!mod) return undefined;
    this.active.add(key);
    this.hops++;
    try {
      return this.findExport(mod, name);
    } finally {
      this.active.delete(key);
      this.hops--;
    }
  }

  private findExport(mod: ModuleInfo, name: string): Value | undefined {
    const body = mod.sourceCode.ast.body;
    for (const stmt of body) {
      if (stmt.type === 'ExportDefaultDeclaration' && name === 'default') {
        const d = stmt.declaration;
        if (d.type === 'FunctionDeclaration') return { kind: 'function', node: d };
        if (d.type === 'ClassDeclaration' || d.type === 'TSInterfaceDeclaration' || d.type === 'TSDeclareFunction') return undefined;
        return mod.resolver.resolve(d);
      }
      if (stmt.type !== 'ExportNamedDeclaration' || stmt.exportKind === 'type') continue;
      const d = stmt.declaration;
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) if (v.id.type === 'Identifier' && v.id.name === name) return mod.resolver.resolve(v.id);
      } else if (d?.type === 'FunctionDeclaration' && d.id?.name === name) return { kind: 'function', node: d };
      for (const s of stmt.specifiers) {
        const exported = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value;
        if (exported !== name) continue;
        const local = s.local.type === 'Identifier' ? s.local.name : s.local.value;
        if (stmt.source) {
          const next = this.target(mod, stmt.source.value);
          return next ? this.exported(next, local) : undefined;
        }
        return s.local.type === 'Identifier' ? mod.resolver.resolve(s.local) : undefined;
      }
    }
    if (name !== 'default') {
      for (const stmt of body) {
        if (stmt.type !== 'ExportAllDeclaration' || stmt.exported) continue;
        const next = this.target(mod, stmt.source.value);
        const value = next ? this.exported(next, name) : undefined;
        if (value) return value;
      }
    }
    // CommonJS: `module.exports = {...}`, `exports.x = …` (what `require` or a default import gives).
    const cjs = commonJsExports(mod);
    if (!cjs) return undefined;
    return name === 'default' ? cjs : mod.resolver.property(cjs, name, mod.sourceCode.ast);
  }

  /**
   * The other files of `mod`'s package that import it: each parsed file with the local bindings
   * of the exports `names` (`default` for the default export). A file is parsed only when its
   * text names `mod`'s file and one of the exports.
   */
  importers(mod: ModuleInfo, names: readonly string[]): Importers {
    if (!names.length || !isInside(this.root, mod.abs)) return [];
    const key = `${mod.abs}|${names.join(',')}`;
    const hit = this.importerCache.get(key);
    if (hit && [...hit.stamps].every(([path, stamp]) => stampNow(path) === stamp)) {
      for (const [path, stamp] of hit.stamps) this.note(path, stamp);
      return hit.found;
    }
    const stop = this.record();
    let found: Importers;
    try {
      found = this.findImporters(mod, names);
    } finally {
      const stamps = stop();
      this.importerCache.set(key, { found: found!, stamps });
    }
    return found;
  }

  private findImporters(mod: ModuleInfo, names: readonly string[]): Importers {
    const out: Importers = [];
    const stem = mod.abs.replace(/\.[^./\\]+$/, '').split(/[\\/]/).pop() ?? '';
    const word = stem === 'index' ? (dirname(mod.abs).split(/[\\/]/).pop() ?? '') : stem;
    const named = names.filter((n) => n !== 'default');
    // A relative specifier that ends in the module's name (`'./redis'`, `'../lib/redis.js'`, `'./redis/index'`).
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const specifier = new RegExp(`['"]\\.{1,2}/(?:[^'"\\n]*/)?${escaped}(?:/index)?(?:\\.[cm]?[jt]sx?)?['"]`);
    const pkg = this.packageDir(mod.abs);
    const listing = this.packageSources(pkg);
    // Any file of the package may start importing the module: one digest of them all decides.
    this.note(LISTING + pkg, digest(pkg, listing));
    for (const abs of listing.files) {
      if (abs === mod.abs) continue;
      const rel = relative(this.root, abs);
      const text = readSourceFile(this.root, rel).file?.text;
      if (!text || !text.includes(word) || !specifier.test(text)) continue;
      if (!names.includes('default') && !named.some((n) => text.includes(n))) continue;
      const other = this.load(abs);
      if (!other) continue;
      const declared = (node: TSESTree.Node) => (other.sourceCode.scopeManager?.getDeclaredVariables(node) ?? []) as TSESLint.Scope.Variable[];
      const whole = (node: TSESTree.Node) => {
        for (const variable of declared(node)) {
          for (const name of named) out.push({ mod: other, variable, name, member: name });
          if (names.includes('default')) out.push({ mod: other, variable, name: 'default' });
        }
      };
      for (const stmt of other.sourceCode.ast.body) {
        if (stmt.type === 'VariableDeclaration') {
          // CommonJS: `const { createClient } = require('./redis')`, `const redis = require('./redis')`.
          for (const d of stmt.declarations) {
            const spec = requiredSpecifier(d.init);
            if (spec === undefined || this.target(other, spec) !== mod.abs) continue;
            if (d.id.type === 'Identifier') whole(d);
            else if (d.id.type === 'ObjectPattern') {
              for (const p of d.id.properties) {
                const key = p.type === 'Property' && !p.computed && p.key.type === 'Identifier' ? p.key.name : undefined;
                const local = p.type === 'Property' ? (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) : undefined;
                if (key === undefined || !names.includes(key) || local?.type !== 'Identifier') continue;
                const variable = declared(d).find((v) => v.name === local.name);
                if (variable) out.push({ mod: other, variable, name: key });
              }
            }
          }
          continue;
        }
        if (stmt.type !== 'ImportDeclaration' || stmt.importKind === 'type' || this.target(other, stmt.source.value) !== mod.abs) continue;
        for (const s of stmt.specifiers) {
          if (s.type === 'ImportNamespaceSpecifier') {
            whole(s);
            continue;
          }
          const name = s.type === 'ImportDefaultSpecifier' ? 'default' : s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
          if (!names.includes(name)) continue;
          for (const variable of declared(s)) out.push({ mod: other, variable, name });
        }
      }
    }
    return out;
  }

  /** The source files of a package folder, tests left out; kept while its folders keep their stamps. */
  private packageSources(pkg: string): Listing {
    let listing = this.listings.get(pkg);
    if (!listing || [...listing.dirs].some(([dir, stamp]) => (stampOf(dir) ?? 'missing') !== stamp)) {
      listing = listPackage(pkg);
      this.listings.set(pkg, listing);
    }
    return listing;
  }

  private packageDir(abs: string): string {
    let dir = dirname(abs);
    while (isInside(this.root, dir)) {
      if (stampOf(join(dir, 'package.json')) !== undefined) return dir;
      if (dir === this.root) break;
      dir = dirname(dir);
    }
    return this.root;
  }
}

/** A package's source files (tests left out) and the folders listed, with their stamps. */
interface Listing {
  files: string[];
  dirs: Map<string, string>;
}


function listPackage(pkg: string): Listing {
  const listing: Listing = { files: [], dirs: new Map() };
  walk(pkg, pkg, listing, 0);
  return listing;
}

function walk(pkg: string, dir: string, listing: Listing, depth: number): void {
  const out = listing.files;
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  listing.dirs.set(dir, stampOf(dir) ?? 'missing');
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      // A nested package is another package.
      if (stampOf(join(abs, 'package.json')) !== undefined) continue;
      walk(pkg, abs, listing, depth + 1);
    } else if (e.isFile() && SOURCE.test(e.name) && !DECLARATION.test(e.name)) {
      // Tiers by the path inside the package, as the linted file's own tier is judged from where
      // ESLint runs: a package that lives under `fixtures/` or `e2e/` still has its own tests.
      const rel = relative(pkg, abs).split(sep).join('/');
      if (!isRelaxedTier(tierOf(rel))) out.push(abs);
    }
  }
}

/** One value for a package's files and folders with their stamps: a file added, removed or edited changes it. */
function digest(pkg: string, listing: Listing): string {
  const hash = createHash('sha1');
  for (const [dir, stamp] of listing.dirs) hash.update(`${relative(pkg, dir)}\t${stamp}\n`);
  for (const file of listing.files) hash.update(`${relative(pkg, file)}\t${stampOf(file) ?? 'missing'}\n`);
  return hash.digest('hex');
}

/** The digest of the package folder `pkg` as it is now. */
export function packageDigest(pkg: string): string {
  return digest(pkg, listPackage(pkg));
}

/** What a recorded path (a file, a folder, or a package's LISTING key) stamps as now. */
export function stampNow(key: string): string {
  return key.startsWith(LISTING) ? packageDigest(key.slice(LISTING.length)) : (stampOf(key) ?? 'missing');
}

/** `'./redis'` of `require('./redis')`. */
function requiredSpecifier(node: TSESTree.Node | null | undefined): string | undefined {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const arg = node.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
}

/** `module.exports` of a CommonJS module: its one whole assignment, or an object of `exports.x = …` assignments. */
function commonJsExports(mod: ModuleInfo): Value | undefined {
  let whole: TSESTree.Node | undefined;
  const props = new Map<string, { key: string; keyNode: TSESTree.Node; value: Value }>();
  for (const stmt of mod.sourceCode.ast.body) {
    const e = stmt.type === 'ExpressionStatement' ? stmt.expression : undefined;
    if (e?.type !== 'AssignmentExpression' || e.operator !== '=' || e.left.type !== 'MemberExpression') continue;
    const left = e.left;
    if (isModuleExports(left)) whole = e.right;
    else if (!left.computed && left.property.type === 'Identifier' && (isModuleExports(left.object) || isIdentifier(left.object, 'exports'))) {
      props.set(left.property.name, { key: left.property.name, keyNode: left.property, value: mod.resolver.resolve(e.right) });
    }
  }
  if (whole) return mod.resolver.resolve(whole);
  return props.size ? { kind: 'object', node: mod.sourceCode.ast, props, complete: false } : undefined;
}

function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === 'MemberExpression' && !node.computed && isIdentifier(node.object, 'module') && isIdentifier(node.property, 'exports');
}

function isIdentifier(node: TSESTree.Node, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-z]:/i.test(rel));
}
