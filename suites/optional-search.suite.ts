import { answerOf, Blocked } from '../src/kit/blocked.ts'
import { isDeepStrictEqual } from 'node:util'
import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import type { ResourceKind, ScimClient } from '../src/kit/types.ts'
import { resourcesOf } from '../src/kit/resources.ts'
import { serviceProviderClaims } from '../src/kit/service-provider-config.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { createGroup, createUser } from '../src/kit/steps.ts'
import { confiningFilter } from '../src/kit/confining-filter.ts'

// POST <endpoint>/.search (RFC 7644 section 3.4.3) must answer exactly what the GET
// query with the same filter, attributes and paging answers. The RFC makes .search
// optional and ServiceProviderConfig has no flag for it: an endpoint that refuses it
// with 404, 405 or 501 is reported as not supported.

interface Query {
  readonly filter: string
  readonly attributes: readonly string[]
  readonly sortBy?: string
  readonly startIndex?: number
  readonly count?: number
}

const NOT_SUPPORTED = [404, 405, 501]

async function confined(scim: ScimClient, skip: (reason: string) => never, kind: ResourceKind, attribute: string, prefix: string, names: readonly string[]): Promise<string> {
  const confinement = await confiningFilter(scim, kind, attribute, prefix, names)
  return confinement.kind === 'confined' ? confinement.filter : skip(confinement.reason)
}

async function compareSearch(scim: ScimClient, skip: (reason: string) => never, endpoint: '' | '/Users' | '/Groups', query: Query, expectedTotal: number): Promise<void> {
  const params: Record<string, string> = { filter: query.filter, attributes: query.attributes.join(',') }
  if (query.sortBy !== undefined) params['sortBy'] = query.sortBy
  if (query.startIndex !== undefined) params['startIndex'] = String(query.startIndex)
  if (query.count !== undefined) params['count'] = String(query.count)
  // No schema expectation: a projected ListResponse (attributes=...) rightly leaves out meta.
  const viaPost = await scim.send({ method: 'POST', path: `${endpoint}/.search`, body: { schemas: [SCHEMA_URN.searchRequest], ...query } })
  if (NOT_SUPPORTED.includes(viaPost.status)) skip(`not supported: POST ${endpoint}/.search answered ${viaPost.status}`)
  if (endpoint === '' && isTooMany(viaPost)) skip(ROOT_TOO_MANY('POST /.search'))
  ensureStatus(viaPost, 200, 'a SearchRequest answers with a ListResponse (RFC 7644 section 3.4.3)')
  const viaGet = await scim.send({ method: 'GET', path: endpoint === '' ? '/' : endpoint, query: params })
  if (endpoint === '' && isTooMany(viaGet)) skip(ROOT_TOO_MANY('GET /'))
  // The GET side is judged by the filter checks; here it is only the reference the .search is compared with.
  // The filter checks judge the same sw filter on its own.
  const judgedBy = { '': undefined, '/Users': 'filters.users.rfc-operators', '/Groups': 'filters.groups.rfc-operators' }[endpoint]
  const cause = { ...(judgedBy ? { check: judgedBy } : {}), request: `GET ${endpoint || '/'}?filter=${query.filter}` }
  if (viaGet.status !== 200) throw new Blocked(`set-up: the GET query the .search is compared with answered ${viaGet.status}`, { ...cause, answer: answerOf(viaGet) })
  const summary = (json: unknown): unknown => {
    const body = json as { totalResults?: unknown; itemsPerPage?: unknown; startIndex?: unknown } | undefined
    // Without sortBy the order is the server's, and need not repeat (RFC 7644 3.4.2.4): compared as a set.
    const resources = resourcesOf(json)
    const ordered = query.sortBy === undefined ? [...resources].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : resources
    return { totalResults: body?.totalResults, itemsPerPage: body?.itemsPerPage, startIndex: body?.startIndex, Resources: ordered }
  }
  const total = (viaGet.json as { totalResults?: unknown } | undefined)?.totalResults
  if (total !== expectedTotal) throw new Blocked(`set-up: the GET query ${query.filter} found ${String(total)} resources instead of the ${expectedTotal} this check created`, { ...cause, answer: `200 with totalResults ${String(total)}, expected ${expectedTotal}` })
  ensure(isDeepStrictEqual(summary(viaPost.json), summary(viaGet.json)), `POST ${endpoint}/.search answered differently from GET ${endpoint || '/'} with the same filter, attributes and paging`, { expected: summary(viaGet.json), actual: summary(viaPost.json) })
}

