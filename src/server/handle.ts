// The reference server's core: one request in, one response out, no sockets.
// index.ts puts it on loopback HTTP; tests wrap it to inject exactly one defect.

import type { JsonValue } from '../scim/types.ts'
import { checkBearer } from './auth.ts'
import { processBulk } from './bulk.ts'
import type { ServerContext } from './context.ts'
import { allResourceTypes, allSchemas, findById, listOf, serviceProviderConfig } from './discovery.ts'
import { resolveFeatures, type ServerFeatures } from './features.ts'
import { queryFromSearchBody, queryFromSearchParams } from './list-query.ts'
import { patchResource } from './patch-route.ts'
import { createResource, deleteResource, getResource, replaceResource } from './resource-routes.ts'
import { GROUP_TYPE, RESOURCE_TYPES, USER_TYPE, type ResourceTypeSpec } from './resource-types.ts'
import { errorResponse, jsonResponse, ScimProblem } from './response.ts'
import { search } from './search.ts'
import type { ResourceStore } from './store.ts'

export interface ScimHttpRequest {
  readonly method: string
  /** Below the base URL, e.g. '/Users/abc'; still percent-encoded. */
  readonly path: string
  readonly query: URLSearchParams
  /** Lower-case header names. */
  readonly headers: Record<string, string>
  readonly body: string
}

export interface ScimHttpResponse {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body?: string
}

export type Handle = (req: ScimHttpRequest) => Promise<ScimHttpResponse>

export interface ServerOptions {
  readonly token: string
  /** Absolute, without a trailing slash: http://127.0.0.1:<port>/scim/v2 */
  readonly baseUrl: string
  readonly store: ResourceStore
  readonly features?: Partial<ServerFeatures>
}

export function createHandler(options: ServerOptions): Handle {
  const features = resolveFeatures(options.features)
  const context: ServerContext = { baseUrl: options.baseUrl, store: options.store, features, etag: features.etag }
  return async (req) => {
    const denied = checkBearer(req, options.token)
    if (denied !== undefined) return denied
    try {
      return route(context, req)
    } catch (error) {
      if (error instanceof ScimProblem) return error.toResponse()
      return errorResponse(500, `Internal error: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

const COLLECTIONS: Record<string, ResourceTypeSpec> = { Users: USER_TYPE, Groups: GROUP_TYPE }

function route(context: ServerContext, req: ScimHttpRequest): ScimHttpResponse {
  const segments = req.path.split('/').filter((s) => s !== '').map(decodeSegment)
  const [first, second, ...rest] = segments
  const method = req.method.toUpperCase()
  if (rest.length > 0) throw notFound(req)
  const type = first === undefined ? undefined : COLLECTIONS[first]

  if (type !== undefined) {
    if (second === undefined) {
      if (method === 'GET') return jsonResponse(200, search([type], queryFromSearchParams(req.query, context.features.filterMaxResults), context))
      if (method === 'POST') return createResource(context, type, readJson(req), req)
      throw notAllowed(method, req)
    }
    if (second === '.search') {
      if (method !== 'POST') throw notAllowed(method, req)
      return jsonResponse(200, search([type], queryFromSearchBody(readJson(req), context.features.filterMaxResults), context))
    }
    switch (method) {
      case 'GET': return getResource(context, type, second, req)
      case 'PUT': return replaceResource(context, type, second, readJson(req), req)
      case 'PATCH': return patchResource(context, type, second, readJson(req), req)
      case 'DELETE': return deleteResource(context, type, second, req)
      default: throw notAllowed(method, req)
    }
  }

  switch (first) {
    case undefined:
      // RFC 7644 section 3.4.2.1: a query at the root covers every resource type.
      if (method !== 'GET') throw notAllowed(method, req)
      return jsonResponse(200, search(RESOURCE_TYPES, queryFromSearchParams(req.query, context.features.filterMaxResults), context))
    case '.search':
      if (method !== 'POST' || second !== undefined) throw notAllowed(method, req)
      return jsonResponse(200, search(RESOURCE_TYPES, queryFromSearchBody(readJson(req), context.features.filterMaxResults), context))
    case 'Bulk':
      // RFC 7644 section 3.12: 501 for an operation the service provider does not support.
      if (!context.features.bulk) return errorResponse(501, 'Bulk is not supported by this server (bulk.supported is false).')
      if (method !== 'POST' || second !== undefined) throw notAllowed(method, req)
      return processBulk(context, req, readJson, (operation) => route(context, operation))
    case 'Me':
      // RFC 7644 section 3.11: "A service provider that does NOT support this feature SHOULD
      // respond with HTTP status code 501 (Not Implemented)." The server has no subjects to alias.
      return errorResponse(501, '/Me is not supported by this server: its tokens do not stand for a User.')
    case 'ServiceProviderConfig':
      requireDiscoveryGet(method, req, second === undefined)
      return jsonResponse(200, serviceProviderConfig(context.baseUrl, context.features))
    case 'ResourceTypes':
      requireDiscoveryGet(method, req, true)
      return discoveryAnswer(allResourceTypes(context.baseUrl), second, req)
    case 'Schemas':
      requireDiscoveryGet(method, req, true)
      return discoveryAnswer(allSchemas(context.baseUrl), second, req)
    default:
      throw notFound(req)
  }
}

/**
 * RFC 7644 section 4: discovery endpoints are read with GET, and a filter on them
 * SHOULD be refused with 403 so a client never believes it was applied.
 */
function requireDiscoveryGet(method: string, req: ScimHttpRequest, pathOk: boolean): void {
  if (!pathOk) throw notFound(req)
  if (method !== 'GET') throw notAllowed(method, req)
  if (req.query.has('filter')) throw new ScimProblem(403, 'Filtering is not supported on discovery endpoints (RFC 7644 section 4).')
}

function discoveryAnswer(items: ReturnType<typeof allSchemas>, id: string | undefined, req: ScimHttpRequest): ReturnType<typeof jsonResponse> {
  if (id === undefined) return jsonResponse(200, listOf(items))
  const found = findById(items, id)
  if (found === undefined) throw notFound(req)
  return jsonResponse(200, found)
}

/** RFC 7644 section 3.1: application/scim+json, and application/json is accepted too. */
function readJson(req: ScimHttpRequest): JsonValue {
  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  if (contentType !== undefined && contentType !== '' && contentType !== 'application/scim+json' && contentType !== 'application/json') {
    throw new ScimProblem(415, `Unsupported Content-Type "${contentType}"; send application/scim+json.`)
  }
  try {
    return JSON.parse(req.body) as JsonValue
  } catch {
    throw new ScimProblem(400, 'The request body is not valid JSON.', 'invalidSyntax')
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function notFound(req: ScimHttpRequest): ScimProblem {
  return new ScimProblem(404, `No such endpoint or resource: ${req.path}`)
}

function notAllowed(method: string, req: ScimHttpRequest): ScimProblem {
  return new ScimProblem(405, `${method} is not allowed on ${req.path}.`)
}
