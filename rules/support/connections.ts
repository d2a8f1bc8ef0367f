/**
 * Finds the Redis connections a file opens (through the client profiles) and what is statically
 * known about each: whether it authenticates, where it goes, whether it uses TLS, and every
 * credential literal that reaches it. All four rules read one shared analysis per file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { CALL, CONSTRUCT, findVariable, referenceTracker } from '../ast/eslint-utils';
import {
  BUILTIN_PROFILES,
  GLOBAL_MODULES,
  CONTAINER_KEYS,
  OTHER_SECRET_KEYS,
  PASSWORD_KEYS,
  TLS_KEYS,
  URL_KEYS,
  profileModules,
  type ClientProfile,
} from './profiles';
import type { ResolvedSettings } from '../settings';
import { Resolver, alternatives, mayBeOpenKey, sourceRangeOf, staticText, type StringValue, type Value } from '../resolve/value';
import { readUrl } from '../resolve/url';
import { outermost, unwrap } from '../ast/unwrap';
import { memberName, propertyName } from '../ast/property-name';
import { methodCall, receiverName } from '../ast/is-method-call';
import { aclSetUserPasswordRules, authPasswordArgument, configSetSecretArgument } from '../ast/auth-call';
import { returnedExpression } from '../ast/returned';
import { importedFrom } from '../ast/imported-from';
import { ownNodes } from '../ast/own-nodes';

export interface Connection {
  node: TSESTree.Node;
  /** Where a finding about the connection points: `new Redis`, `createClient`, `store: redisStore`. */
  loc: TSESTree.SourceLocation;
  /** Secret-free source text naming the call, for messages. */
  label: string;
  profile: ClientProfile;
  /** `fallback`: provided from outside, but the literal fallback has no password. */
  auth: 'present' | 'absent' | 'unknown' | 'fallback';
  /** Hosts it reaches; null for one not known statically; empty for the library default / a socket. */
  hosts: Array<string | null>;
  tls: 'yes' | 'no' | 'unknown';
  /** Where it connects and how we know, for messages: `localhost:6379 (library default)`. */
  target: string;
  /**
   * Options imported from a module of the project (`new Queue(name, { connection })` with
   * `connection` from './redis'): unknown here; the link follows the import and keeps the
   * connection only when they are options, not a client made there.
   */
  viaImport?: TSESTree.Node;
}

export interface CredentialLiteral {
  text: string;
  range: [number, number];
  loc: TSESTree.SourceLocation;
  what: 'password' | 'token';
  envVariable: string;
  /** The replacement the suggestion makes. */
  fix?: { range: [number, number]; text: string };
  /** The connection the credential belongs to, when known (for allowHosts). */
  connection?: Connection;
}

export interface Analysis {
  connections: Connection[];
  credentials: CredentialLiteral[];
}

type Ctx = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Receivers that are probably Redis clients when the file imports a Redis library. */
const REDISH_RECEIVER = /redis|valkey|keydb|cache|client|conn|pub|sub|store|cluster/i;

const analyses = new WeakMap<object, Map<string, Analysis>>();
const authCallsByFile = new WeakMap<object, Set<TSESTree.CallExpression>>();
const moduleTests = new Map<string, RegExp>();
/** Trace maps per set of user profiles: built once, not per file. */
const traceMaps = new Map<string, Record<string, unknown>>();

const mentions = new WeakMap<object, Map<string, boolean>>();
const collectors = new WeakSet();

/**
 * The listeners a rule needs: nothing at all for a file that mentions no profiled module (the
 * common case, so the rules cost next to nothing there); otherwise one shared collector of
 * `x.auth(...)`-like calls (registered by whichever rule comes first) and the rule's own report
 * step at Program:exit, over the analysis all rules share.
 */
export function connectionListeners(
  ctx: Ctx,
  settings: ResolvedSettings,
  report: (analysis: Analysis) => void,
): TSESLint.RuleListener {
  let perFile = mentions.get(ctx.sourceCode);
  if (!perFile) mentions.set(ctx.sourceCode, (perFile = new Map<string, boolean>()));
  let mentioned = perFile.get(settings.key);
  if (mentioned === undefined) perFile.set(settings.key, (mentioned = mentionsProfiledModule(ctx.sourceCode.text, settings)));
  if (!mentioned) return {};
  const listeners: TSESLint.RuleListener = { 'Program:exit': () => report(analyze(ctx, settings)) };
  if (!collectors.has(ctx.sourceCode)) {
    collectors.add(ctx.sourceCode);
    listeners.CallExpression = (node) => noteCall(ctx, node);
  }
  return listeners;
}

/** Fast text test: does the file mention any profiled module as a string, or a runtime global? */
export function mentionsProfiledModule(text: string, settings: ResolvedSettings): boolean {
  let re = moduleTests.get(settings.key);
  if (!re) {
    const names = profileModules([...BUILTIN_PROFILES, ...settings.profiles]).map((m) =>
      m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
    );
    // A runtime global (`Bun.RedisClient`) needs no import.
    const globals = Object.keys(GLOBAL_MODULES).join('|');
    re = new RegExp(`['"\`](?:${names.join('|')})['"\`]|\\b(?:${globals})\\b`);
    moduleTests.set(settings.key, re);
  }
  return re.test(text);
}

