import type { Handle, ScimHttpRequest } from '../../src/server/index.ts'
import { errorResponse } from '../../src/server/response.ts'
import { parseFilter } from '../../src/scim/filter/parse.ts'
import type { AttrPath, Filter } from '../../src/scim/filter/ast.ts'
import { SCHEMA_URN } from '../../src/scim/schema-model.ts'
import type { Variant } from './variant.ts'
import { bodyOf, withBody } from '../faults/wrappers.ts'
import { authenticatedOnly } from './write-outcome.ts'

// A server that implements part of the User schema and no extension. RFC 7643 section 2:
// "service providers are free to omit attributes and change attribute characteristics",
// and section 7 lets /Schemas list the attributes it supports; RFC 7643 section 6 makes
// schemaExtensions per resource type. Whatever it does not list it refuses with 400.

/** The User attributes this server keeps: everything else of section 4.1, and the enterprise extension, it refuses. */
const KEPT_USER = new Set(['userName', 'name', 'displayName', 'title', 'emails', 'phoneNumbers', 'addresses', 'active', 'password', 'groups'])
const COMMON = new Set(['schemas', 'id', 'externalId', 'meta'])
const lower = (s: string) => s.toLowerCase()
const KEPT = new Set([...KEPT_USER, ...COMMON].map(lower))
const USER_PREFIX = `${lower(SCHEMA_URN.user)}:`

/** The top-level attribute a path or filter attribute names, with the core URN prefix removed; undefined for an extension. */
function topAttribute(path: string): string | undefined {
  const p = lower(path)
  if (p.startsWith('urn:') && !p.startsWith(USER_PREFIX)) return undefined
  return (p.startsWith(USER_PREFIX) ? p.slice(USER_PREFIX.length) : p).split(/[.[]/)[0]
}
const isKept = (path: string): boolean => {
  const top = topAttribute(path)
  return top !== undefined && KEPT.has(top)
}

const nameOf = (path: AttrPath): string => (path.uri === undefined ? path.attr : `${path.uri}:${path.attr}`)

function filterAttributes(filter: Filter): string[] {
  switch (filter.kind) {
    case 'compare': case 'present': case 'valuePath': return [nameOf(filter.path)]
    case 'and': case 'or': return [...filterAttributes(filter.left), ...filterAttributes(filter.right)]
    case 'not': return filterAttributes(filter.filter)
  }
}

const USERS = /^\/Users(?:\/[^/.][^/]*)?$/

/** RFC 7643 section 2.5: null and [] are unassigned, so they name nothing the server must support. */
const assigned = (value: unknown): boolean => value !== null && !(Array.isArray(value) && value.length === 0)

function unsupportedInFilter(text: string): string | undefined {
  try {
    return filterAttributes(parseFilter(text)).find((a) => !isKept(a))
  } catch {
    return undefined
  }
}

/** The unsupported attribute a write or filter to /Users names, if any. */
function unsupported(req: ScimHttpRequest): { readonly name: string; readonly scimType: 'invalidPath' | 'invalidSyntax' | 'invalidFilter' } | undefined {
  const body = bodyOf({ status: 200, headers: {}, body: req.body })
  if (req.method === 'POST' && req.path === '/Users/.search') {
    const name = typeof body?.filter === 'string' ? unsupportedInFilter(body.filter) : undefined
    return name === undefined ? undefined : { name, scimType: 'invalidFilter' }
  }
  if (!USERS.test(req.path)) return undefined
  const filter = req.query.get('filter')
  if (req.method === 'GET') {
    const name = filter === null ? undefined : unsupportedInFilter(filter)
    return name === undefined ? undefined : { name, scimType: 'invalidFilter' }
  }
  if (body === undefined) return undefined
  if (req.method === 'POST' || req.method === 'PUT') {
    const name = Object.entries(body).find(([k, v]) => assigned(v) && !isKept(k))?.[0]
    return name === undefined ? undefined : { name, scimType: 'invalidSyntax' }
  }
  if (req.method === 'PATCH' && Array.isArray(body.Operations)) {
    for (const op of body.Operations as { path?: unknown; value?: unknown }[]) {
      const names = typeof op.path === 'string' ? [op.path] : op.value !== null && typeof op.value === 'object' ? Object.keys(op.value) : []
      const name = names.find((n) => !isKept(n))
      if (name !== undefined) return { name, scimType: 'invalidPath' }
    }
  }
  return undefined
}

type SchemaResource = { id?: string; attributes?: { name: string }[] }

/** /Schemas and /ResourceTypes list only what the server keeps. */
function advertiseSubset(handle: Handle): Handle {
  return async (req) => {
    if (req.method === 'GET' && lower(req.path) === lower(`/Schemas/${SCHEMA_URN.enterpriseUser}`)) return errorResponse(404, `No schema ${SCHEMA_URN.enterpriseUser}`)
    const res = await handle(req)
    const body = req.method === 'GET' ? bodyOf(res) : undefined
    if (body === undefined || res.status !== 200) return res
    if (req.path.startsWith('/Schemas')) {
      const trim = (s: SchemaResource): SchemaResource => (s.id === SCHEMA_URN.user ? { ...s, attributes: (s.attributes ?? []).filter((a) => KEPT_USER.has(a.name)) } : s)
      if (!Array.isArray(body.Resources)) return withBody(res, trim(body as SchemaResource))
      const kept = (body.Resources as SchemaResource[]).filter((s) => s.id !== SCHEMA_URN.enterpriseUser).map(trim)
      return withBody(res, { ...body, totalResults: kept.length, itemsPerPage: kept.length, Resources: kept })
    }
    if (req.path.startsWith('/ResourceTypes')) {
      const strip = (t: Record<string, unknown>) => ({ ...t, schemaExtensions: [] })
      return withBody(res, Array.isArray(body.Resources) ? { ...body, Resources: (body.Resources as Record<string, unknown>[]).map(strip) } : strip(body))
    }
    return res
  }
}

function refuseUnsupported(handle: Handle): Handle {
  return (req) => {
    const refused = unsupported(req)
    if (refused === undefined) return handle(req)
    return Promise.resolve(errorResponse(400, `The attribute "${refused.name}" is not supported by this server.`, refused.scimType))
  }
}

/** The variant's server: also the fault for an app profile that maps what the server neither lists nor accepts. */
export const coreSchemaSubset = authenticatedOnly((handle) => advertiseSubset(refuseUnsupported(handle)))

export const schemaVariants: readonly Variant[] = [
  {
    id: 'core-schema-subset',
    difference: 'supports part of the User schema and no enterprise extension, lists only those in /Schemas and /ResourceTypes, and refuses the rest with 400',
    // Entra maps department, employeeNumber and manager in the enterprise extension: the one check that says so fails.
    breaks: { entra: ['profile.attributes-advertised'] },
    wrap: coreSchemaSubset,
  },
]
