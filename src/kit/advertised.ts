import { Blocked } from './blocked.ts'
import { TransportError, type Http, type HttpResponse } from '../client/http.ts'
import type { RunConfig } from './run-config.ts'
import type { MappedAttribute, Profile, ResourceKind } from '../profile.ts'
import { parseEntraPath, type EntraPath } from './profile-values.ts'
import { findAttribute, resolveAttribute } from '../scim/attributes.ts'
import { enterpriseUserSchema, groupSchema, userSchema } from '../scim/core-schemas.ts'
import type { AttributeDefinition, SchemaDefinition } from '../scim/schema-model.ts'

// What the target says it supports, read once before any check from /ResourceTypes and
// /Schemas (RFC 7643 sections 6 and 7). RFC 7643 section 2: "service providers are free
// to omit attributes", so a run sends only attributes the server lists. Where discovery
// is not served or cannot be read, the run assumes the core schemas of RFC 7643 8.7.1
// and the report says so.

export type Advertised =
  | { readonly source: 'discovery'; readonly User: readonly SchemaDefinition[]; readonly Group: readonly SchemaDefinition[] }
  | { readonly source: 'core-schemas'; readonly reason: string; readonly User: readonly SchemaDefinition[]; readonly Group: readonly SchemaDefinition[] }

/** The RFC 7643 8.7.1 schemas, assumed when discovery is missing. */
export const coreAdvertised = (reason: string): Advertised => ({ source: 'core-schemas', reason, User: [userSchema, enterpriseUserSchema], Group: [groupSchema] })

const ENDPOINT: Record<ResourceKind, string> = { User: '/Users', Group: '/Groups' }

/** Never throws: a discovery the run cannot read is a fallback with its reason, and the discovery checks judge it. */
export async function readAdvertised(http: Http): Promise<Advertised> {
  let types: HttpResponse
  let schemas: HttpResponse
  try {
    [types, schemas] = await Promise.all([http.send({ method: 'GET', path: '/ResourceTypes' }), http.send({ method: 'GET', path: '/Schemas' })])
  } catch (error) {
    if (error instanceof TransportError) return coreAdvertised(`discovery got no answer (${error.exchange.error ?? error.message})`)
    throw error
  }
  if (types.status !== 200) return coreAdvertised(`GET /ResourceTypes answered ${types.status}`)
  if (schemas.status !== 200) return coreAdvertised(`GET /Schemas answered ${schemas.status}`)
  const typeList = resourcesOf(types.json)
  const schemaList = resourcesOf(schemas.json).flatMap((s) => schemaOf(s) ?? [])
  const forKind = (kind: ResourceKind): SchemaDefinition[] | string => {
    const type = typeList.find((t) => t['name'] === kind || t['endpoint'] === ENDPOINT[kind])
    if (type === undefined) return `/ResourceTypes lists no ${kind}`
    const core = schemaList.find((s) => s.id.toLowerCase() === String(type['schema']).toLowerCase())
    if (core === undefined) return `/Schemas lists no ${String(type['schema'])}`
    const extensions = (Array.isArray(type['schemaExtensions']) ? type['schemaExtensions'] : []).flatMap((e: { schema?: unknown }) =>
      schemaList.filter((s) => typeof e?.schema === 'string' && s.id.toLowerCase() === e.schema.toLowerCase()))
    return [core, ...extensions]
  }
  const user = forKind('User')
  const group = forKind('Group')
  if (typeof user === 'string') return coreAdvertised(user)
  if (typeof group === 'string') return coreAdvertised(group)
  return { source: 'discovery', User: user, Group: group }
}

function resourcesOf(json: unknown): Record<string, unknown>[] {
  const list = (json as { Resources?: unknown } | undefined)?.Resources
  return Array.isArray(list) ? list.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object') : []
}

/** A Schema resource with RFC 7643 2.2 defaults for the characteristics it leaves out; undefined when it has no id. */
function schemaOf(resource: Record<string, unknown>): SchemaDefinition | undefined {
  if (typeof resource['id'] !== 'string') return undefined
  return { id: resource['id'], name: typeof resource['name'] === 'string' ? resource['name'] : resource['id'], attributes: attributesOf(resource['attributes']) }
}

function attributesOf(list: unknown): AttributeDefinition[] {
  if (!Array.isArray(list)) return []
  return list.flatMap((a: Record<string, unknown> | null): AttributeDefinition[] => {
    if (a === null || typeof a !== 'object' || typeof a['name'] !== 'string') return []
    const subAttributes = Array.isArray(a['subAttributes']) ? { subAttributes: attributesOf(a['subAttributes']) } : {}
    return [{
      name: a['name'],
      type: (typeof a['type'] === 'string' ? a['type'] : 'string') as AttributeDefinition['type'],
      multiValued: a['multiValued'] === true,
      required: a['required'] === true,
      caseExact: a['caseExact'] === true,
      mutability: (typeof a['mutability'] === 'string' ? a['mutability'] : 'readWrite') as AttributeDefinition['mutability'],
      returned: (typeof a['returned'] === 'string' ? a['returned'] : 'default') as AttributeDefinition['returned'],
      uniqueness: (typeof a['uniqueness'] === 'string' ? a['uniqueness'] : 'none') as AttributeDefinition['uniqueness'],
      ...subAttributes,
    }]
  })
}