/** Called from each rule's CallExpression listener: remembers `x.auth(...)`-like calls. */
export function noteCall(ctx: Ctx, node: TSESTree.CallExpression): void {
  if (!authPasswordArgument(node) && !configSetSecretArgument(node) && !aclSetUserPasswordRules(node).length) return;
  let set = authCallsByFile.get(ctx.sourceCode);
  if (!set) authCallsByFile.set(ctx.sourceCode, (set = new Set()));
  set.add(node);
}

export function analyze(ctx: Ctx, settings: ResolvedSettings): Analysis {
  let perFile = analyses.get(ctx.sourceCode);
  if (!perFile) analyses.set(ctx.sourceCode, (perFile = new Map<string, Analysis>()));
  let result = perFile.get(settings.key);
  if (!result) {
    result = new Analyzer(ctx, settings).run();
    perFile.set(settings.key, result);
  }
  return result;
}

interface Facts {
  present: boolean;
  /** A literal fallback (`process.env.REDIS_URL || 'redis://cache'`) that has no password. */
  fallbackNoAuth: boolean;
  unknown: boolean;
  skip: boolean;
  sources: number;
  redisUrl: boolean;
  hosts: Array<string | null>;
  tls: 'yes' | 'no' | 'unknown';
  /** Credential literals found in this connection's arguments; finish() ties them to it. */
  credentials: CredentialLiteral[];
  port?: number;
  socket?: string;
  /** Where the hosts came from: `the URL`, `the options`, `the arguments`. */
  origin?: string;
  viaImport?: TSESTree.Node;
}

/** `cache:6380 (from the URL)`, `localhost:6379 (library default)`, `a host set at run time`. */
function describeTarget(facts: Facts): string {
  if (facts.socket) return `the unix socket ${facts.socket}`;
  const known = [...new Set(facts.hosts.filter((h): h is string => h !== null))];
  const port = facts.port !== undefined ? `:${facts.port}` : '';
  if (facts.hosts.length === 0) {
    return facts.sources === 0 || (!port && facts.origin === undefined)
      ? `localhost${port || ':6379'} (library default)`
      : `localhost${port || ':6379'} (library default host)`;
  }
  if (known.length === 0) return 'a host set at run time';
  const where = facts.origin ? ` (from ${facts.origin})` : '';
  const hosts = known.length > 1 ? known.join(', ') : `${known[0]}${port}`;
  return `${hosts}${where}`;
}

class Analyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly resolver: Resolver;
  private readonly connections: Connection[] = [];
  private readonly credentials = new Map<string, CredentialLiteral>();
  private readonly byVariable = new Map<TSESLint.Scope.Variable, Connection>();
  private readonly byMember = new Map<string, Connection>();
  private readonly passwordKeys: Set<string>;

  constructor(
    ctx: Ctx,
    private readonly settings: ResolvedSettings,
  ) {
    this.sourceCode = ctx.sourceCode;
    this.resolver = new Resolver(ctx.sourceCode);
    this.passwordKeys = new Set([...PASSWORD_KEYS, ...settings.credentialOptions]);
  }

  run(): Analysis {
    const profiles = [...BUILTIN_PROFILES, ...this.settings.profiles];
    const globalScope = this.sourceCode.scopeManager?.globalScope;
    if (!globalScope) return { connections: [], credentials: [] };
    const tracker = referenceTracker<ClientProfile>(globalScope);
    let traceMap = traceMaps.get(this.settings.key);
    if (!traceMap) traceMaps.set(this.settings.key, (traceMap = buildTraceMap(profiles.filter((p) => p.kind !== 'store'))));
    const seen = new Set<TSESTree.Node>();
    const found: Array<{ node: TSESTree.CallExpression | TSESTree.NewExpression; profile: ClientProfile }> = [];
    const cjs = [
      ...this.requireCalls(traceMap).map(({ call, module }) => ({ node: call, module })),
      ...this.importEquals(traceMap),
      ...this.runtimeGlobals(traceMap),
    ].flatMap(({ node, module }) => tracker.properties(node, traceMap[module]));
    for (const ref of [...tracker.esm(traceMap), ...cjs]) {
      if (seen.has(ref.node)) continue;
      seen.add(ref.node);
      found.push({ node: ref.node, profile: ref.info });
    }
    for (const { node, profile } of found) this.connection(node, profile);
    this.subclasses(profiles);
    for (const store of profiles.filter((p) => p.kind === 'store')) this.stores(store);
    this.authCalls();
    return { connections: this.connections, credentials: [...this.credentials.values()] };
  }

  // --- connections made by calls ---------------------------------------------------------------

  /**
   * `class RedisService extends Redis { constructor() { super(process.env.REDIS_URL) } }`: each
   * `super(...)` is a connection of the base class's profile; a subclass without a constructor
   * connects at each `new RedisService(...)` of this file.
   */
  private subclasses(profiles: readonly ClientProfile[]): void {
    for (const scope of this.sourceCode.scopeManager!.scopes) {
      if (scope.type !== 'class') continue;
      const cls = scope.block;
      if (!cls.superClass) continue;
      const base = importedFrom(this.sourceCode, cls.superClass);
      if (!base) continue;
      const path = base.path[0] === 'default' ? base.path.slice(1) : base.path;
      const profile = profiles.find(
        (p) => (p.kind === 'construct' || p.kind === 'both') && p.modules.includes(base.module) && p.path.join('.') === path.join('.'),
      );
      if (!profile) continue;
      const name = cls.id?.name ?? (cls.parent?.type === 'VariableDeclarator' && cls.parent.id.type === 'Identifier' ? cls.parent.id.name : undefined);
      const ctor = cls.body.body.find((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
      const binding = cls.type === 'ClassDeclaration' ? cls : cls.parent?.type === 'VariableDeclarator' ? cls.parent : undefined;
      const news: TSESTree.NewExpression[] = [];
      for (const variable of binding ? this.sourceCode.scopeManager!.getDeclaredVariables(binding) : []) {
        for (const ref of variable.references) {
          const use = outermost(ref.identifier);
          if (use.parent?.type === 'NewExpression' && use.parent.callee === use) news.push(use.parent);
        }
      }
      const calls = ctor ? superCalls(ctor.value.body) : [];
      // No constructor, or one that hands its parameters on unchanged (`super(url, options)`):
      // the arguments of each `new RedisService(...)` of this file are the connection's.
      if (!ctor || (news.length && calls.length === 1 && forwardsParameters(calls[0], ctor.value.params))) {
        for (const call of news) this.connection(call, profile);
        if (!ctor && !news.length && name) {
          // Constructed in other files only: unknown here; the link follows those `new`s.
          const facts = this.newFacts();
          facts.unknown = true;
          facts.tls = 'unknown';
          facts.hosts.push(null);
          this.finish(cls, { start: cls.loc.start, end: cls.superClass.loc.end }, `${name} extends ${shorten(this.sourceCode.getText(cls.superClass))}`, profile, facts);
        }
        if (!ctor || news.length) continue;
      }
      const label = `${name ?? 'class'} extends ${shorten(this.sourceCode.getText(cls.superClass))}`;
      for (const call of calls) this.connection(call, profile, label);
    }
  }

  private connection(node: TSESTree.CallExpression | TSESTree.NewExpression, profile: ClientProfile, label?: string): void {
    const facts = this.newFacts();
    const args = node.arguments;
    if (profile.factory) {
      // forRootAsync(configKey?, { useFactory: (config) => ({ connection: {...} }) })
      const options = args.length ? this.resolver.resolve(args[args.length - 1]) : undefined;
      const factory = options?.kind === 'object' ? options.props.get('useFactory')?.value : undefined;
      const returned = factory?.kind === 'function' ? returnedExpression(factory.node) : undefined;
      if (returned) this.positional(this.resolver.resolve(returned), facts, profile, 'ignore');
      else facts.skip = true; // useClass, useExisting, an imported factory: nothing to judge
    } else if (profile.urlArgument !== undefined || profile.optionsArgument !== undefined) {
      if (profile.urlArgument !== undefined && args[profile.urlArgument]) {
        this.positional(this.resolver.resolve(args[profile.urlArgument]), facts, profile, 'url');
      }
      if (profile.optionsArgument !== undefined && args[profile.optionsArgument]) {
        this.positional(this.resolver.resolve(args[profile.optionsArgument]), facts, profile, 'ignore');
      }
    } else {
      for (const arg of args.slice(profile.from ?? 0)) {
        if (arg.type === 'SpreadElement') {
          facts.unknown = true;
          continue;
        }
        this.positional(this.resolver.resolve(arg), facts, profile, profile.strings ?? 'url-or-host');
      }
    }
    const callee = node.callee;
    label ??= (node.type === 'NewExpression' ? 'new ' : '') + shorten(this.sourceCode.getText(callee));
    this.finish(node, { start: node.loc.start, end: callee.loc.end }, label, profile, facts);
  }

  private finish(
    node: TSESTree.Node,
    loc: TSESTree.SourceLocation,
    label: string,
    profile: ClientProfile,
    facts: Facts,
  ): void {
    if (facts.skip) return;
    if (profile.requireRedisUrl && !facts.redisUrl) return;
    if (facts.sources === 0 && profile.whenMissing === 'skip') return;
    const auth = facts.present ? 'present' : facts.unknown ? 'unknown' : facts.fallbackNoAuth ? 'fallback' : 'absent';
    const connection: Connection = {
      node,
      loc,
      label,
      profile,
      auth,
      hosts: facts.hosts,
      tls: facts.tls,
      target: describeTarget(facts),
      ...(facts.viaImport ? { viaImport: facts.viaImport } : {}),
    };
    this.connections.push(connection);
    this.bind(node, connection);
    for (const cred of facts.credentials) cred.connection = connection;
  }

  private newFacts(): Facts {
    return { present: false, fallbackNoAuth: false, unknown: false, skip: false, sources: 0, redisUrl: false, hosts: [], tls: 'no', credentials: [] };
  }

  /** One argument of a connection call. */
  private positional(
    value: Value,
    facts: Facts,
    profile: ClientProfile,
    strings: 'url-or-host' | 'url' | 'ignore',
  ): void {
    if (strings !== 'ignore' && this.fallback(value, facts, profile)) return;
    for (const alt of alternatives(value)) {
      switch (alt.kind) {
        case 'string': {
          if (strings === 'ignore') break;
          const text = staticText(alt);
          if (text !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim())) {
            if (strings === 'url-or-host') {
              facts.sources++;
              if (text.startsWith('/')) facts.socket = text;
              else {
                facts.hosts.push(text);
                facts.origin ??= 'the arguments';
              }
            }
            break;
          }
          this.url(alt, facts, profile);
          break;
        }
        case 'object':
          this.options(alt, facts, profile);
          break;
        case 'array':
          facts.sources++;
          this.walk(alt, facts, profile, 0);
          break;
        case 'number':
          if (strings === 'url-or-host') facts.port ??= alt.value;
          break;
        case 'boolean':
        case 'nullish':
        case 'function':
          break;
        default:
          facts.unknown = true;
          facts.hosts.push(null);
      }
    }
  }

  /**
   * `process.env.REDIS_URL || 'redis://cache:6379'`: the value comes from outside, but its
   * literal fallback is judged (a deployment without the variable connects with it).
   */
  private fallback(value: Value, facts: Facts, profile: ClientProfile): boolean {
    if (value.kind !== 'either') return false;
    const alts = alternatives(value);
    const outside = alts.filter((a) => a.kind === 'external' || a.kind === 'unknown');
    const literals = alts.filter(
      (a): a is StringValue => a.kind === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(staticText(a) ?? ''),
    );
    if (!outside.length || !literals.length || outside.length + literals.length !== alts.length) return false;
    facts.sources++;
    facts.hosts.push(null); // the deployed host is the variable's
    for (const literal of literals) {
      const probe = this.newFacts();
      this.url(literal, probe, profile);
      if (!probe.redisUrl) continue;
      facts.redisUrl = true;
      if (probe.present) facts.present = true;
      else facts.fallbackNoAuth = true;
    }
    return true;
  }

  /** The options object of a call, following the profile's optionsPath. */
  private options(value: Extract<Value, { kind: 'object' }>, facts: Facts, profile: ClientProfile): void {
    if (profile.skipIfKeys?.some((k) => value.props.has(k))) {
      facts.skip = true;
      return;
    }
    let target: Value = value;
    for (const key of profile.optionsPath ?? []) {
      if (target.kind !== 'object') break;
      const prop = target.props.get(key);
      if (!prop) {
        if (!target.complete || mayBeOpenKey(target, key)) facts.unknown = true;
        return; // the library default (or, for whenMissing: skip, inherited options)
      }
      target = prop.value;
    }
    for (const alt of alternatives(target)) {
      if (alt.kind === 'object' || alt.kind === 'array') {
        facts.sources++;
        this.walk(alt, facts, profile, 0);
      } else if (alt.kind === 'string') {
        this.url(alt, facts, profile);
      } else if (alt.kind === 'unknown' && importedFromProject(this.sourceCode, alt.node)) {
        // Options or a client from another module of the project: unknown in this file.
        facts.unknown = true;
        facts.tls = 'unknown';
        facts.hosts.push(null);
        facts.viaImport = alt.node;
      } else if (alt.kind !== 'nullish') {
        // An existing client (`connection: redis`) or something we cannot see: not a new
        // connection we can judge; its own creation is reported where it happens.
        facts.skip = true;
      }
    }
  }

  /** Walks connection options: credentials, URLs, hosts, TLS, nested option containers. */
  private walk(value: Value, facts: Facts, profile: ClientProfile, depth: number): void {
    if (depth > 5) return;
    if (value.kind === 'array') {
      if (!value.complete) facts.unknown = true;
      for (const el of value.elements) {
        for (const alt of alternatives(el)) {
          if (alt.kind === 'string') {
            const text = staticText(alt);
            if (text !== undefined && !text.includes('://')) facts.hosts.push(text.replace(/:\d+$/, ''));
            else this.url(alt, facts, profile);
          } else if (alt.kind === 'object' || alt.kind === 'array') this.walk(alt, facts, profile, depth + 1);
          else if (alt.kind === 'unknown' || alt.kind === 'external') facts.hosts.push(null);
        }
      }
      return;
    }
    if (value.kind !== 'object') return;
    const credentialKeys = profile.credentialKeys ?? [];
    if (!value.complete) facts.unknown = true;
    else if (value.openKeys) {
      // A computed key hides only the option it could be: a password or URL makes auth unknown,
      // a host makes the host unknown, anything else changes nothing.
      const secretish = [...this.passwordKeys, ...credentialKeys, ...URL_KEYS, ...CONTAINER_KEYS];
      if (secretish.some((k) => mayBeOpenKey(value, k))) facts.unknown = true;
      if (['host', 'hostname'].some((k) => mayBeOpenKey(value, k))) facts.hosts.push(null);
    }
    for (const [key, prop] of value.props) {
      const v = prop.value;
      if (this.passwordKeys.has(key) || credentialKeys.includes(key)) {
        this.secret(v, facts, profile, credentialKeys.includes(key) ? 'token' : 'password');
      } else if (OTHER_SECRET_KEYS.includes(key)) {
        facts.credentials.push(...this.collectLiteral(v, 'password', profile));
      } else if (URL_KEYS.includes(key)) {
        if (this.fallback(v, facts, profile)) continue;
        for (const alt of alternatives(v)) {
          if (alt.kind === 'string') this.url(alt, facts, profile);
          else if (alt.kind !== 'nullish') facts.unknown = true;
        }
      } else if (key === 'host' || key === 'hostname') {
        for (const alt of alternatives(v)) {
          const text = staticText(alt);
          if (text !== undefined) {
            facts.hosts.push(text);
            facts.origin ??= 'the options';
          } else if (alt.kind !== 'nullish') facts.hosts.push(null);
        }
      } else if (key === 'port') {
        for (const alt of alternatives(v)) if (alt.kind === 'number') facts.port ??= alt.value;
      } else if (key === 'path' && v.kind === 'string') {
        const text = staticText(v);
        if (text?.startsWith('/')) facts.socket = text;
      } else if (TLS_KEYS.includes(key)) {
        for (const alt of alternatives(v)) {
          if (alt.kind === 'nullish' || (alt.kind === 'boolean' && !alt.value)) continue;
          if (alt.kind === 'boolean' || alt.kind === 'object') facts.tls = facts.tls === 'no' ? 'yes' : facts.tls;
          else facts.tls = 'unknown';
        }
      } else if (v.kind === 'object' || v.kind === 'array') {
        this.walk(v, facts, profile, depth + 1);
      } else if (CONTAINER_KEYS.includes(key)) {
        for (const alt of alternatives(v)) {
          if (alt.kind === 'object' || alt.kind === 'array') this.walk(alt, facts, profile, depth + 1);
          else if (alt.kind !== 'nullish') facts.unknown = true;
        }
      }
    }
  }

  /** A value in a password position: presence, and its literal alternatives. */
  private secret(value: Value, facts: Facts, profile: ClientProfile, what: 'password' | 'token'): void {
    for (const alt of alternatives(value)) {
      if (alt.kind !== 'nullish') facts.present = true;
    }
    facts.credentials.push(...this.collectLiteral(value, what, profile));
  }

  /** The credential literals among a value's alternatives (each place recorded once per file). */
  private collectLiteral(value: Value, what: 'password' | 'token', profile: ClientProfile | undefined): CredentialLiteral[] {
    const envVariable = profile?.envVariable ?? 'REDIS_PASSWORD';
    const out: CredentialLiteral[] = [];
    const alts = alternatives(value);
    // `process.env.REDIS_PASSWORD || ''`: the empty fallback means "not set", not an empty password.
    const fromOutside = alts.some((a) => a.kind === 'external' || a.kind === 'unknown');
    for (const alt of alts) {
      let cred: CredentialLiteral | undefined;
      if (alt.kind === 'number') {
        cred = this.addCredential(String(alt.value), alt.node, what, envVariable);
      } else if (alt.kind === 'string') {
        const text = staticText(alt);
        if (text === undefined || (fromOutside && text.trim() === '')) continue;
        const only = alt.pieces.length === 1 ? alt.pieces[0] : undefined;
        const single = only?.kind === 'text' && only.node.type === 'Literal' ? only.node : undefined;
        cred = this.addCredential(text, single ?? alt.node, what, envVariable);
      }
      if (cred) out.push(cred);
    }
    return out;
  }

  /** Records a literal at `node`; undefined when that place is already recorded. */
  private addCredential(text: string, node: TSESTree.Node, what: 'password' | 'token', envVariable: string): CredentialLiteral | undefined {
    const key = `${node.range[0]}:${node.range[1]}`;
    if (this.credentials.has(key)) return undefined;
    const cred: CredentialLiteral = {
      text,
      range: node.range,
      loc: node.loc,
      what,
      envVariable,
      fix: this.envFix(node, envVariable),
    };
    this.credentials.set(key, cred);
    return cred;
  }

  /** Replace a literal with the env lookup; drop a `|| 'literal'` fallback instead. */
  private envFix(node: TSESTree.Node, envVariable: string): { range: [number, number]; text: string } {
    const outer = outermost(node);
    const parent = outer.parent;
    if (parent?.type === 'LogicalExpression' && parent.right === outer && parent.operator !== '&&') {
      const left = this.resolver.resolve(parent.left);
      if (left.kind === 'external') return { range: parent.range, text: this.sourceCode.getText(parent.left) };
    }
    return { range: node.range, text: `process.env.${envVariable}` };
  }

  /** `'>s3cret'`: the password is the text after `>`, reported at exactly that text when the source spells it verbatim. */
  private aclRuleCredential(rule: TSESTree.StringLiteral, connection: Connection | undefined): void {
    const text = rule.value.slice(1);
    const raw = this.sourceCode.getText(rule);
    const verbatim = raw.slice(1, -1) === rule.value;
    const range: [number, number] = verbatim ? [rule.range[0] + 2, rule.range[1] - 1] : rule.range;
    const key = `${range[0]}:${range[1]}`;
    if (this.credentials.has(key)) return;
    const loc = { start: this.sourceCode.getLocFromIndex(range[0]), end: this.sourceCode.getLocFromIndex(range[1]) };
    const envVariable = connection?.profile.envVariable ?? 'REDIS_PASSWORD';
    const fix = verbatim ? { range: rule.range, text: `\`>\${process.env.${envVariable}}\`` } : undefined;
    this.credentials.set(key, { text, range, loc, what: 'password', envVariable, fix, connection });
  }

  /** A string in a URL position. */
  private url(value: StringValue, facts: Facts, profile: ClientProfile): void {
    const url = readUrl(value);
    if (url.opaque) {
      facts.unknown = true;
      facts.hosts.push(null);
      return;
    }
    if (!url.redis) return;
    facts.sources++;
    facts.redisUrl = true;
    if (url.password === 'dynamic' || url.maybeHidden) facts.present ||= url.password === 'dynamic';
    if (url.maybeHidden) facts.unknown = true;
    if (url.password === 'literal') {
      facts.present = true;
      const cred = this.urlCredential(value, url.passwordText ?? '', url.passwordSpan, profile);
      if (cred) facts.credentials.push(cred);
    }
    if (url.tls) facts.tls = facts.tls === 'no' ? 'yes' : facts.tls;
    if (url.socket) facts.socket = url.socketPath ?? 'socket';
    else if (url.host !== undefined) {
      facts.hosts.push(url.host);
      if (url.host !== null) facts.origin ??= 'the URL';
    }
    if (url.port !== undefined) facts.port ??= url.port;
  }

  /** The password of a literal URL, pointing at its exact characters when the source allows. */
  private urlCredential(value: StringValue, text: string, span: [number, number] | undefined, profile: ClientProfile): CredentialLiteral | undefined {
    const envVariable = profile.envVariable ?? 'REDIS_PASSWORD';
    if (!span || span[0] === span[1]) return this.addCredential(text, value.node, 'password', envVariable);
    const where = sourceRangeOf(value, span[0], span[1]);
    const key = `${where.range[0]}:${where.range[1]}`;
    if (this.credentials.has(key)) return undefined;
    const loc = {
      start: this.sourceCode.getLocFromIndex(where.range[0]),
      end: this.sourceCode.getLocFromIndex(where.range[1]),
    };
    let fix: CredentialLiteral['fix'];
    const envRef = `process.env.${envVariable}`;
    if (where.exact && where.node.type === 'TemplateElement') {
      fix = { range: where.range, text: `\${${envRef}}` };
    } else if (where.exact && where.node.type === 'Literal') {
      const raw = this.sourceCode.getText(where.node).slice(1, -1);
      const from = where.range[0] - where.node.range[0] - 1;
      const to = where.range[1] - where.node.range[0] - 1;
      const esc = (s: string) => s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
      fix = { range: where.node.range, text: `\`${esc(raw.slice(0, from))}\${${envRef}}${esc(raw.slice(to))}\`` };
    }
    const cred: CredentialLiteral = { text, range: where.range, loc, what: 'password', envVariable, fix };
    this.credentials.set(key, cred);
    return cred;
  }

  /**
   * `require('<module>')` calls for the modules in a trace map. Unlike ReferenceTracker's own CJS
   * walk this also works when `require` is not a declared global (a .js file linted as a module
   * without Node globals), which is how many projects lint CommonJS.
   */
  private requireCalls(traceMap: Record<string, unknown>): Array<{ call: TSESTree.CallExpression; module: string }> {
    const scope = this.sourceCode.scopeManager!.globalScope!;
    const declared = scope.set.get('require');
    if (declared && declared.defs.length > 0) return [];
    const ids = declared ? declared.references.map((r) => r.identifier) : [];
    for (const ref of scope.through) if (ref.identifier.name === 'require') ids.push(ref.identifier);
    const out: Array<{ call: TSESTree.CallExpression; module: string }> = [];
    for (const id of ids) {
      const call = id.parent;
      if (call?.type !== 'CallExpression' || call.callee !== id) continue;
      const arg = call.arguments[0];
      const module = arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
      if (module !== undefined && Object.prototype.hasOwnProperty.call(traceMap, module)) out.push({ call, module });
    }
    return out;
  }

  /**
   * Reads of a runtime's global object (`Bun` in `new Bun.RedisClient(url)`), traced like the
   * module it stands for. Found among the unresolved references too, since few configs declare
   * `Bun` as a global; a local variable of that name is not it.
   */
  private runtimeGlobals(traceMap: Record<string, unknown>): Array<{ node: TSESTree.Node; module: string }> {
    const scope = this.sourceCode.scopeManager!.globalScope!;
    const out: Array<{ node: TSESTree.Node; module: string }> = [];
    for (const [name, module] of Object.entries(GLOBAL_MODULES)) {
      if (!Object.prototype.hasOwnProperty.call(traceMap, module)) continue;
      const declared = scope.set.get(name);
      if (declared && declared.defs.length > 0) continue;
      const refs = [...(declared?.references ?? []), ...scope.through.filter((r) => r.identifier.name === name)];
      for (const ref of refs) if (ref.isRead()) out.push({ node: ref.identifier, module });
    }
    return out;
  }

  /** TypeScript's `import Redis = require('ioredis')`: each read of the binding. */
  private importEquals(traceMap: Record<string, unknown>): Array<{ node: TSESTree.Node; module: string }> {
    const out: Array<{ node: TSESTree.Node; module: string }> = [];
    for (const stmt of this.sourceCode.ast.body) {
      if (stmt.type !== 'TSImportEqualsDeclaration' || stmt.moduleReference.type !== 'TSExternalModuleReference') continue;
      const expr = stmt.moduleReference.expression;
      const module = expr.type === 'Literal' && typeof expr.value === 'string' ? expr.value : undefined;
      if (module === undefined || !Object.prototype.hasOwnProperty.call(traceMap, module)) continue;
      for (const v of this.sourceCode.scopeManager!.getDeclaredVariables(stmt)) {
        for (const ref of v.references) if (ref.isRead()) out.push({ node: ref.identifier, module });
      }
    }
    return out;
  }

  // --- cache-manager stores: `{ store: redisStore, host, password }` ---------------------------

  private stores(profile: ClientProfile): void {
    const bindings: TSESLint.Scope.Variable[] = [];
    const scopeManager = this.sourceCode.scopeManager!;
    const wanted = profile.path[0];
    for (const stmt of this.sourceCode.ast.body) {
      if (stmt.type !== 'ImportDeclaration' || !profile.modules.includes(stmt.source.value)) continue;
      for (const spec of stmt.specifiers) {
        const matches =
          spec.type === 'ImportSpecifier'
            ? wanted !== undefined &&
              (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) === wanted
            : wanted === undefined;
        if (matches) bindings.push(...(scopeManager.getDeclaredVariables(spec) as TSESLint.Scope.Variable[]));
      }
    }
    const map: Record<string, unknown> = {};
    for (const m of profile.modules) map[m] = {};
    for (const { call } of this.requireCalls(map)) {
      let n = outermost(call);
      if (wanted !== undefined) {
        const p = n.parent;
        if (p?.type === 'MemberExpression' && p.object === n && memberName(p) === wanted) n = outermost(p);
        else if (p?.type === 'VariableDeclarator' && p.id.type === 'ObjectPattern') {
          for (const prop of p.id.properties) {
            if (prop.type === 'Property' && propertyName(prop.key, prop.computed) === wanted && prop.value.type === 'Identifier') {
              const v = findVariable(this.sourceCode, prop.value);
              if (v) bindings.push(v);
            }
          }
          continue;
        } else continue;
      }
      const p = n.parent;
      if (p?.type === 'VariableDeclarator' && p.init === n && p.id.type === 'Identifier') {
        bindings.push(...(scopeManager.getDeclaredVariables(p) as TSESLint.Scope.Variable[]));
      }
    }
    for (const variable of bindings) {
      for (const ref of variable.references) {
        if (!ref.isRead()) continue;
        const use = outermost(ref.identifier);
        const parent = use.parent;
        let options: TSESTree.Node | undefined;
        let at: TSESTree.Node = use;
        if (parent?.type === 'Property' && parent.value === use && propertyName(parent.key, parent.computed) === 'store') {
          options = parent.parent;
          at = parent;
        } else if (parent?.type === 'CallExpression' && parent.arguments[0] === use && parent.arguments[1]) {
          const name = unwrap(parent.callee);
          const calleeName = name.type === 'Identifier' ? name.name : name.type === 'MemberExpression' ? memberName(name) : '';
          if (calleeName === 'caching') options = parent.arguments[1];
        }
        if (!options) continue;
        const facts = this.newFacts();
        const value = this.resolver.resolve(options);
        if (value.kind === 'object') {
          facts.sources++;
          this.walk(value, facts, profile, 0);
        } else facts.unknown = true;
        this.finish(options, at.loc, shorten(this.sourceCode.getText(at)), profile, facts);
      }
    }
  }

  // --- `client.auth('…')`, `sendCommand(['AUTH', …])`, `call('auth', …)` ------------------------

  private bind(node: TSESTree.Node, connection: Connection): void {
    let n = outermost(node);
    for (;;) {
      const p = n.parent;
      if (
        p?.type === 'MemberExpression' &&
        p.object === n &&
        ['connect', 'on', 'once'].includes(memberName(p) ?? '') &&
        p.parent?.type === 'CallExpression' &&
        p.parent.callee === p
      ) {
        n = outermost(p.parent);
        continue;
      }
      break;
    }
    const p = n.parent;
    if (!p) return;
    if (p.type === 'VariableDeclarator' && p.init === n && p.id.type === 'Identifier') {
      for (const v of this.sourceCode.scopeManager!.getDeclaredVariables(p)) {
        this.byVariable.set(v, connection);
      }
    } else if (p.type === 'AssignmentExpression' && p.right === n) {
      if (p.left.type === 'Identifier') {
        const v = findVariable(this.sourceCode, p.left);
        if (v) this.byVariable.set(v, connection);
      } else if (p.left.type === 'MemberExpression') {
        this.byMember.set(this.sourceCode.getText(p.left), connection);
      }
    } else if (p.type === 'PropertyDefinition' && p.value === n) {
      const key = propertyName(p.key, p.computed);
      if (key) this.byMember.set(`this.${key}`, connection);
    }
  }

  private connectionOf(receiver: TSESTree.Node): Connection | undefined {
    if (receiver.type === 'Identifier') {
      const v = findVariable(this.sourceCode, receiver);
      return v ? this.byVariable.get(v) : undefined;
    }
    if (receiver.type === 'MemberExpression') return this.byMember.get(this.sourceCode.getText(receiver));
    return undefined;
  }

  private authCalls(): void {
    const calls = authCallsByFile.get(this.sourceCode);
    if (!calls) return;
    for (const call of calls) {
      const info = methodCall(call);
      const password = authPasswordArgument(call);
      // CONFIG SET requirepass: a server password written in code; not an AUTH by this client.
      const serverSecret = password ? undefined : configSetSecretArgument(call);
      // ACL SETUSER … >password: a user's password written in code.
      const aclRules = password || serverSecret ? [] : aclSetUserPasswordRules(call);
      if (info && aclRules.length) {
        const connection = this.connectionOf(info.receiver);
        if (!connection && !REDISH_RECEIVER.test(receiverName(info.receiver) ?? '')) continue;
        for (const rule of aclRules) this.aclRuleCredential(rule, connection);
        continue;
      }
      if (!info || !(password || serverSecret)) continue;
      const connection = this.connectionOf(info.receiver);
      if (!connection && !REDISH_RECEIVER.test(receiverName(info.receiver) ?? '')) continue;
      if (password && connection && (connection.auth === 'absent' || connection.auth === 'fallback')) {
        connection.auth = 'present';
      }
      for (const cred of this.collectLiteral(this.resolver.resolve((password ?? serverSecret)!), 'password', connection?.profile)) {
        cred.connection = connection;
      }
    }
  }
}

