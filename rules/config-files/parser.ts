/**
 * An ESLint parser for files that are not JavaScript (YAML, redis.conf, ACL, .env): it accepts
 * any text and returns an empty Program spanning it, so ESLint can run the `config-files` rule,
 * which reads the text itself. No tokens, no comments: JS rules find nothing to look at.
 */

/** ESLint's own line terminators (SourceCode splits lines the same way). */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

export const meta = { name: 'eslint-plugin-redis-auth/config-files-parser', version: '0.1.0' };

export interface ConfigFileProgram {
  type: 'Program';
  body: [];
  sourceType: 'module';
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  tokens: [];
  comments: [];
}

export function parseForESLint(text: string): {
  ast: ConfigFileProgram;
  visitorKeys: Record<string, string[]>;
  services: { redisAuthConfigFile: true };
} {
  const lines = text.split(LINE_BREAK);
  const ast: ConfigFileProgram = {
    type: 'Program',
    body: [],
    sourceType: 'module',
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1].length } },
    tokens: [],
    comments: [],
  };
  return { ast, visitorKeys: { Program: [] }, services: { redisAuthConfigFile: true } };
}

export function parse(text: string): ConfigFileProgram {
  return parseForESLint(text).ast;
}
