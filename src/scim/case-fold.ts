import type { AttributeDefinition } from './schema-model.ts'
import type { JsonValue } from './types.ts'

// RFC 7643 section 2.2: "If the attribute is case insensitive, the server MAY alter
// case for a submitted value." A value read back from a caseExact=false string
// attribute is the same value in any case; a value of an attribute the oracle does
// not know keeps its case, since nothing says the server may change it.

/** The value as a read-back comparison should see it. */
export function foldCase(definition: AttributeDefinition | undefined, value: JsonValue): JsonValue {
  return typeof value === 'string' && definition?.type === 'string' && !definition.caseExact ? value.toLowerCase() : value
}
