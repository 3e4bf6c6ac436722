// Rules that compare a write with the resource it changes: immutable attributes
// (RFC 7643 section 2.2, RFC 7644 section 3.5.1) and password changes, which the
// server allows only while it claims changePassword (RFC 7643 section 5).

import { isDeepStrictEqual } from 'node:util'
import type { AttributeDefinition } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue } from '../scim/types.ts'
import type { ServerContext } from './context.ts'
import { isObject } from './resource-input.ts'
import type { ResourceTypeSpec } from './resource-types.ts'
import { ScimProblem } from './response.ts'

/**
 * An immutable attribute that already has a value may only be sent again with that
 * value (400 mutability otherwise); when omitted, it keeps its value. Sub-attributes of
 * multi-valued attributes (members.value) are exempt: whole values may come and go.
 */
export function requireImmutableKept(type: ResourceTypeSpec, previous: JsonObject, next: JsonObject): void {
  checkLevel(type.schema.attributes, previous, next, '')
  for (const extension of type.extensions) {
    const before = previous[extension.id]
    if (!isObject(before)) continue
    const after = isObject(next[extension.id]) ? (next[extension.id] as JsonObject) : (next[extension.id] = {})
    checkLevel(extension.attributes, before, after, `${extension.id}:`)
    if (Object.keys(after).length === 0) delete next[extension.id]
  }
}

function checkLevel(definitions: readonly AttributeDefinition[], previous: JsonObject, next: JsonObject, prefix: string): void {
  for (const definition of definitions) {
    const before = previous[definition.name]
    if (before === undefined) continue
    const after = next[definition.name]
    if (definition.mutability === 'immutable') {
      if (after === undefined) next[definition.name] = structuredClone(before)
      else if (!isDeepStrictEqual(before, after)) throw immutable(`${prefix}${definition.name}`)
      continue
    }
    if (definition.type === 'complex' && !definition.multiValued && isObject(before)) {
      const afterObject = isObject(after) ? after : undefined
      for (const sub of definition.subAttributes ?? []) {
        if (sub.mutability !== 'immutable' || before[sub.name] === undefined) continue
        const value: JsonValue | undefined = afterObject?.[sub.name]
        if (value !== undefined && !isDeepStrictEqual(before[sub.name], value)) throw immutable(`${prefix}${definition.name}.${sub.name}`)
      }
    }
  }
}

function immutable(name: string): ScimProblem {
  return new ScimProblem(400, `"${name}" is immutable and already has a different value.`, 'mutability')
}

export function requirePasswordChangeAllowed(context: ServerContext, previous: JsonObject, next: JsonObject): void {
  const password = next['password']
  if (password === undefined || context.features.changePassword || password === previous['password']) return
  throw new ScimProblem(400, 'This server does not support changing the password (changePassword.supported is false).', 'mutability')
}
