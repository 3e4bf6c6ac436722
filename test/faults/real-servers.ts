import type { Fault } from './fault.ts'
import type { Handle, ScimHttpRequest } from '../../src/server/index.ts'
import { malformedCorpus } from '../../src/arbitraries/malformed-corpus.ts'
import { onResponse, bodyOf, withBody, isResource } from './wrappers.ts'

// Deviations that hand-run probes found on independently written SCIM servers and that no
// check reported: attribute projection, the 401 challenge, /Me, discovery meta, scimType
// pairings, and the malformed filters a server let through with some seeds only.

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

const isUsersGet = (req: ScimHttpRequest): boolean => req.method === 'GET' && /^\/Users(\/[^/]+)?$/.test(req.path)

/** Drops `name` from the query of GET /Users requests, or one value of it: the server never sees it. */
const ignoringQuery = (name: string, only?: string) => (handle: Handle): Handle => (req) => {
  if (!isUsersGet(req) || !req.query.has(name)) return handle(req)
  const query = new URLSearchParams(req.query)
  const kept = only === undefined ? [] : (query.get(name) ?? '').split(',').filter((a) => a.trim().toLowerCase() !== only)
  if (kept.length === 0) query.delete(name)
  else query.set(name, kept.join(','))
  return handle({ ...req, query })
}

const withoutSchemas = (resource: unknown): unknown => {
  if (typeof resource !== 'object' || resource === null) return resource
  const { schemas: _dropped, ...rest } = resource as Record<string, unknown>
  return rest
}

/** Rewrites the meta of every entry a discovery list returns. */
const withDiscoveryMeta = (path: '/ResourceTypes' | '/Schemas', change: (meta: Record<string, unknown>) => Record<string, unknown>) =>
  onResponse((req) => req.path === path, (res) => {
    const body = bodyOf(res)
    const resources = Array.isArray(body?.Resources) ? (body.Resources as Record<string, unknown>[]) : []
    return withBody(res, { ...body, Resources: resources.map((r) => ({ ...r, meta: change({ ...(r.meta as Record<string, unknown>) }) })) })
  })

const malformedAnswered200: Fault[] = malformedCorpus('rfc').map(({ malformation, text }) => ({
  id: `malformed-filter-200-${malformation.replace(/^an? /, '').replace(/\s+/g, '-')}`,
  defect: `answers the malformed filter with ${malformation} (${text}) with 200`,
  breaks: ['filters.malformed.invalid-filter-400'],
  only: 'filters.malformed.*',
  ...(malformation === 'an unquoted value' ? { profile: 'rfc' } : {}),
  wrap: (handle: Handle): Handle => (req) => {
    if (req.method !== 'GET' || req.path !== '/Users' || req.query.get('filter') !== text) return handle(req)
    return Promise.resolve({ status: 200, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] }) })
  },
}))

