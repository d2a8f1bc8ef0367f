/**
 * `redis-auth/config-files`: the config scanners' findings as ESLint problems, so an editor that
 * runs ESLint shows them in docker-compose.yml, Helm values, redis.conf and .env files.
 *
 * One rule for every file kind: the scanner is chosen by the file's name and content, not by the
 * rule, and each check keeps its own id (shown in the message), severity and `off` switch through
 * the same redis-auth config file the CLI reads.
 */
import { ruleCreator } from '../create-rule';
import { SEVERITIES, type Severity } from '../../src/core/finding';
import type { Scanner } from '../../src/engine/kit/contract';

type ScanFile = typeof import('./scan-file').scanFile;

// The scanners (yaml, fast-glob, ajv...) load on the first config file linted, so a lint of
// JS/TS only never pays for them.
let loaded: ScanFile | undefined;
const lazyScanFile: ScanFile = (...args) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('./scan-file') as typeof import('./scan-file')).scanFile;
  return loaded(...args);
};

export const RULE_NAME = 'config-files';

type Options = [{ minSeverity?: Severity }];
type MessageIds = 'finding' | 'config';

const createConfigRule = ruleCreator<{ recommended: boolean }>();

/**
 * The rule over a set of scanners (tests pass their own; the plugin uses all of them). Tests
 * also pass `scanFile` itself: a test runner that compiles TypeScript on import cannot follow
 * the lazy `require`.
 */
export function createConfigFilesRule(scanners?: readonly Scanner[], scanFile: ScanFile = lazyScanFile) {
  return createConfigRule<Options, MessageIds>({
    name: RULE_NAME,
    meta: {
      type: 'problem',
      // JavaScript and TypeScript only (ESLint 10 refuses the rule on another language).
      languages: ['js/js'],
      docs: {
        description:
          'Report unauthenticated, exposed or hardcoded Redis in compose files, Helm values, Kubernetes manifests, redis.conf and .env files.',
        recommended: false,
      },
      defaultOptions: [{}],
      messages: {
        finding: '{{ message }} ({{ ruleId }})',
        config: 'redis-auth config is not used: {{ message }}',
      },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            minSeverity: {
              type: 'string',
              enum: [...SEVERITIES],
              description: 'Report only findings at or above this scanner severity (default `note`: all of them).',
            },
          },
        },
      ],
    },
    create(context, [options]) {
      return {
        Program() {
          const source = context.sourceCode;
          const { findings, configError } = scanFile(source.text, context.filename, context.cwd, {
            minSeverity: options.minSeverity,
            scanners,
          });
          if (configError) {
            context.report({ loc: { line: 1, column: 0 }, messageId: 'config', data: { message: configError } });
          }
          const lines = source.lines;
          // Scanner positions are 1-based columns; ESLint's are 0-based. Clamp into the text.
          const clamp = (line: number, column: number) => {
            const l = Math.min(Math.max(line, 1), lines.length);
            return { line: l, column: Math.min(Math.max(column - 1, 0), lines[l - 1].length) };
          };
          for (const f of findings) {
            const start = clamp(f.line, f.column);
            const end = f.endLine !== undefined && f.endColumn !== undefined ? clamp(f.endLine, f.endColumn) : undefined;
            context.report({
              loc: end && (end.line > start.line || end.column > start.column) ? { start, end } : start,
              messageId: 'finding',
              data: { message: f.message, ruleId: f.ruleId },
            });
          }
        },
      };
    },
  });
}

export const configFilesRule = createConfigFilesRule();
