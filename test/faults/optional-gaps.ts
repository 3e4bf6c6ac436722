// Faults for the optional-feature, claims and body-limit checks that had none yet: each proves its check can fail.

import type { Handle, ScimHttpRequest, ScimHttpResponse } from '../../src/server/index.ts'
import type { Fault } from './fault.ts'
import { bodyOf, isResource, onResponse, withBody } from './wrappers.ts'

type Json = Record<string, unknown>

const isServiceProviderConfig = (req: ScimHttpRequest): boolean => req.method === 'GET' && req.path === '/ServiceProviderConfig'

/** /ServiceProviderConfig says what `change` makes it say; the server behaves as configured. */
function advertising(change: (config: Json) => void): (handle: Handle) => Handle {
  return onResponse(isServiceProviderConfig, (res) => {
    const config = bodyOf(res)
    if (config === undefined) return res
    change(config)
    return withBody(res, config)
  })
}

const requestBody = (req: ScimHttpRequest): Json | undefined => bodyOf({ status: 200, headers: {}, body: req.body })

/** Answers a write to a user with the password it was sent, as the stored record holds it. */
function echoingPassword(method: 'PUT' | 'PATCH', sent: (body: Json) => unknown): (handle: Handle) => Handle {
  return onResponse((req) => req.method === method && isResource('Users')(req), (res, req) => {
    const request = requestBody(req)
    const password = request === undefined ? undefined : sent(request)
    const body = bodyOf(res)
    return typeof password === 'string' && body !== undefined && res.status < 300 ? withBody(res, { ...body, password }) : res
  })
}

const patchedPassword = (body: Json): unknown =>
  (Array.isArray(body.Operations) ? (body.Operations as Json[]) : []).find((op) => String(op.op).toLowerCase() === 'replace' && String(op.path).toLowerCase() === 'password')?.value

/** PUT keeps the meta.created it is sent: every later representation of the user shows it. */
function putStoresCreated(handle: Handle): Handle {
  const created = new Map<string, string>()
  const overlay = (resource: Json): void => {
    const meta = resource.meta as Json | undefined
    const stored = typeof resource.id === 'string' ? created.get(resource.id) : undefined
    if (stored !== undefined && meta !== undefined) meta.created = stored
  }
  return async (req) => {
    const res = await handle(req)
    const sent = (requestBody(req)?.meta as Json | undefined)?.created
    const body = bodyOf(res)
    if (req.method === 'PUT' && isResource('Users')(req) && res.status === 200 && typeof sent === 'string' && typeof body?.id === 'string') created.set(body.id, sent)
    if (body === undefined || created.size === 0) return res
    overlay(body)
    if (Array.isArray(body.Resources)) for (const r of body.Resources as Json[]) overlay(r)
    return withBody(res, body)
  }
}

/** If-None-Match compared strongly: only the exact text of the current ETag matches. */
function strongIfNoneMatch(handle: Handle): Handle {
  return async (req) => {
    const header = req.headers['if-none-match']
    if (req.method !== 'GET' || header === undefined || !isResource('Users')(req)) return handle(req)
    const headers = { ...req.headers }
    delete headers['if-none-match']
    const current = await handle({ ...req, headers })
    const tag = current.headers.etag
    return tag !== undefined && header.split(',').some((t) => t.trim() === tag) ? handle(req) : current
  }
}

