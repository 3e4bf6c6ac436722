// Checking a PATCH value against an attribute's type (RFC 7643 section 2.3) and
// bringing the Entra dialect's shapes to the JSON types the schema says.

import type { AttributeDefinition } from '../schema-model.ts'
import type { JsonObject, JsonValue } from '../types.ts'
import type { PatchDialect } from './context.ts'
import { findAttribute } from '../attributes.ts'
import { reject } from './errors.ts'

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The key of `object` that equals `name` ignoring case (RFC 7643 section 2.1), if any. */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name
  const wanted = name.toLowerCase()
  return Object.keys(object).find((key) => key.toLowerCase() === wanted)
}

/**
 * The attribute's value in its JSON type, or undefined when the value means
 * "unassigned": null, an empty array or (for complex values) no sub-attribute left
 * (RFC 7643 section 2.5). A multi-valued attribute always comes back as an array;
 * a single element is accepted in place of a one-element array.
 * A wrong type is 400 invalidValue (RFC 7644 section 3.12, Table 9).
 */
export function coerceValue(attribute: AttributeDefinition, value: JsonValue, dialect: PatchDialect, label: string): JsonValue | undefined {
  if (!attribute.multiValued) return coerceElement(attribute, value, dialect, label)
  const items = Array.isArray(value) ? value : [value]
  const elements = items.flatMap((item) => {
    const element = coerceElement(attribute, item, dialect, label)
    return element === undefined ? [] : [element]
  })
  return elements.length === 0 ? undefined : elements
}

/** One value of the attribute: the whole value if single-valued, one element if multi-valued. */
export function coerceElement(attribute: AttributeDefinition, value: JsonValue, dialect: PatchDialect, label: string): JsonValue | undefined {
  if (value === null) return undefined
  if (Array.isArray(value)) {
    // Entra's legacy manager shape wraps the one value in an array.
    const [only] = value
    if (dialect === 'entra' && attribute.type === 'complex' && value.length === 1 && isObject(only)) return coerceComplex(attribute, only, dialect, label)
    reject('invalidValue', `"${label}" takes a single value, not an array`)
  }
  if (attribute.type === 'complex') return coerceComplex(attribute, value, dialect, label)
  return coerceSimple(attribute, value, dialect, label)
}

function coerceComplex(attribute: AttributeDefinition, value: JsonValue, dialect: PatchDialect, label: string): JsonObject | undefined {
  if (typeof value === 'string' && dialect === 'entra' && !attribute.multiValued && findAttribute(attribute.subAttributes, 'value')) {
    // Entra sends the manager as a bare id and clears it with "" (Microsoft's Entra SCIM
    // documentation); it reads it back as { "value": id }.
    return value === '' ? undefined : { value }
  }
  if (!isObject(value)) reject('invalidValue', `"${label}" is complex: its value is an object of sub-attributes`)
  const result: JsonObject = {}
  for (const [key, subValue] of Object.entries(value)) {
    const sub = findAttribute(attribute.subAttributes, key)
    if (!sub) reject('invalidValue', `"${label}" has no sub-attribute "${key}"`)
    const coerced = coerceElement(sub, subValue, dialect, `${label}.${sub.name}`)
    if (coerced === undefined) continue
    if (sub.mutability === 'readOnly') reject('mutability', `"${label}.${sub.name}" is readOnly (RFC 7643 section 2.2)`)
    result[sub.name] = coerced
  }
  return Object.keys(result).length === 0 ? undefined : result
}

const STRING_TYPES = new Set(['string', 'reference', 'binary'])

function coerceSimple(attribute: AttributeDefinition, value: JsonValue, dialect: PatchDialect, label: string): JsonValue {
  if (isObject(value)) reject('invalidValue', `"${label}" is a simple ${attribute.type}, not an object`)
  if (attribute.type === 'boolean') {
    if (typeof value === 'boolean') return value
    // Entra without aadOptscim062020 sends "True"/"False".
    if (dialect === 'entra' && typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
    return reject('invalidValue', `"${label}" is a boolean; ${JSON.stringify(value)} is not`)
  }
  if (attribute.type === 'integer') {
    if (typeof value === 'number' && Number.isInteger(value)) return value
    return reject('invalidValue', `"${label}" is an integer; ${JSON.stringify(value)} is not`)
  }
  if (attribute.type === 'decimal') {
    if (typeof value === 'number') return value
    return reject('invalidValue', `"${label}" is a decimal; ${JSON.stringify(value)} is not`)
  }
  if (attribute.type === 'dateTime') {
    // RFC 7643 section 2.3.5: an xsd:dateTime string such as 2008-01-23T04:56:22Z
    // (XML Schema 1.1 Part 2, 3.3.7: the time zone is optional).
    if (typeof value === 'string' && /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.test(value)) return value
    return reject('invalidValue', `"${label}" is a dateTime; ${JSON.stringify(value)} is not`)
  }
  if (STRING_TYPES.has(attribute.type) && typeof value === 'string') return value
  return reject('invalidValue', `"${label}" is a ${attribute.type}; ${JSON.stringify(value)} is not`)
}

export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
  }
  return false
}

/**
 * Whether `existing` already holds everything `candidate` says: every sub-attribute
 * of the candidate has the same value there (names compared ignoring case). This is
 * RFC 7644 section 3.5.2.1's "already contains the value specified", so adding
 * { "value": id } to members that hold { "value": id, "display": ... } changes nothing.
 */
export function containsValue(existing: JsonValue, candidate: JsonValue): boolean {
  if (isObject(existing) && isObject(candidate)) {
    return Object.entries(candidate).every(([key, value]) => {
      const found = findKey(existing, key)
      return found !== undefined && jsonEqual(existing[found], value)
    })
  }
  return jsonEqual(existing, candidate)
}