/**
 * Whether the server lists a profile path: its attribute, its sub-attribute, and the
 * sub-attribute its value filter selects on (emails[type eq "work"].value needs emails.type and emails.value).
 * A complex attribute listed without subAttributes is taken to have them all.
 */
export function isAdvertised(advertised: Advertised, kind: ResourceKind, path: string): boolean {
  const found = topAttribute(advertised, kind, path)
  if (found === 'unparsed') return true
  if (found === undefined) return false
  const subs = found.attribute.subAttributes
  if (subs === undefined || subs.length === 0) return true
  return [found.path.sub, found.path.filter?.attribute].every((name) => name === undefined || findAttribute(subs, name) !== undefined)
}

/** The server's definition of the top-level attribute a profile path writes; 'unparsed' for a path outside Entra's form. */
function topAttribute(advertised: Advertised, kind: ResourceKind, path: string): { readonly path: EntraPath; readonly attribute: AttributeDefinition } | 'unparsed' | undefined {
  const schemas = advertised[kind]
  if (schemas[0] === undefined) return undefined
  let parsed: EntraPath
  try {
    parsed = parseEntraPath(path)
  } catch {
    return 'unparsed'
  }
  const resolved = resolveAttribute(schemas, schemas[0].id, { ...(parsed.urn ? { uri: parsed.urn } : {}), attr: parsed.attribute })
  return resolved === undefined ? undefined : { path: parsed, attribute: resolved.attribute }
}

/** Attributes the server declares required, as `name` (core) or `urn:…:name` (extension): PatchSpace.required. */
export function serverRequired(advertised: Advertised, kind: ResourceKind): string[] {
  const [core, ...extensions] = advertised[kind]
  if (core === undefined || advertised.source !== 'discovery') return []
  return [
    ...core.attributes.filter((a) => a.required).map((a) => a.name),
    ...extensions.flatMap((e) => e.attributes.filter((a) => a.required).map((a) => `${e.id}:${a.name}`)),
  ]
}

/** Whether the server declares the top-level attribute of a profile path required. */
function requiredByServer(advertised: Advertised, kind: ResourceKind, path: string): boolean {
  if (advertised.source !== 'discovery') return false
  const found = topAttribute(advertised, kind, path)
  return typeof found === 'object' && found.attribute.required
}

/** A profile attribute the run leaves out because the server does not list it. */
export interface LeftOut {
  readonly kind: ResourceKind
  readonly attribute: MappedAttribute
}

/**
 * The profile as this server can be judged on it: only the attributes it advertises.
 * The matching attribute always stays (Entra cannot work without it, and the checks say so).
 */
export function narrowProfile(profile: Profile, advertised: Advertised): { readonly profile: Profile; readonly leftOut: readonly LeftOut[] } {
  const keep = (kind: ResourceKind) => (a: MappedAttribute) =>
    isAdvertised(advertised, kind, a.path) || a.path === (kind === 'User' ? profile.matching.user : profile.matching.group)
  const leftOut: LeftOut[] = [
    ...profile.user.filter((a) => !keep('User')(a)).map((attribute) => ({ kind: 'User' as const, attribute })),
    ...profile.group.filter((a) => !keep('Group')(a)).map((attribute) => ({ kind: 'Group' as const, attribute })),
  ]
  // A survey profile follows the server's own "required" too: the create with only the required
  // attributes then carries what the server requires. An app profile keeps its own: Entra sends what it maps.
  const withServerRequired = (kind: ResourceKind) => (a: MappedAttribute): MappedAttribute =>
    profile.judgeAdvertisedOnly && !a.required && requiredByServer(advertised, kind, a.path) ? { ...a, required: true } : a
  return {
    profile: { ...profile, user: profile.user.filter(keep('User')).map(withServerRequired('User')), group: profile.group.filter(keep('Group')).map(withServerRequired('Group')) },
    leftOut,
  }
}

/**
 * For a check that needs one attribute outside the profile (an Entra scenario that always sends the
 * manager, say): not judged when the server does not list it. Blocked under profile.attributes-advertised
 * when the profile maps it (that check says whether Entra's requests for it work), skipped otherwise.
 */
export function requireAdvertised(run: RunConfig, skip: (reason: string) => never, kind: ResourceKind, path: string): void {
  if (isAdvertised(run.advertised, kind, path)) return
  if (run.leftOut.some((l) => l.kind === kind && l.attribute.path.toLowerCase() === path.toLowerCase())) {
    throw new Blocked(`the server does not list ${path} in /Schemas or /ResourceTypes`, { check: 'profile.attributes-advertised' }, { sentNothing: true })
  }
  skip(`the server does not list ${path} in /Schemas or /ResourceTypes, and profile ${run.profile.name} does not map it`)
}
