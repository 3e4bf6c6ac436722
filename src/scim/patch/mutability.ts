// RFC 7644 section 3.5.2: "Each operation against an attribute MUST be compatible
// with the attribute's mutability" (RFC 7643 section 2.2); if not, 400 mutability
// (RFC 7644 section 3.12, Table 9).

import type { AttributeDefinition } from '../schema-model.ts'
import type { JsonValue } from '../types.ts'
import { reject } from './errors.ts'
import { jsonEqual } from './values.ts'

export function assertWritable(attribute: AttributeDefinition, label: string): void {
  if (attribute.mutability === 'readOnly') reject('mutability', `"${label}" is readOnly and cannot be modified (RFC 7643 section 2.2)`)
}

/** "a client MAY 'add' a value to an 'immutable' attribute if the attribute had no previous value" (RFC 7644 section 3.5.2). */
export function assertImmutableKept(attribute: AttributeDefinition, before: JsonValue | undefined, after: JsonValue | undefined, label: string): void {
  if (attribute.mutability !== 'immutable' || before === undefined || jsonEqual(before, after)) return
  reject('mutability', `"${label}" is immutable and already has a value (RFC 7643 section 2.2)`)
}

/** RFC 7644 section 3.5.2.2: removing or unassigning a required or readOnly attribute is a mutability error. */
export function assertRemovable(attribute: AttributeDefinition, label: string): void {
  assertWritable(attribute, label)
  if (attribute.required) reject('mutability', `"${label}" is required and cannot be removed (RFC 7644 section 3.5.2.2)`)
}
