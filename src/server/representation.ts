// A stored entry as the wire shows it, before attribute projection: schemas,
// id, meta (RFC 7643 section 3.1), computed attributes (User.groups, RFC 7643
// section 4.1.2), member references, and never the password (returned "never").

import type { JsonObject, JsonValue, ScimResource } from '../scim/types.ts'
import type { ResourceStore, StoredResource } from './store.ts'
import { GROUP_TYPE, USER_TYPE, type ResourceTypeSpec } from './resource-types.ts'
import { isObject } from './resource-input.ts'

export interface RepresentationContext {
  readonly baseUrl: string
  readonly store: ResourceStore
  readonly etag: boolean
}

/** RFC 7644 section 3.14: a weak entity tag per version. */
export function versionTag(entry: StoredResource): string {
  return `W/"${entry.version}"`
}

export function locationOf(baseUrl: string, type: ResourceTypeSpec, id: string): string {
  return `${baseUrl}${type.endpoint}/${id}`
}

/**
 * `shared`: nested values are the store's own, not copies, for a representation that is only read
 * (a list query's filter and sort look at every resource; only the page it answers is copied).
 */
export function represent(entry: StoredResource, type: ResourceTypeSpec, context: RepresentationContext, shared = false): ScimResource {
  const { password: _password, ...attributes } = shared ? entry.attributes : structuredClone(entry.attributes)
  const schemas = [type.schema.id, ...type.extensions.map((e) => e.id).filter((id) => attributes[id] !== undefined)]
  const resource: ScimResource = { schemas, id: entry.id, ...attributes }
  if (type === USER_TYPE) {
    const groups = groupsOf(entry.id, context)
    if (groups.length > 0) resource['groups'] = groups
  } else {
    const members = resource['members']
    if (Array.isArray(members)) resource['members'] = members.map((m) => withReference(m, context))
  }
  const meta: JsonObject = {
    resourceType: type.name,
    created: entry.created,
    lastModified: entry.lastModified,
    location: locationOf(context.baseUrl, type, entry.id),
  }
  if (context.etag) meta['version'] = versionTag(entry)
  resource['meta'] = meta
  return resource
}

/** RFC 7643 section 4.1.2: direct memberships, read from the groups (Entra provisions one level only). */
function groupsOf(userId: string, context: RepresentationContext): JsonValue[] {
  return context.store
    .all('Groups')
    .filter((group) => hasMember(group.attributes, userId))
    .map((group) => ({
      value: group.id,
      $ref: locationOf(context.baseUrl, GROUP_TYPE, group.id),
      display: typeof group.attributes['displayName'] === 'string' ? group.attributes['displayName'] : '',
      type: 'direct',
    }))
}

function hasMember(attributes: JsonObject, id: string): boolean {
  const members = attributes['members']
  return Array.isArray(members) && members.some((m) => isObject(m) && m['value'] === id)
}

/** Adds $ref and type to a member that names a known resource, when the client did not send them. */
function withReference(member: JsonValue, context: RepresentationContext): JsonValue {
  if (!isObject(member) || typeof member['value'] !== 'string') return member
  const id = member['value']
  const type = context.store.get('Users', id) ? USER_TYPE : context.store.get('Groups', id) ? GROUP_TYPE : undefined
  if (type === undefined) return member
  return { ...member, $ref: member['$ref'] ?? locationOf(context.baseUrl, type, id), type: member['type'] ?? type.name }
}
