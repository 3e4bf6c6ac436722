import type { Handle, ScimHttpRequest } from '../../src/server/index.ts'
import { errorResponse } from '../../src/server/response.ts'
import { parseFilter } from '../../src/scim/filter/parse.ts'
import type { Filter } from '../../src/scim/filter/ast.ts'
import type { Variant } from './variant.ts'
import { bodyOf } from '../faults/wrappers.ts'
import { authenticatedOnly } from './write-outcome.ts'

// Servers that leave out what RFC 7644 makes optional, and say so where they must.

/**
 * RFC 7644 section 3.4.3: POST .search is optional ("MAY"), and a server without it has no such
 * endpoint (404). Section 3.11: /Me is optional, and a server without it "SHOULD respond with
 * HTTP status code 501 (Not Implemented)", so that is what a lawful one answers.
 */
function withoutSearchAndMe(handle: Handle): Handle {
  return (req) => {
    if (req.path.endsWith('/.search')) return Promise.resolve(errorResponse(404, `No such endpoint: ${req.path}`))
    if (req.path === '/Me' || req.path.startsWith('/Me/')) return Promise.resolve(errorResponse(501, '/Me is not supported'))
    return handle(req)
  }
}

/** RFC 7644 section 3.4.2.1: a root query MAY be refused with 400 tooMany when it would cover too much. */
function rootQueryTooMany(handle: Handle): Handle {
  return (req) => {
    if ((req.path === '/' || req.path === '') && req.method === 'GET') return Promise.resolve(errorResponse(400, 'Query a resource type instead of the server root.', 'tooMany'))
    if (req.path === '/.search' && req.method === 'POST') return Promise.resolve(errorResponse(400, 'Search a resource type instead of the server root.', 'tooMany'))
    return handle(req)
  }
}

/** The operators besides eq and "and" that a filter uses, or [] when it uses none. */
function refusedParts(filter: Filter): string[] {
  switch (filter.kind) {
    case 'compare': return filter.op === 'eq' ? [] : [filter.op]
    case 'present': return ['pr']
    case 'and': return [...refusedParts(filter.left), ...refusedParts(filter.right)]
    case 'or': return ['or', ...refusedParts(filter.left), ...refusedParts(filter.right)]
    case 'not': return ['not', ...refusedParts(filter.filter)]
    case 'valuePath': return refusedParts(filter.filter)
  }
}

function filterOf(req: ScimHttpRequest): string | undefined {
  if (req.method === 'GET') return req.query.get('filter') ?? undefined
  if (req.method === 'POST' && req.path.endsWith('/.search')) {
    const filter = bodyOf({ status: 200, headers: {}, body: req.body })?.filter
    return typeof filter === 'string' ? filter : undefined
  }
  return undefined
}

/**
 * RFC 7644 section 3.12, Table 9, invalidFilter: "the specified attribute and filter
 * comparison combination is not supported". This server supports eq and "and" only, as Entra uses.
 */
function onlyEqAndAnd(handle: Handle): Handle {
  return (req) => {
    const text = filterOf(req)
    if (text === undefined) return handle(req)
    let parts: string[]
    try {
      parts = refusedParts(parseFilter(text))
    } catch {
      return handle(req)
    }
    if (parts.length > 0) return Promise.resolve(errorResponse(400, `Only eq and "and" are supported; the filter uses ${[...new Set(parts)].join(', ')}.`, 'invalidFilter'))
    return handle(req)
  }
}

export const featureVariants: readonly Variant[] = [
  {
    id: 'no-optional-features',
    difference: 'has no /.search, /Bulk, /Me, sort or ETag, and claims none of them',
    features: { sort: false, etag: false, bulk: false },
    wrap: authenticatedOnly(withoutSearchAndMe),
  },
  { id: 'root-query-too-many', difference: 'refuses a query at the server root with 400 tooMany', wrap: authenticatedOnly(rootQueryTooMany) },
  { id: 'filter-eq-and-only', difference: 'refuses every filter operator but eq and "and" with 400 invalidFilter', wrap: authenticatedOnly(onlyEqAndAnd) },
]
