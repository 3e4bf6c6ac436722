import type { Fault } from './fault.ts'
import type { Handle, ScimHttpRequest } from '../../src/server/index.ts'
import { onResponse, bodyOf, withBody, status, notFoundJson, isCollection } from './wrappers.ts'
import { parseFilter } from '../../src/scim/filter/parse.ts'
import { evaluateFilter } from '../../src/scim/filter/evaluate.ts'
import { lookupFor } from '../../src/kit/dataset.ts'
import type { ScimResource } from '../../src/scim/types.ts'

// Faults in filtering (RFC 7644 section 3.4.2.2), each proving the generated-filter
// checks can fail. They run with --only 'filters.*': the core filter faults cover users.filter.*.

const isFilteredList = (req: ScimHttpRequest): boolean =>
  req.method === 'GET' && (isCollection('Users')(req) || isCollection('Groups')(req)) && req.query.has('filter')

/** The reference server's answer, re-filtered as if userName were caseExact, then paged again. */
function caseSensitiveUserName(handle: Handle): Handle {
  const lookup = lookupFor('User')
  return async (req) => {
    if (!isFilteredList(req) || !isCollection('Users')(req)) return handle(req)
    const all = new URLSearchParams(req.query)
    all.set('startIndex', '1')
    all.set('count', '10000')
    const res = await handle({ ...req, query: all })
    const body = bodyOf(res) as { Resources?: ScimResource[] } | undefined
    if (res.status !== 200 || !body?.Resources) return res
    const filter = parseFilter(req.query.get('filter') ?? '')
    const matches = body.Resources.filter((r) => evaluateFilter(filter, r, (path) => {
      const definition = lookup(path)
      return definition?.name === 'userName' ? { ...definition, caseExact: true } : definition
    }))
    const startIndex = Math.max(1, Number(req.query.get('startIndex') ?? 1))
    const page = matches.slice(startIndex - 1, startIndex - 1 + Number(req.query.get('count') ?? 200))
    return withBody(res, { ...body, totalResults: matches.length, itemsPerPage: page.length, startIndex, Resources: page })
  }
}

export const filterFaults: readonly Fault[] = [
  {
    id: 'filters-ignored',
    defect: 'ignores the filter on /Users and /Groups and returns every resource',
    // Every malformed filter gets 200: the scimType check has no 400 to read and says it is not applicable.
    breaks: ['filters.groups.entra-eq', 'filters.groups.rfc-operators', 'filters.malformed.invalid-filter-400', 'filters.pagination', 'filters.sort', 'filters.users.entra-eq', 'filters.users.rfc-operators'],
    only: 'filters.*',
    wrap: (handle) => (req) => {
      if (!isFilteredList(req)) return handle(req)
      const query = new URLSearchParams(req.query)
      query.delete('filter')
      return handle({ ...req, query })
    },
  },
  {
    id: 'filters-username-case-sensitive',
    defect: 'matches userName case-sensitively in every filter',
    breaks: ['filters.users.entra-eq', 'filters.users.rfc-operators'],
    only: 'filters.*',
    wrap: caseSensitiveUserName,
  },
  {
    id: 'filters-no-match-404',
    defect: 'answers a filter that matches nothing with 404',
    breaks: ['filters.groups.entra-eq', 'filters.groups.rfc-operators', 'filters.users.entra-eq', 'filters.users.rfc-operators'],
    only: 'filters.*',
    wrap: onResponse(isFilteredList, (res) => (bodyOf(res)?.totalResults === 0 ? notFoundJson() : res)),
  },
  {
    id: 'filters-total-results-off-by-one',
    defect: 'reports totalResults one higher than the number of matches on filtered queries',
    breaks: ['filters.groups.entra-eq', 'filters.groups.rfc-operators', 'filters.pagination', 'filters.users.entra-eq', 'filters.users.rfc-operators'],
    only: 'filters.*',
    wrap: onResponse(isFilteredList, (res) => {
      const body = bodyOf(res)
      return res.status === 200 && typeof body?.totalResults === 'number' ? withBody(res, { ...body, totalResults: body.totalResults + 1 }) : res
    }),
  },
  {
    id: 'filters-malformed-500',
    defect: 'answers a malformed filter with 500 instead of 400 invalidFilter',
    // With no 400 to read, the scimType check has nothing to judge and says so (skipped).
    breaks: ['filters.malformed.invalid-filter-400'],
    only: 'filters.*',
    wrap: onResponse(isFilteredList, (res) => (res.status === 400 && bodyOf(res)?.scimType === 'invalidFilter'
      ? withBody(status(500)(res), { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'internal error' })
      : res)),
  },
  {
    // Not a defect: the RFC allows it, so nothing may fail. Proves the paging checks raise no false alarm.
    id: 'pages-capped-at-two',
    defect: 'returns at most 2 resources per page whatever count asks (RFC 7644 3.4.2.4: it MAY return fewer)',
    breaks: [],
    only: 'filters.*,entra.gallery.*',
    wrap: (handle) => async (req) => {
      if (req.method !== 'GET' || !(isCollection('Users')(req) || isCollection('Groups')(req))) return handle(req)
      const query = new URLSearchParams(req.query)
      query.set('count', String(Math.min(2, Number(query.get('count') ?? 2))))
      return handle({ ...req, query })
    },
  },
  {
    id: 'malformed-filter-bare-400',
    defect: 'answers a malformed filter with 400 but no scimType',
    breaks: ['filters.malformed.scim-type-invalid-filter'],
    only: 'filters.*',
    wrap: onResponse(isFilteredList, (res) => {
      const body = bodyOf(res)
      if (res.status !== 400 || body?.scimType !== 'invalidFilter') return res
      const { scimType: _dropped, ...rest } = body
      return withBody(res, rest)
    }),
  },
]
