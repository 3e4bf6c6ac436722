import type { Handle } from '../../src/server/index.ts'
import type { Variant } from './variant.ts'
import { bodyOf, isResource } from '../faults/wrappers.ts'
import { authenticatedOnly } from './write-outcome.ts'

// Response shapes the RFC leaves to the server.

/** RFC 7644 section 3.5.2: "the server SHALL return a 200 OK ... or ... 204 No Content". */
function patchAnswers(status: 200 | 204): (handle: Handle) => Handle {
  return (handle) => async (req) => {
    const res = await handle(req)
    if (req.method !== 'PATCH' || !(isResource('Users')(req) || isResource('Groups')(req)) || res.status >= 300) return res
    if (status === 204) return { status: 204, headers: Object.fromEntries(Object.entries(res.headers).filter(([name]) => name !== 'content-type')) }
    if (res.status === 200) return res
    const current = await handle({ ...req, method: 'GET', body: '', query: new URLSearchParams() })
    return { ...current, headers: { ...current.headers, ...res.headers, 'content-type': 'application/scim+json' } }
  }
}

/** Resources in a different order on every list answer: RFC 7644 section 3.4.2.4, clients "SHOULD never assume repeatable results". */
function shuffledLists(handle: Handle): Handle {
  let turn = 0
  return async (req) => {
    const res = await handle(req)
    const body = bodyOf(res)
    if (req.method === 'DELETE' || res.status !== 200 || !Array.isArray(body?.Resources) || req.query.has('sortBy')) return res
    if (req.method === 'POST' && !req.path.endsWith('/.search')) return res
    turn++
    const resources = body.Resources as unknown[]
    const rotated = resources.map((_, i) => resources[(i + turn) % resources.length]).reverse()
    return { ...res, body: JSON.stringify({ ...body, Resources: rotated }) }
  }
}

/**
 * RFC 7644 section 3.5.1: readWrite attributes omitted from a PUT "MAY be assumed to be not
 * asserted by the client"; this server keeps their stored values.
 */
function putKeepsOmitted(handle: Handle): Handle {
  return async (req) => {
    if (req.method !== 'PUT' || !(isResource('Users')(req) || isResource('Groups')(req))) return handle(req)
    const sent = bodyOf({ status: 200, headers: {}, body: req.body })
    const current = bodyOf(await handle({ ...req, method: 'GET', body: '', query: new URLSearchParams() }))
    if (sent === undefined || current === undefined) return handle(req)
    const { id: _id, meta: _meta, groups: _groups, ...kept } = current
    return handle({ ...req, body: JSON.stringify({ ...kept, ...sent }) })
  }
}

export const responseVariants: readonly Variant[] = [
  { id: 'patch-204', difference: 'answers every successful PATCH with 204 and no body', wrap: patchAnswers(204) },
  {
    id: 'patch-200',
    difference: 'answers every successful PATCH with 200 and the resource, groups too',
    wrap: patchAnswers(200),
    // Entra recommends 204 for groups: the one warning the entra profile shows.
    breaks: { entra: ['patch.group.status-204'] },
  },
  { id: 'shuffled-lists', difference: 'returns list results in a different order on each request', wrap: shuffledLists },
  { id: 'put-keeps-omitted', difference: 'keeps the stored value of a readWrite attribute a PUT leaves out', wrap: authenticatedOnly(putKeepsOmitted) },
  { id: 'page-size-2', difference: 'caps every page at 2 results (filter.maxResults 2)', features: { filterMaxResults: 2 } },
]
