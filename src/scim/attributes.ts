// Looking up attribute characteristics for an attribute path: the filter and PATCH
// oracles need caseExact, multiValued and the sub-attributes of whatever a path names.

import type { AttributeDefinition, SchemaDefinition } from './schema-model.ts'
import type { AttrPath } from './filter/ast.ts'
import { SCHEMA_URN } from './schema-model.ts'
import { commonAttributes } from './core-schemas.ts'

export interface ResolvedAttribute {
  readonly schemaId: string
  readonly attribute: AttributeDefinition
  readonly sub?: AttributeDefinition
}

/** RFC 7643 section 2.1: attribute names are case-insensitive. */
export function findAttribute(list: readonly AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  if (!list) return undefined
  const wanted = name.toLowerCase()
  return list.find((a) => a.name.toLowerCase() === wanted)
}

/** Schema URIs are compared case-insensitively, as attribute names are (RFC 7643 section 2.1, 3.3). */
function findSchema(schemas: readonly SchemaDefinition[], uri: string): SchemaDefinition | undefined {
  const wanted = uri.toLowerCase()
  return schemas.find((s) => s.id.toLowerCase() === wanted)
}

/**
 * Resolves `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 section 3.4.2.2 attrPath,
 * RFC 7643 section 3.3 for URN-qualified extension attributes).
 * An unqualified path belongs to the core schema; the common attributes
 * id, externalId and meta (RFC 7643 section 3.1) resolve under the core schema id.
 * Returns undefined when the schema, the attribute or the sub-attribute is unknown,
 * or when a sub-attribute is named on an attribute that is not complex.
 */
export function resolveAttribute(
  schemas: readonly SchemaDefinition[],
  coreSchemaId: string,
  path: AttrPath,
): ResolvedAttribute | undefined {
  const schemaId = path.uri ?? coreSchemaId
  const schema = findSchema(schemas, schemaId)
  const isCore = schemaId.toLowerCase() === coreSchemaId.toLowerCase()
  const attribute = findAttribute(schema?.attributes, path.attr) ?? (isCore ? findAttribute(commonAttributes, path.attr) : undefined)
  if (!attribute) return undefined
  const resolvedId = schema?.id ?? coreSchemaId
  if (path.sub === undefined) return { schemaId: resolvedId, attribute }
  const sub = findAttribute(attribute.subAttributes, path.sub)
  if (!sub) return undefined
  return { schemaId: resolvedId, attribute, sub }
}

export interface SplitPath {
  readonly uri?: string
  readonly attr: string
  readonly sub?: string
}

const knownUrns: readonly string[] = Object.values(SCHEMA_URN)

/**
 * Splits a possibly URN-qualified attribute path such as
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`
 * into { uri, attr, sub }. A known schema URN (matched case-insensitively, extra
 * ones may be passed) is taken whole; otherwise the URI ends at the last ':'
 * before the attribute name (RFC 7644 section 3.10, RFC 7643 section 3.3).
 * Returned URIs keep the case they were written in.
 */
export function splitUrnPath(text: string, extraUrns: readonly string[] = []): SplitPath {
  const lower = text.toLowerCase()
  let uri: string | undefined
  let rest = text
  for (const urn of [...extraUrns, ...knownUrns]) {
    const prefix = urn.toLowerCase() + ':'
    if (lower.startsWith(prefix) && (uri === undefined || urn.length > uri.length)) {
      uri = text.slice(0, urn.length)
      rest = text.slice(prefix.length)
    }
  }
  if (uri === undefined && lower.startsWith('urn:')) {
    // The attribute name cannot contain ':', but a sub-attribute's dot may follow it.
    const dot = text.indexOf('.', text.lastIndexOf(':'))
    const beforeSub = dot === -1 ? text : text.slice(0, dot)
    const colon = beforeSub.lastIndexOf(':')
    uri = text.slice(0, colon)
    rest = text.slice(colon + 1)
  }
  const dot = rest.indexOf('.')
  const attr = dot === -1 ? rest : rest.slice(0, dot)
  const sub = dot === -1 ? undefined : rest.slice(dot + 1)
  return { ...(uri !== undefined ? { uri } : {}), attr, ...(sub !== undefined ? { sub } : {}) }
}
