import type { Fault } from './fault.ts'
import { bodyOf, isCollection, isResource, onResponse, withBody, type Match } from './wrappers.ts'

// Shape defects (issue 3): the body a server sends is wrong, whatever its status.
// Each must fail a schema.* check that names the JSON pointer; the core checks
// limit the run, so the blast radius stays readable.

const userResponses: Match = (req) => isCollection('Users')(req) || isResource('Users')(req)
const only = 'users.*'

/** Rewrites every User in a response: a single resource, or each one of a ListResponse. */
function rewriteUsers(change: (user: Record<string, unknown>) => Record<string, unknown>, match: Match = userResponses): Fault['wrap'] {
  return onResponse(match, (res) => {
    const body = bodyOf(res)
    if (!body || res.status >= 300) return res
    if (Array.isArray(body.Resources)) return withBody(res, { ...body, Resources: (body.Resources as Record<string, unknown>[]).map(change) })
    return body.userName === undefined ? res : withBody(res, change(body))
  })
}

export const schemaFaults: readonly Fault[] = [
  {
    id: 'active-as-string',
    defect: 'returns active as the string "true" instead of a boolean',
    only,
    breaks: ['schema.list-response-user', 'schema.user'],
    pointer: { check: 'schema.user', matches: /^\/active$/ },
    wrap: rewriteUsers((user) => ('active' in user ? { ...user, active: String(user.active) } : user)),
  },
  {
    id: 'emails-as-object',
    defect: 'returns emails as one object instead of an array',
    only,
    breaks: ['schema.list-response-user', 'schema.user'],
    pointer: { check: 'schema.user', matches: /^\/emails$/ },
    wrap: rewriteUsers((user) => (Array.isArray(user.emails) ? { ...user, emails: user.emails[0] } : user)),
  },
  {
    id: 'resources-without-id',
    defect: 'leaves id out of every User it returns on GET',
    only,
    // The create still carries the id, so the run can clean up; every read then misses it.
    breaks: ['schema.list-response-user', 'schema.user', 'schema.user-rules', 'users.filter.username-case-insensitive', 'users.filter.username-eq', 'users.get.by-id'],
    pointer: { check: 'schema.user', matches: /^\/id$/ },
    wrap: rewriteUsers(({ id: _id, ...user }) => user, (req) => req.method === 'GET' && userResponses(req)),
  },
  {
    id: 'resources-without-schemas',
    defect: 'leaves schemas out of every User it returns',
    only,
    breaks: ['schema.list-response-user', 'schema.user', 'users.create.returns-resource'],
    pointer: { check: 'schema.user', matches: /^\/schemas$/ },
    wrap: rewriteUsers(({ schemas: _schemas, ...user }) => user),
  },
  {
    id: 'list-without-total-results',
    defect: 'answers queries with a ListResponse that has no totalResults',
    only,
    breaks: ['schema.list-response-user', 'users.filter.no-match', 'users.filter.username-case-insensitive', 'users.filter.username-eq'],
    pointer: { check: 'schema.list-response-user', matches: /^\/totalResults$/ },
    wrap: onResponse((req) => req.method === 'GET' && isCollection('Users')(req), (res) => {
      const body = bodyOf(res)
      if (!body || !('totalResults' in body)) return res
      const { totalResults: _total, ...rest } = body
      return withBody(res, rest)
    }),
  },
]