/** 400 tooMany: the server will not compute the result (RFC 7644 3.12, Table 9). */
const isTooMany = (res: { readonly status: number; readonly json: unknown }): boolean =>
  res.status === 400 && (res.json as { scimType?: unknown } | undefined)?.scimType === 'tooMany'

// A query at the root spans every resource type; RFC 7644 3.4.2.1 lets the server refuse it as tooMany.
const ROOT_TOO_MANY = (request: string): string => `not applicable: ${request} answered 400 tooMany, which RFC 7644 3.4.2.1 allows for a query at the server root`

/** A page is only comparable when the order is defined: sort by the name when sort is claimed. */
async function pagingOf(scim: ScimClient, sortBy: string): Promise<Pick<Query, 'sortBy' | 'startIndex' | 'count'>> {
  const claims = await serviceProviderClaims(scim)
  return claims.sort ? { sortBy, startIndex: 2, count: 1 } : {}
}

check('search.users-matches-get', { verifies: ['rfc7644:3.4.3:search-post', 'rfc7644:3.4.3:search-list-response'] }, async ({ scim, skip, uniqueName }) => {
  const prefix = uniqueName('search-user')
  const names = ['a', 'b', 'c'].map((suffix) => `${prefix}-${suffix}@example.com`)
  for (const name of names) await createUser(scim, name)
  const filter = await confined(scim, skip, 'User', 'userName', prefix, names)
  await compareSearch(scim, skip, '/Users', { filter, attributes: ['userName', 'emails'] }, 3)
  await compareSearch(scim, skip, '/Users', { filter, attributes: ['userName'], ...(await pagingOf(scim, 'userName')) }, 3)
})

check('search.groups-matches-get', { verifies: ['rfc7644:3.4.3:search-post', 'rfc7644:3.4.3:search-list-response'] }, async ({ scim, skip, uniqueName }) => {
  const prefix = uniqueName('search-group')
  const names = ['a', 'b'].map((suffix) => `${prefix}-${suffix}`)
  for (const name of names) await createGroup(scim, name)
  const filter = await confined(scim, skip, 'Group', 'displayName', prefix, names)
  await compareSearch(scim, skip, '/Groups', { filter, attributes: ['displayName'] }, 2)
  await compareSearch(scim, skip, '/Groups', { filter, attributes: ['displayName'], ...(await pagingOf(scim, 'displayName')) }, 2)
})

check('search.root-matches-get', { verifies: ['rfc7644:3.4.3:search-root', 'rfc7644:3.4.3:search-list-response', 'rfc7644:3.4.2.1:root-query-filter'] }, async ({ scim, skip, uniqueName }) => {
  const prefix = uniqueName('search-root')
  await createUser(scim, `${prefix}-a@example.com`)
  await createGroup(scim, `${prefix}-group`)
  // userName is undefined on Groups, so only the user matches (RFC 7644 section 3.4.2.1).
  const filter = await confined(scim, skip, 'User', 'userName', prefix, [`${prefix}-a@example.com`])
  const probe = await scim.send({ method: 'GET', path: '/', query: { filter } })
  if (NOT_SUPPORTED.includes(probe.status)) skip(`not supported: GET / (a query at the root) answered ${probe.status}`)
  if (isTooMany(probe)) skip(ROOT_TOO_MANY('GET /'))
  await compareSearch(scim, skip, '', { filter, attributes: ['userName'] }, 1)
})
