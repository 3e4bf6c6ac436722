// The PATCH oracle: RFC 7644 section 3.5.2 applied to a resource, in the rfc or
// the entra dialect. The reference server and the property checks both use it.

import type { JsonObject, JsonValue, PatchRequest, ScimResource, ScimType } from '../types.ts'
import type { PatchContext } from './context.ts'
import type { PatchPath } from './path-ast.ts'
import { FilterSyntaxError, parsePatchPath } from '../filter/parse.ts'
import { SCHEMA_URN } from '../schema-model.ts'
import { addOrReplaceAttribute, removeAttribute } from './attribute-ops.ts'
import { PatchRejection, reject } from './errors.ts'
import { resolveTarget } from './target.ts'
import { addOrReplaceSelected, removeSelected } from './value-filter-ops.ts'
import { findKey, isObject, jsonEqual } from './values.ts'

export type { PatchContext, PatchDialect } from './context.ts'

export type PatchResult =
  | { readonly ok: true; readonly resource: ScimResource; readonly changed: boolean }
  | { readonly ok: false; readonly status: 400; readonly scimType: ScimType; readonly detail: string }

type OpName = 'add' | 'replace' | 'remove'

/**
 * Applies the operations in order, each to the result of the one before; any error
 * leaves the input untouched and yields the 400 error the server must send
 * ("A PATCH request, regardless of the number of operations, SHALL be treated as
 * atomic", RFC 7644 section 3.5.2). Never mutates `resource` or `request`; request
 * errors come back as `{ ok: false }`, never as exceptions.
 */
export function applyPatch(resource: ScimResource, request: PatchRequest, context: PatchContext): PatchResult {
  const working = structuredClone(resource)
  try {
    for (const operation of operationsOf(request)) applyOperation(working, operation, context)
  } catch (error) {
    if (error instanceof PatchRejection) return { ok: false, status: 400, scimType: error.scimType, detail: error.message }
    throw error
  }
  return { ok: true, resource: working, changed: !jsonEqual(resource, working) }
}

/** RFC 7644 section 3.5.2: "schemas" holds the PatchOp URI and "Operations" one or more operations. */
function operationsOf(request: PatchRequest): JsonObject[] {
  const body = request as unknown as JsonValue
  if (!isObject(body)) reject('invalidSyntax', 'The PATCH body is not a JSON object')
  const schemas = body[findKey(body, 'schemas') ?? 'schemas']
  if (!Array.isArray(schemas) || !schemas.some((id) => typeof id === 'string' && id.toLowerCase() === SCHEMA_URN.patchOp.toLowerCase())) {
    reject('invalidSyntax', `"schemas" must contain "${SCHEMA_URN.patchOp}" (RFC 7644 section 3.5.2)`)
  }
  const operations = body[findKey(body, 'Operations') ?? 'Operations']
  if (!Array.isArray(operations) || operations.length === 0) reject('invalidSyntax', '"Operations" must be an array of one or more operations (RFC 7644 section 3.5.2)')
  return operations.map((operation, i) => {
    if (!isObject(operation)) reject('invalidSyntax', `Operations[${i}] is not an object`)
    return operation
  })
}

function member(operation: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(operation, name)
  return key === undefined ? undefined : operation[key]
}

/**
 * RFC 7644 section 3.5.2: "op" is "add", "remove" or "replace"; anything else does
 * not conform to the request schema, so 400 invalidSyntax (Table 9). Entra sends
 * "Add", "Replace", "Remove", so the entra dialect
 * ignores case.
 */
function opName(operation: JsonObject, context: PatchContext): OpName {
  const op = member(operation, 'op')
  const name = typeof op === 'string' && context.dialect === 'entra' ? op.toLowerCase() : op
  if (name === 'add' || name === 'replace' || name === 'remove') return name
  return reject('invalidSyntax', `"op" must be "add", "remove" or "replace", not ${JSON.stringify(op)} (RFC 7644 section 3.5.2)`)
}

function parsePath(text: string): PatchPath {
  try {
    return parsePatchPath(text)
  } catch (error) {
    if (error instanceof FilterSyntaxError) reject(error.scimType, error.message)
    throw error
  }
}

function applyOperation(resource: ScimResource, operation: JsonObject, context: PatchContext): void {
  const op = opName(operation, context)
  const path = member(operation, 'path') ?? undefined
  const value = member(operation, 'value')
  if (path !== undefined && typeof path !== 'string') reject('invalidPath', `"path" must be a string, not ${JSON.stringify(path)}`)
  if (op === 'remove') {
    // 3.5.2.2: "If 'path' is unspecified, the operation fails with ... 'noTarget'".
    if (path === undefined) reject('noTarget', '"remove" needs a "path" (RFC 7644 section 3.5.2.2)')
    const target = resolveTarget(parsePath(path), path, context)
    return target.filter ? removeSelected(resource, target, context.dialect) : removeAttribute(resource, target, value, context.dialect)
  }
  // 3.5.2.1: "The operation MUST contain a 'value' member"; 3.5.2.3 replaces with it.
  // A missing required value is invalidValue (Table 9).
  if (value === undefined) reject('invalidValue', `"${op}" needs a "value" (RFC 7644 section 3.5.2.1, 3.5.2.3)`)
  if (path === undefined) return applyToResource(resource, op, value, context)
  applyAt(resource, op, parsePath(path), path, value, context)
}

function applyAt(resource: ScimResource, op: 'add' | 'replace', path: PatchPath, label: string, value: JsonValue, context: PatchContext): void {
  const target = resolveTarget(path, label, context)
  if (target.filter) addOrReplaceSelected(resource, op, target, value, context.dialect)
  else addOrReplaceAttribute(resource, op, target, value, context.dialect)
}

/**
 * No path: "the target location is assumed to be the resource itself", and the value
 * holds the attributes to add or replace (3.5.2.1, 3.5.2.3). Each key is read as a
 * path, so Entra's flattened "name.givenName" and URN-qualified
 * "urn:...:enterprise:2.0:User:department" keys land where their paths point
 *; a key that is a schema URN holds that
 * extension's attributes (RFC 7643 section 3.3).
 */
function applyToResource(resource: ScimResource, op: 'add' | 'replace', value: JsonValue, context: PatchContext): void {
  if (!isObject(value)) reject('invalidValue', `Without a "path", the "${op}" value is an object of attributes (RFC 7644 section 3.5.2.1, 3.5.2.3)`)
  for (const [key, attributeValue] of Object.entries(value)) {
    const schema = context.schemas.find((s) => s.id.toLowerCase() === key.toLowerCase())
    if (!schema) {
      applyAt(resource, op, parsePath(key), key, attributeValue, context)
      continue
    }
    if (!isObject(attributeValue)) reject('invalidValue', `"${key}" holds the extension's attributes as an object (RFC 7643 section 3.3)`)
    for (const [name, extensionValue] of Object.entries(attributeValue)) {
      const path = parsePath(name)
      applyAt(resource, op, { ...path, path: { ...path.path, uri: schema.id } }, `${schema.id}:${name}`, extensionValue, context)
    }
  }
}
