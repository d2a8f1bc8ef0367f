import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { sharedOptionProperties } from './settings';

/** The one-object options schema every rule uses: shared properties plus the rule's own. */
export function optionsSchema(own: Record<string, JSONSchema4> = {}): JSONSchema4[] {
  return [
    {
      type: 'object',
      additionalProperties: false,
      properties: { ...sharedOptionProperties, ...own },
    },
  ];
}
