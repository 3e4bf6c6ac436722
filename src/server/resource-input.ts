// Reads a POST or PUT body into the attributes the store keeps: canonical
// attribute names (RFC 7643 section 2.1: names are case-insensitive), values
// checked against their type (RFC 7643 section 2.3), readOnly attributes dropped
// (RFC 7644 sections 3.3 and 3.5.1), extensions under their schema URN (section 3.3).

import { findAttribute, splitUrnPath } from '../scim/attributes.ts'
import { commonAttributes } from '../scim/core-schemas.ts'
import type { AttributeDefinition } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue } from '../scim/types.ts'
import { ScimProblem } from './response.ts'
import type { ResourceTypeSpec } from './resource-types.ts'

export function readResourceBody(body: JsonValue, type: ResourceTypeSpec): JsonObject {
  if (!isObject(body)) throw new ScimProblem(400, 'The request body must be a JSON object.', 'invalidSyntax')
  const schemas = body['schemas']
  const listsCore = Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && sameName(s, type.schema.id))
  if (!listsCore) {
    throw new ScimProblem(400, `"schemas" must be an array that lists ${type.schema.id} (RFC 7643 section 3).`, 'invalidSyntax')
  }
  const result: JsonObject = {}
  for (const [key, value] of Object.entries(body)) {
    if (sameName(key, 'schemas')) continue
    const extension = type.extensions.find((e) => sameName(e.id, key))
    if (extension !== undefined) {
      if (value === null) continue
      if (!isObject(value)) throw new ScimProblem(400, `"${extension.id}" must be an object.`, 'invalidValue')
      for (const [name, inner] of Object.entries(value)) place(result, extension.id, findAttribute(extension.attributes, name), inner)
      continue
    }
    if (key.toLowerCase().startsWith('urn:')) {
      // A URN-qualified attribute written flat (RFC 7644 section 3.10), e.g. "<enterprise URN>:employeeNumber".
      const split = splitUrnPath(key, type.extensions.map((e) => e.id))
      const schema = [type.schema, ...type.extensions].find((s) => split.uri !== undefined && sameName(s.id, split.uri))
      if (schema === undefined || split.sub !== undefined) continue
      place(result, schema === type.schema ? undefined : schema.id, findAttribute(schema.attributes, split.attr), value)
      continue
    }
    place(result, undefined, findAttribute(type.schema.attributes, key) ?? findAttribute(commonAttributes, key), value)
  }
  requirePresent(result, type)
  return result
}

/** Stores one attribute under its canonical name; unknown and readOnly attributes are ignored. */
function place(
  target: JsonObject,
  extensionId: string | undefined,
  definition: AttributeDefinition | undefined,
  value: JsonValue,
): void {
  if (definition === undefined || definition.mutability === 'readOnly') return
  const normalized = readValue(definition, value, definition.name)
  const holder = extensionId === undefined ? target : extensionHolder(target, extensionId)
  if (normalized === undefined) delete holder[definition.name]
  else holder[definition.name] = normalized
  if (extensionId !== undefined && Object.keys(holder).length === 0) delete target[extensionId]
}

function extensionHolder(target: JsonObject, schemaId: string): JsonObject {
  const existing = target[schemaId]
  if (isObject(existing)) return existing
  const created: JsonObject = {}
  target[schemaId] = created
  return created
}

/** undefined means unassigned: null, [] and {} all clear an attribute (RFC 7643 section 2.5). */
export function readValue(definition: AttributeDefinition, value: JsonValue, where: string): JsonValue | undefined {
  if (value === null) return undefined
  if (definition.multiValued) {
    if (!Array.isArray(value)) throw new ScimProblem(400, `"${where}" is multi-valued and must be an array.`, 'invalidValue')
    const items = value
      .map((item, i) => readSingle(definition, item, `${where}[${i}]`))
      .filter((item): item is JsonValue => item !== undefined)
    if (definition.type === 'complex') {
      const primaries = items.filter((item) => isObject(item) && item['primary'] === true).length
      // RFC 7643 section 2.4: "primary" true appears no more than once.
      if (primaries > 1) throw new ScimProblem(400, `"${where}" has more than one primary value.`, 'invalidValue')
    }
    return items.length === 0 ? undefined : items
  }
  return readSingle(definition, value, where)
}

function readSingle(definition: AttributeDefinition, value: JsonValue, where: string): JsonValue | undefined {
  if (value === null) return undefined
  if (definition.type === 'complex') return readComplex(definition, value, where)
  return readScalar(definition, value, where)
}

function readComplex(definition: AttributeDefinition, value: JsonValue, where: string): JsonValue | undefined {
  const subs = definition.subAttributes ?? []
  // Entra sends the enterprise manager as a bare id string; it means { value: id }.
  if (typeof value === 'string' && findAttribute(subs, 'value') !== undefined) value = { value }
  if (!isObject(value)) throw new ScimProblem(400, `"${where}" must be an object.`, 'invalidValue')
  const result: JsonObject = {}
  for (const [name, inner] of Object.entries(value)) {
    const sub = findAttribute(subs, name)
    if (sub === undefined || sub.mutability === 'readOnly') continue
    const normalized = readSingle(sub, inner, `${where}.${sub.name}`)
    if (normalized !== undefined) result[sub.name] = normalized
  }
  for (const sub of subs) {
    if (sub.required && result[sub.name] === undefined) {
      throw new ScimProblem(400, `"${where}.${sub.name}" is required.`, 'invalidValue')
    }
  }
  return Object.keys(result).length === 0 ? undefined : result
}

function readScalar(definition: AttributeDefinition, value: JsonValue, where: string): JsonValue {
  const wrong = (): ScimProblem => new ScimProblem(400, `"${where}" must be of type ${definition.type}.`, 'invalidValue')
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value
      // Entra's dialect: "True" / "False" strings for booleans.
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
      throw wrong()
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value
      throw wrong()
    case 'decimal':
      if (typeof value === 'number') return value
      throw wrong()
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value
      throw wrong()
    default:
      if (typeof value === 'string') return value
      throw wrong()
  }
}

/** RFC 7643 section 2.2 "required", RFC 7644 section 3.5.1: a missing required attribute is 400 invalidValue. */
function requirePresent(attributes: JsonObject, type: ResourceTypeSpec): void {
  for (const definition of type.schema.attributes) {
    if (!definition.required || definition.mutability === 'readOnly') continue
    const value = attributes[definition.name]
    if (value === undefined || value === '') {
      throw new ScimProblem(400, `"${definition.name}" is required.`, 'invalidValue')
    }
  }
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