/** The ETag header carries the strong form of meta.version (W/"3" is sent as "3"). */
const strongEtagHeader = onResponse(() => true, (res: ScimHttpResponse) =>
  res.headers.etag === undefined ? res : { ...res, headers: { ...res.headers, etag: res.headers.etag.replace(/^W\//i, '') } })

export const optionalGapFaults: readonly Fault[] = [
  {
    id: 'bulk-fail-on-errors-ignored',
    defect: 'claims bulk but ignores failOnErrors and runs every operation',
    breaks: ['bulk.fail-on-errors'],
    wrap: (handle) => (req) => {
      const body = requestBody(req)
      if (req.method !== 'POST' || req.path !== '/Bulk' || body === undefined) return handle(req)
      delete body.failOnErrors
      return handle({ ...req, body: JSON.stringify(body) })
    },
    features: { bulk: true },
    only: 'bulk.*',
  },
  {
    id: 'bulk-max-operations-unenforced',
    defect: 'advertises bulk.maxOperations 20 but processes 1000 operations with 200',
    breaks: ['bulk.max-operations-413'],
    wrap: advertising((config) => { (config.bulk as Json).maxOperations = 20 }),
    features: { bulk: true, bulkMaxOperations: 1000 },
    only: 'bulk.*',
  },
  {
    id: 'bulk-max-payload-unenforced',
    defect: 'advertises bulk.maxPayloadSize 256 KiB but processes 1 MiB bulk requests with 200',
    breaks: ['bulk.max-payload-413'],
    wrap: advertising((config) => { (config.bulk as Json).maxPayloadSize = 262_144 }),
    features: { bulk: true, bulkMaxPayloadSize: 1_048_576 },
    only: 'bulk.*',
  },
  {
    id: 'auth-schemes-basic-only',
    defect: 'advertises only HTTP Basic in authenticationSchemes while it accepts bearer tokens',
    breaks: ['claims.authentication-schemes'],
    wrap: advertising((config) => {
      config.authenticationSchemes = [{ type: 'httpbasic', name: 'HTTP Basic', description: 'Authentication with a user name and password (RFC 7617).' }]
    }),
    only: 'claims.*',
  },
  {
    id: 'filter-max-results-understated',
    defect: 'advertises filter.maxResults 10 but returns up to 200 resources a page',
    breaks: ['claims.filter.max-results'],
    wrap: advertising((config) => { (config.filter as Json).maxResults = 10 }),
    only: 'claims.*',
  },
  {
    id: 'etag-header-strong',
    defect: 'sends the ETag header as a strong tag while meta.version is weak',
    breaks: ['etag.header-matches-version'],
    wrap: strongEtagHeader,
    only: 'etag.*',
  },
  {
    id: 'if-none-match-strong',
    defect: 'compares If-None-Match strongly, so W/"x" and "x" do not match',
    breaks: ['etag.weak-comparison'],
    wrap: strongIfNoneMatch,
    only: 'etag.*',
  },
  {
    id: 'password-echoed-by-patch',
    defect: 'returns the new password in the PATCH response',
    // The schema checks see the returned-"never" password in the response too.
    breaks: ['password.patch-accepted-not-returned', 'schema.user', 'schema.user-rules'],
    wrap: echoingPassword('PATCH', patchedPassword),
    only: 'password.*',
  },
  {
    id: 'password-echoed-by-put',
    defect: 'returns the new password in the PUT response',
    // The schema checks see the returned-"never" password in the response too.
    breaks: ['password.put-accepted-not-returned', 'schema.user', 'schema.user-rules'],
    wrap: echoingPassword('PUT', (body) => body.password),
    only: 'password.*',
  },
  {
    id: 'put-stores-meta-created',
    defect: 'stores the readOnly meta.created a PUT sends',
    breaks: ['put.read-only-ignored'],
    wrap: putStoresCreated,
    only: 'put.*',
  },
  {
    id: 'search-drops-attributes',
    defect: 'ignores attributes in a SearchRequest on /Users/.search and /Groups/.search',
    breaks: ['search.groups-matches-get', 'search.users-matches-get'],
    wrap: (handle) => (req) => {
      const body = requestBody(req)
      if (req.method !== 'POST' || !/^\/(Users|Groups)\/\.search$/.test(req.path) || body === undefined) return handle(req)
      delete body.attributes
      return handle({ ...req, body: JSON.stringify(body) })
    },
    only: 'search.*',
  },
  {
    id: 'root-query-too-many',
    defect: 'refuses every query at the server root with 400 tooMany (lawful: RFC 7644 3.4.2.1)',
    // Not a defect: a lawful variant. search.root-matches-get is not applicable, and nothing fails.
    breaks: [],
    wrap: (handle) => (req) => {
      if (!((req.method === 'GET' && req.path === '/') || (req.method === 'POST' && req.path === '/.search'))) return handle(req)
      return Promise.resolve({ status: 400, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'tooMany', detail: 'a query across every resource type is not supported' }) })
    },
    only: 'search.*',
  },
  {
    id: 'root-search-drops-attributes',
    defect: 'ignores attributes in a SearchRequest at the server root',
    breaks: ['search.root-matches-get'],
    wrap: (handle) => (req) => {
      const body = requestBody(req)
      if (req.method !== 'POST' || req.path !== '/.search' || body === undefined) return handle(req)
      delete body.attributes
      return handle({ ...req, body: JSON.stringify(body) })
    },
    only: 'search.*',
  },
  {
    id: 'body-size-unlimited',
    defect: 'has no request body limit and stores a 5 MB displayName',
    breaks: ['security.body.oversized'],
    // RFC 7644 sets a size limit only for Bulk (3.7.4); refusing hostile input is a SHOULD (7.1).
    warns: ['security.body.oversized'],
    wrap: (handle) => handle,
    features: { maxBodyBytes: 64 * 1024 * 1024 },
    only: 'security.body.*',
  },
]
