import type { Handle, ScimHttpRequest, ScimHttpResponse } from '../../src/server/index.ts'
import { TOKEN } from '../helpers.ts'

// Building blocks for faults: wrap the reference server's handler to inject one defect.

export type Match = (req: ScimHttpRequest) => boolean
export type Change = (res: ScimHttpResponse, req: ScimHttpRequest) => ScimHttpResponse | Promise<ScimHttpResponse>

export const isCollection = (name: 'Users' | 'Groups') => (req: ScimHttpRequest) => req.path === `/${name}`
export const isResource = (name: 'Users' | 'Groups') => (req: ScimHttpRequest) => new RegExp(`^/${name}/[^/.][^/]*$`).test(req.path)
export const isAny = (...names: ('Users' | 'Groups')[]) => (req: ScimHttpRequest) => names.some((n) => isCollection(n)(req) || isResource(n)(req))

export function onResponse(match: Match, change: Change): (handle: Handle) => Handle {
  return (handle) => async (req) => {
    const res = await handle(req)
    return match(req) ? change(res, req) : res
  }
}

export function bodyOf(res: ScimHttpResponse): Record<string, unknown> | undefined {
  try {
    return res.body ? (JSON.parse(res.body) as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export const withBody = (res: ScimHttpResponse, body: unknown): ScimHttpResponse => ({ ...res, body: JSON.stringify(body) })
export const status = (code: number) => (res: ScimHttpResponse): ScimHttpResponse => ({ ...res, status: code })
export const notFoundJson = (): ScimHttpResponse => ({ status: 404, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'no match' }) })


/**
 * The server starts with a user the run did not create, as every staging tenant does. A defect
 * that answers a filter with every user then always answers with someone, whichever checks
 * happen to have their users on the server at that moment.
 */
export const withExistingUser = (wrap: (handle: Handle) => Handle) => (handle: Handle): Handle => {
  const created = handle({
    method: 'POST', path: '/Users', query: new URLSearchParams(),
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'existing.employee@tenant.example' }),
  })
  const wrapped = wrap(handle)
  return async (req) => (await created, wrapped(req))
}
