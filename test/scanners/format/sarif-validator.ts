/** Validates a SARIF log against the official SARIF 2.1.0 JSON Schema (test/data). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync(join(__dirname, '../../data/sarif-schema-2.1.0.json'), 'utf8'));

// ajv knows no formats without ajv-formats; these are the three the schema uses, checked strictly
// enough to catch an absolute path or a space in a URI.
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
ajv.addFormat('uri-reference', /^[^\s\\]*$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(schema);

/** The schema errors, as readable lines (empty when valid). */
export function sarifErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
