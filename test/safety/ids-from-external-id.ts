import type { Handle, ScimHttpResponse } from '../../src/server/index.ts'
import { notFoundJson } from '../faults/wrappers.ts'

// A server that derives a resource's id from its externalId, as some do: two resources
// created with one externalId are both held, under one id. A request to that id reaches
// the oldest still held; a DELETE removes only that one.

export function idsFromExternalId(): (inner: Handle) => Handle {
  const held = new Map<string, string[]>() // derived id → the reference server's ids, oldest first
  const derivedOf = new Map<string, string>()
  const rewrite = (res: ScimHttpResponse): ScimHttpResponse => {
    let body = res.body
    for (const [internal, derived] of derivedOf) body = body?.replaceAll(internal, derived)
    const location = res.headers.location
    return { ...res, headers: location ? { ...res.headers, location: [...derivedOf].reduce((l, [i, d]) => l.replaceAll(i, d), location) } : res.headers, ...(body === undefined ? {} : { body }) }
  }
  return (inner) => async (req) => {
    const target = /^\/(Users|Groups)\/([^/]+)$/.exec(req.path)
    const derived = target && held.has(decodeURIComponent(target[2]!)) ? decodeURIComponent(target[2]!) : undefined
    if (derived !== undefined) {
      const internal = held.get(derived)![0]
      if (internal === undefined) return notFoundJson()
      const res = await inner({ ...req, path: `/${target![1]}/${internal}` })
      if (req.method === 'DELETE' && res.status === 204) held.get(derived)!.shift()
      return rewrite(res)
    }
    const res = await inner(req)
    if (req.method === 'POST' && res.status === 201 && res.body) {
      const created = JSON.parse(res.body) as { id?: string; externalId?: string }
      if (created.id && created.externalId) {
        const id = `ext-${created.externalId}`
        held.set(id, [...(held.get(id) ?? []), created.id])
        derivedOf.set(created.id, id)
      }
    }
    return rewrite(res)
  }
}
