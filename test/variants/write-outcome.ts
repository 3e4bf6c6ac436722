import type { Handle, ScimHttpRequest } from '../../src/server/index.ts'
import { applyPatch } from '../../src/scim/patch/apply.ts'
import { enterpriseUserSchema, groupSchema, userSchema } from '../../src/scim/core-schemas.ts'
import type { PatchRequest, ScimResource } from '../../src/scim/types.ts'
import { bodyOf } from '../faults/wrappers.ts'

// What a write would store, worked out before the reference server sees it, so a
// variant can refuse it by its own rule (a uniqueness it keeps, an attribute it needs).

export type Kind = 'User' | 'Group'

export interface Write {
  readonly kind: Kind
  /** The resource written to, for PUT and PATCH. */
  readonly id?: string
  /** The resource as it would be stored. */
  readonly result: ScimResource
}

const COLLECTION = /^\/(Users|Groups)(?:\/([^/.][^/]*))?$/

export const get = (handle: Handle, req: ScimHttpRequest, path: string, query = new URLSearchParams()): ReturnType<Handle> =>
  handle({ method: 'GET', path, query, headers: { authorization: req.headers.authorization ?? '' }, body: '' })

/** undefined when the request is not a parseable write to /Users or /Groups. */
export async function outcomeOf(handle: Handle, req: ScimHttpRequest): Promise<Write | undefined> {
  const match = COLLECTION.exec(req.path)
  if (match === null || !['POST', 'PUT', 'PATCH'].includes(req.method)) return undefined
  const kind: Kind = match[1] === 'Users' ? 'User' : 'Group'
  const id = match[2]
  const body = bodyOf({ status: 200, headers: {}, body: req.body }) as ScimResource | undefined
  if (body === undefined) return undefined
  if (req.method === 'POST') return id === undefined ? { kind, result: body } : undefined
  if (id === undefined) return undefined
  if (req.method === 'PUT') return { kind, id, result: body }
  const current = bodyOf(await get(handle, req, req.path)) as ScimResource | undefined
  if (current === undefined) return undefined
  const schemas = kind === 'User' ? [userSchema, enterpriseUserSchema] : [groupSchema]
  const outcome = applyPatch(current, body as unknown as PatchRequest, { schemas, coreSchemaId: schemas[0]!.id, dialect: 'entra' })
  return outcome.ok ? { kind, id, result: outcome.resource } : undefined
}

/** Every resource of a kind, as the reference server holds it. */
export async function everyResource(handle: Handle, req: ScimHttpRequest, kind: Kind): Promise<ScimResource[]> {
  const res = await get(handle, req, kind === 'User' ? '/Users' : '/Groups', new URLSearchParams({ count: '100000' }))
  return ((bodyOf(res)?.Resources as ScimResource[] | undefined) ?? [])
}

/**
 * A variant's own answer comes after authentication, as on any server (RFC 7644 section 2):
 * requests the reference server would refuse for their credentials go straight to it.
 */
export function authenticatedOnly(wrap: (handle: Handle) => Handle): (handle: Handle) => Handle {
  return (handle) => {
    const wrapped = wrap(handle)
    return async (req) => {
      const probe = await handle({ method: 'GET', path: '/ServiceProviderConfig', query: new URLSearchParams(), headers: req.headers, body: '' })
      return probe.status === 401 ? handle(req) : wrapped(req)
    }
  }
}
