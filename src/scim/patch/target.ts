// What a PATCH path names, resolved against the server's schemas
// (RFC 7644 section 3.5.2: PATH = attrPath / valuePath [subAttr]).

import type { AttrPath, Filter } from '../filter/ast.ts'
import type { AttributeDefinition } from '../schema-model.ts'
import type { PatchPath } from './path-ast.ts'
import type { PatchContext } from './context.ts'
import type { ResolvedAttribute } from '../attributes.ts'
import { findAttribute, resolveAttribute } from '../attributes.ts'
import { reject } from './errors.ts'

export interface Target {
  /** The canonical id of the schema the attribute belongs to. */
  readonly schemaId: string
  /** True when the attribute sits under its schema URN in the resource (RFC 7643 section 3.3). */
  readonly inExtension: boolean
  readonly attribute: AttributeDefinition
  readonly sub?: AttributeDefinition
  /** A value selection filter (valuePath), relative to the attribute's elements. */
  readonly filter?: Filter
  /** The path as the client wrote it, for error details. */
  readonly label: string
}

/**
 * Unknown schemas, attributes and sub-attributes are "invalid or malformed"
 * paths: 400 invalidPath (RFC 7644 section 3.12, Table 9).
 */
export function resolveTarget(path: PatchPath, label: string, context: PatchContext): Target {
  const attrPath = path.kind === 'attr' ? path.path : { ...path.path, sub: undefined }
  const resolved = resolveAttribute(context.schemas, context.coreSchemaId, attrPath) ?? resolveInExtension(attrPath, context)
  if (!resolved) reject('invalidPath', `"${label}" names no attribute of the resource's schemas`)
  const { schemaId, attribute } = resolved
  const base = { schemaId, inExtension: schemaId.toLowerCase() !== context.coreSchemaId.toLowerCase(), attribute, label }
  if (path.kind === 'attr') {
    if (resolved.sub === undefined) return base
    // RFC 7644 section 3.5.2 only reaches a sub-attribute of a multi-valued attribute
    // through a value filter ("emails[type eq \"work\"].value"); "emails.value"
    // would name every element at once, which no rule in 3.5.2.1-3.5.2.3 covers.
    if (attribute.multiValued) {
      reject('invalidPath', `"${label}": a sub-attribute of the multi-valued "${attribute.name}" needs a value filter, e.g. ${attribute.name}[type eq "work"].${resolved.sub.name}`)
    }
    return { ...base, sub: resolved.sub }
  }
  if (path.path.sub !== undefined) reject('invalidPath', `"${label}": a value filter follows an attribute, not a sub-attribute`)
  if (!attribute.multiValued && attribute.type !== 'complex') {
    reject('invalidPath', `"${label}": "${attribute.name}" is a single simple value and cannot take a value filter`)
  }
  if (path.sub === undefined) return { ...base, filter: path.filter }
  const sub = findAttribute(attribute.subAttributes, path.sub)
  if (!sub) reject('invalidPath', `"${label}": "${attribute.name}" has no sub-attribute "${path.sub}"`)
  return { ...base, filter: path.filter, sub }
}

/**
 * Entra's legacy shape {"op":"Add","path":"manager",...} names an enterprise
 * extension attribute without its URN (Microsoft's Entra SCIM documentation, "Legacy doc
 * shapes"). The entra dialect accepts an unqualified name that no core attribute
 * has when exactly one extension defines it; RFC 7644 section 3.10 gives
 * unqualified names to the core schema, so the rfc dialect does not.
 */
function resolveInExtension(path: AttrPath, context: PatchContext): ResolvedAttribute | undefined {
  if (context.dialect !== 'entra' || path.uri !== undefined) return undefined
  const core = context.coreSchemaId.toLowerCase()
  const found = context.schemas
    .filter((schema) => schema.id.toLowerCase() !== core)
    .flatMap((schema) => resolveAttribute(context.schemas, context.coreSchemaId, { ...path, uri: schema.id }) ?? [])
  return found.length === 1 ? found[0] : undefined
}