/** A binding imported or required from a relative module of the project (`import { connection } from './redis'`). */
function importedFromProject(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const def = findVariable(sourceCode, n)?.defs[0];
  if (def?.type === 'ImportBinding') return def.parent?.type === 'ImportDeclaration' && def.parent.source.value.startsWith('.');
  // `const { connection } = require('./redis')`
  const init = def?.type === 'Variable' && def.node.init ? unwrap(def.node.init) : undefined;
  const arg = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' ? init.arguments[0] : undefined;
  return arg?.type === 'Literal' && typeof arg.value === 'string' && arg.value.startsWith('.');
}

/** `super(a, b)` in `constructor(a, b)`: the parameters, in their order, and nothing else. */
function forwardsParameters(call: TSESTree.CallExpression, params: readonly TSESTree.Parameter[]): boolean {
  const names = params.map((p) => {
    // A default (`url = process.env.REDIS_URL`) is not in the `new` call's arguments.
    const inner = p.type === 'TSParameterProperty' ? p.parameter : p;
    return inner.type === 'Identifier' ? inner.name : undefined;
  });
  return (
    call.arguments.length > 0 &&
    call.arguments.every((arg, i) => {
      const a = unwrap(arg);
      return a.type === 'Identifier' && a.name === names[i];
    })
  );
}

/** The `super(...)` calls of a constructor body, not those of nested functions or classes. */
function superCalls(body: TSESTree.Node | null | undefined): TSESTree.CallExpression[] {
  if (!body) return [];
  return ownNodes(body, true).filter((n): n is TSESTree.CallExpression => n.type === 'CallExpression' && n.callee.type === 'Super');
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}

/** `{ ioredis: { [CONSTRUCT]: profile, Cluster: { [CONSTRUCT]: profile } } }` from the profiles. */
function buildTraceMap(profiles: readonly ClientProfile[]): Record<string, unknown> {
  const root: Record<string, Record<string | symbol, unknown>> = {};
  for (const profile of profiles) {
    for (const module of profile.modules) {
      let node = (root[module] ??= {});
      for (const key of profile.path) node = (node[key] ??= {}) as Record<string | symbol, unknown>;
      if (profile.kind === 'construct' || profile.kind === 'both') node[CONSTRUCT] = profile;
      if (profile.kind === 'call' || profile.kind === 'both') node[CALL] = profile;
    }
  }
  return root;
}
