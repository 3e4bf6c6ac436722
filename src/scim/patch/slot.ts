// Reading and writing one attribute of a working copy of the resource. Core
// attributes are top-level keys; an extension's sit in an object under its schema
// URN (RFC 7643 section 3.3). Names match ignoring case (RFC 7643 section 2.1):
// an existing key keeps its spelling, a new one takes the schema's name.

import type { JsonObject, JsonValue, ScimResource } from '../types.ts'
import type { Target } from './target.ts'
import { findKey, isObject } from './values.ts'

export function readSlot(resource: ScimResource, target: Target): JsonValue | undefined {
  const container = findContainer(resource, target)
  if (!container) return undefined
  const key = findKey(container, target.attribute.name)
  return key === undefined ? undefined : container[key]
}

/**
 * `undefined` unassigns the attribute. An extension object is created with its URN
 * added to "schemas" (RFC 7643 section 3: "schemas" lists the schemas whose
 * attributes the resource holds), and removed with its URN once it is empty.
 */
export function writeSlot(resource: ScimResource, target: Target, value: JsonValue | undefined): void {
  let container = findContainer(resource, target)
  if (!container) {
    if (value === undefined) return
    container = {}
    resource[target.schemaId] = container
    const listed = Array.isArray(resource.schemas) ? resource.schemas : []
    if (!listed.some((id) => id.toLowerCase() === target.schemaId.toLowerCase())) resource.schemas = [...listed, target.schemaId]
  }
  const key = findKey(container, target.attribute.name)
  if (value !== undefined) container[key ?? target.attribute.name] = value
  else if (key !== undefined) delete container[key]
  if (target.inExtension && Object.keys(container).length === 0) {
    const extensionKey = findKey(resource, target.schemaId)
    if (extensionKey !== undefined) delete resource[extensionKey]
    if (Array.isArray(resource.schemas)) resource.schemas = resource.schemas.filter((id) => id.toLowerCase() !== target.schemaId.toLowerCase())
  }
}

function findContainer(resource: ScimResource, target: Target): JsonObject | undefined {
  if (!target.inExtension) return resource
  const key = findKey(resource, target.schemaId)
  const container = key === undefined ? undefined : resource[key]
  return isObject(container) ? container : undefined
}

/** Sets (or with undefined, removes) one sub-attribute, keeping an existing key's spelling. */
export function setMember(object: JsonObject, name: string, value: JsonValue | undefined): void {
  const key = findKey(object, name)
  if (value !== undefined) object[key ?? name] = value
  else if (key !== undefined) delete object[key]
}

/** RFC 7644 section 3.5.2.1/3.5.2.3: sub-attributes given replace, the others stay. */
export function mergeComplex(existing: JsonValue | undefined, update: JsonObject): JsonObject {
  const merged: JsonObject = isObject(existing) ? { ...existing } : {}
  for (const [name, value] of Object.entries(update)) setMember(merged, name, value)
  return merged
}
