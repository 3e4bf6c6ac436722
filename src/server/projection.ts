// attributes / excludedAttributes (RFC 7644 sections 3.4.2.5 and 3.9) applied to
// a full representation, with the "returned" characteristic of RFC 7643 section 2.2:
// "always" attributes are always there, "never" never, "request" only when named.

import { findAttribute, splitUrnPath } from '../scim/attributes.ts'
import { commonAttributes } from '../scim/core-schemas.ts'
import type { AttributeDefinition } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue, ScimResource } from '../scim/types.ts'
import { isObject } from './resource-input.ts'
import type { ResourceTypeSpec } from './resource-types.ts'

export interface Projection {
  readonly attributes?: readonly string[]
  readonly excludedAttributes?: readonly string[]
}

/** What a list of names selects, keyed by lower-case schema id, then attribute name. */
type Selection = Map<string, Map<string, { whole: boolean; subs: Set<string> }>>

export function project(resource: ScimResource, type: ResourceTypeSpec, projection: Projection): ScimResource {
  const requested = projection.attributes?.length ? select(projection.attributes, type) : undefined
  const excluded = !requested && projection.excludedAttributes?.length ? select(projection.excludedAttributes, type) : undefined
  const decide = (schemaId: string, definition: AttributeDefinition, value: JsonValue): JsonValue | undefined => {
    if (definition.returned === 'never') return undefined
    if (definition.returned === 'always') return value
    const entry = (requested ?? excluded)?.get(schemaId.toLowerCase())?.get(definition.name.toLowerCase())
    const wholeSchema = (requested ?? excluded)?.get(schemaId.toLowerCase())?.has('*') ?? false
    if (requested) {
      if (wholeSchema || entry?.whole) return value
      return entry ? keepSubs(definition, value, (sub) => entry.subs.has(sub.name.toLowerCase())) : undefined
    }
    if (definition.returned === 'request') return undefined
    if (excluded && (wholeSchema || entry?.whole)) return undefined
    return entry ? keepSubs(definition, value, (sub) => !entry.subs.has(sub.name.toLowerCase())) : value
  }

  const result: ScimResource = { schemas: resource.schemas }
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas') continue
    const extension = type.extensions.find((e) => e.id === key)
    if (extension !== undefined && isObject(value)) {
      const kept: JsonObject = {}
      for (const [name, inner] of Object.entries(value)) {
        const definition = findAttribute(extension.attributes, name)
        const out = definition ? decide(extension.id, definition, inner) : undefined
        if (out !== undefined) kept[name] = out
      }
      if (Object.keys(kept).length > 0) result[key] = kept
      continue
    }
    const definition = findAttribute(type.schema.attributes, key) ?? findAttribute(commonAttributes, key)
    const out = definition ? decide(type.schema.id, definition, value) : undefined
    if (out !== undefined) result[key] = out
  }
  return result
}

/** Keeps the chosen sub-attributes of a complex value (each element when multi-valued), plus those returned "always". */
function keepSubs(definition: AttributeDefinition, value: JsonValue, chosen: (sub: AttributeDefinition) => boolean): JsonValue | undefined {
  const filterOne = (item: JsonValue): JsonValue | undefined => {
    if (!isObject(item)) return item
    const kept: JsonObject = {}
    for (const [name, inner] of Object.entries(item)) {
      const sub = findAttribute(definition.subAttributes, name)
      if (sub && sub.returned !== 'never' && (sub.returned === 'always' || chosen(sub))) kept[name] = inner
    }
    return Object.keys(kept).length > 0 ? kept : undefined
  }
  if (Array.isArray(value)) {
    const items = value.map(filterOne).filter((item): item is JsonValue => item !== undefined)
    return items.length > 0 ? items : undefined
  }
  return filterOne(value)
}

function select(names: readonly string[], type: ResourceTypeSpec): Selection {
  const selection: Selection = new Map()
  const schemaIds = [type.schema.id, ...type.extensions.map((e) => e.id)]
  for (const raw of names) {
    const name = raw.trim()
    if (name === '') continue
    const wholeExtension = schemaIds.find((id) => id.toLowerCase() === name.toLowerCase())
    if (wholeExtension !== undefined) {
      bucket(selection, wholeExtension).set('*', { whole: true, subs: new Set() })
      continue
    }
    const split = splitUrnPath(name, schemaIds)
    const schemaId = split.uri ?? type.schema.id
    const attributes = bucket(selection, schemaId)
    const key = split.attr.toLowerCase()
    const entry = attributes.get(key) ?? { whole: false, subs: new Set<string>() }
    if (split.sub === undefined) entry.whole = true
    else entry.subs.add(split.sub.toLowerCase())
    attributes.set(key, entry)
  }
  return selection
}

function bucket(selection: Selection, schemaId: string): Map<string, { whole: boolean; subs: Set<string> }> {
  const key = schemaId.toLowerCase()
  const existing = selection.get(key)
  if (existing) return existing
  const created = new Map<string, { whole: boolean; subs: Set<string> }>()
  selection.set(key, created)
  return created
}