export const realServerFaults: readonly Fault[] = [
  {
    id: 'projection-drops-schemas',
    defect: 'drops "schemas" from resources returned with attributes or excludedAttributes',
    // The JSON Schemas require "schemas" too, and GET now answers differently from POST /.search.
    breaks: ['projection.attributes.keeps-schemas-and-id', 'schema.list-response-user', 'schema.user', 'search.users-matches-get'],
    wrap: onResponse((req) => isUsersGet(req) && (req.query.has('attributes') || req.query.has('excludedAttributes')), (res) => {
      const body = bodyOf(res)
      if (!body) return res
      return withBody(res, Array.isArray(body.Resources) ? { ...body, Resources: body.Resources.map(withoutSchemas) } : withoutSchemas(body))
    }),
  },
  {
    id: 'attributes-ignored',
    defect: 'ignores the attributes query parameter on /Users',
    // POST /.search still honours attributes, so GET and /.search now disagree.
    breaks: ['projection.attributes.only-named', 'search.users-matches-get'],
    wrap: ignoringQuery('attributes'),
  },
  {
    id: 'excluded-attributes-ignored-for-emails',
    defect: 'ignores excludedAttributes=emails on /Users',
    breaks: ['projection.excluded-attributes.emails'],
    wrap: ignoringQuery('excludedAttributes', 'emails'),
  },
  {
    id: 'no-www-authenticate',
    defect: 'answers 401 without a WWW-Authenticate header',
    breaks: ['auth.no-token.www-authenticate'],
    wrap: onResponse(() => true, (res) => {
      if (res.status !== 401) return res
      const { 'www-authenticate': _dropped, ...headers } = res.headers
      return { ...res, headers }
    }),
  },
  {
    id: 'me-404',
    defect: 'answers /Me with 404 instead of 501',
    breaks: ['me.unsupported-501'],
    wrap: onResponse((req) => req.path === '/Me', (res) => withBody({ ...res, status: 404 }, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'Not found' })),
  },
  {
    id: 'resource-type-meta-under-schemas',
    defect: 'gives /ResourceTypes entries a meta.location under /Schemas',
    breaks: ['discovery.resource-types.meta'],
    wrap: withDiscoveryMeta('/ResourceTypes', (meta) => ({ ...meta, location: String(meta.location).replace('/ResourceTypes/', '/Schemas/') })),
  },
  {
    id: 'schema-meta-resource-type-wrong',
    defect: 'labels /Schemas entries meta.resourceType "ResourceType"',
    breaks: ['discovery.schemas.meta'],
    wrap: withDiscoveryMeta('/Schemas', (meta) => ({ ...meta, resourceType: 'ResourceType' })),
  },
  {
    id: 'scim-type-on-404',
    defect: 'sends scimType "invalidSyntax" with its 404 errors',
    breaks: ['schema.error-scim-type-status'],
    wrap: onResponse(() => true, (res) => {
      if (res.status !== 404) return res
      const body = bodyOf(res)
      return body ? withBody(res, { ...body, scimType: 'invalidSyntax' }) : res
    }),
  },
  {
    id: 'bulk-status-scim11-shape',
    defect: 'reports Bulk statuses as SCIM 1.1 {"code":"201"} objects',
    breaks: ['bulk.bulkid-references', 'bulk.circular-references', 'bulk.fail-on-errors', 'claims.bulk.matches-claim'],
    features: { bulk: true },
    only: '*bulk*',
    message: { check: 'bulk.bulkid-references', matches: /\{"code":"201"\}.*SCIM 1\.1/ },
    wrap: onResponse((req) => req.path === '/Bulk', (res) => {
      const body = bodyOf(res)
      const operations = Array.isArray(body?.Operations) ? (body.Operations as Record<string, unknown>[]) : undefined
      return operations ? withBody(res, { ...body, Operations: operations.map((op) => ({ ...op, status: { code: String(op.status) } })) }) : res
    }),
  },
  {
    id: 'manager-as-array',
    defect: 'returns the enterprise manager as an array [{"value": id}]',
    breaks: ['entra.patch.manager-bare-id', 'entra.user-cycle.manager', 'profile.user.patch-read-back', 'schema.user'],
    message: { check: 'entra.user-cycle.manager', matches: /\[\{"value":"[^"]+"\}\], an array where one value belongs/ },
    // On GET by id only: whether a query's page happens to hold a user with a manager varies from run to run.
    wrap: onResponse((req) => req.method === 'GET' && isResource('Users')(req), (res) => {
      const user = bodyOf(res)
      const extension = user?.[ENTERPRISE] as Record<string, unknown> | undefined
      return user && extension?.manager !== undefined ? withBody(res, { ...user, [ENTERPRISE]: { ...extension, manager: [extension.manager] } }) : res
    }),
  },
  {
    id: 'content-type-exact-match',
    defect: 'refuses "application/scim+json; charset=utf-8" with 415 (matches the header as a whole)',
    breaks: ['entra.headers.charset-accepted'],
    wrap: (handle: Handle): Handle => (req) => {
      const contentType = req.headers['content-type']
      if (contentType === undefined || !contentType.includes(';')) return handle(req)
      return Promise.resolve({ status: 415, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '415', detail: `Unsupported Content-Type ${contentType}` }) })
    },
  },
  ...malformedAnswered200,
]
