/**
 * Options every rule shares: user-defined client profiles (`clients`), extra credential option
 * names (`credentialOptions`) and hosts a rule leaves alone (`allowHosts`). Profiles and
 * credential names can also live in `settings['redis-auth']`, read by all four rules.
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { ClientProfile } from './support/profiles';
import { TIERS, type Tier } from '../src/core/tiers';

/** `settings['redis-auth'].tiers`: .gitignore-style patterns (from the working directory) per tier. */
export type TierPatterns = Partial<Record<Tier, string[]>>;

export interface UserClient {
  module: string;
  export?: string;
  kind?: 'construct' | 'call' | 'both';
  firstArgument?: number;
  urlArgument?: number;
  optionsArgument?: number;
  optionsPath?: string;
  whenMissing?: 'default' | 'skip';
}

export interface SharedOptions {
  clients?: UserClient[];
  credentialOptions?: string[];
  allowHosts?: string[];
}

const clientSchema: JSONSchema4 = {
  type: 'object',
  additionalProperties: false,
  required: ['module'],
  properties: {
    module: { type: 'string', minLength: 1, description: 'Module specifier as imported, e.g. `@acme/cache`.' },
    export: {
      type: 'string',
      description: 'Dot path of the export that opens the connection (`createClient`, `Cache.connect`); empty for the module itself.',
    },
    kind: { type: 'string', enum: ['construct', 'call', 'both'], description: '`new X()`, `X()`, or either (default).' },
    firstArgument: { type: 'integer', minimum: 0, description: 'Index of the first argument that describes the connection.' },
    urlArgument: { type: 'integer', minimum: 0, description: 'Index of the argument holding a redis:// URL.' },
    optionsArgument: { type: 'integer', minimum: 0, description: 'Index of the argument holding the options object.' },
    optionsPath: { type: 'string', description: 'Dot path of the connection options inside the options object, e.g. `redis`.' },
    whenMissing: {
      type: 'string',
      enum: ['default', 'skip'],
      description: 'Without connection details: `default` = connects to localhost without a password; `skip` = inherited.',
    },
  },
};

export const sharedOptionProperties: Record<string, JSONSchema4> = {
  clients: { type: 'array', items: clientSchema, description: 'Your own Redis client wrappers.' },
  credentialOptions: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
    description: 'Extra option names that carry a Redis password (`redisPassword`).',
  },
  allowHosts: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
    description:
      'Hosts to leave alone: names, `*.suffix`, `loopback` (localhost, 127.0.0.0/8, ::1, unix sockets, the library default) and `unknown` (hosts not known statically, e.g. a test container).',
  },
};

export interface ResolvedSettings {
  profiles: ClientProfile[];
  credentialOptions: string[];
  /** The user's tier patterns, if any. */
  tiers?: TierPatterns;
  /** Identity of the user additions, so analyses can be shared between rules with equal settings. */
  key: string;
}

export function userProfile(c: UserClient): ClientProfile {
  const split = (s: string | undefined) => (s ? s.split('.').filter(Boolean) : []);
  return {
    name: c.module,
    modules: [c.module],
    path: split(c.export),
    kind: c.kind ?? 'both',
    from: c.firstArgument,
    urlArgument: c.urlArgument,
    optionsArgument: c.optionsArgument,
    optionsPath: c.optionsPath ? split(c.optionsPath) : undefined,
    whenMissing: c.whenMissing,
  };
}

const CLIENT_KEYS = new Set(Object.keys((clientSchema as { properties: object }).properties));

/** Settings are not schema-checked by ESLint: check them here and say which entry is wrong. */
function checkSettings(raw: unknown): { clients: UserClient[]; credentialOptions: string[]; tiers?: TierPatterns } {
  if (raw === undefined || raw === null) return { clients: [], credentialOptions: [] };
  const where = "settings['redis-auth']";
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where} must be an object.`);
  const { clients = [], credentialOptions = [], tiers } = raw as Record<string, unknown>;
  if (!Array.isArray(clients)) throw new Error(`${where}.clients must be an array.`);
  clients.forEach((c, i) => {
    if (!c || typeof c !== 'object') throw new Error(`${where}.clients[${i}] must be an object.`);
    const entry = c as Record<string, unknown>;
    if (typeof entry.module !== 'string' || !entry.module) throw new Error(`${where}.clients[${i}].module must be a non-empty string.`);
    for (const k of Object.keys(entry)) {
      if (!CLIENT_KEYS.has(k)) throw new Error(`${where}.clients[${i}] has an unknown property \`${k}\`.`);
    }
  });
  if (!Array.isArray(credentialOptions) || credentialOptions.some((s) => typeof s !== 'string')) {
    throw new Error(`${where}.credentialOptions must be an array of strings.`);
  }
  return { clients: clients as UserClient[], credentialOptions: credentialOptions as string[], tiers: checkTiers(tiers, where) };
}

function checkTiers(raw: unknown, where: string): TierPatterns | undefined {
  if (raw === undefined) return undefined;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where}.tiers must be an object.`);
  for (const [tier, patterns] of Object.entries(raw)) {
    if (!(TIERS as readonly string[]).includes(tier)) {
      throw new Error(`${where}.tiers has an unknown tier \`${tier}\` (one of ${TIERS.join(', ')}).`);
    }
    if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== 'string' || !p)) {
      throw new Error(`${where}.tiers.${tier} must be an array of non-empty strings.`);
    }
  }
  return raw;
}

export function resolveSettings(settings: Record<string, unknown> | undefined, options: SharedOptions): ResolvedSettings {
  const fromSettings = checkSettings(settings?.['redis-auth']);
  const clients = [...fromSettings.clients, ...(options.clients ?? [])];
  const credentialOptions = [...fromSettings.credentialOptions, ...(options.credentialOptions ?? [])];
  return {
    profiles: clients.map(userProfile),
    credentialOptions,
    tiers: fromSettings.tiers,
    key: clients.length || credentialOptions.length ? JSON.stringify([clients, credentialOptions]) : '',
  };
}
