import type { Fault } from './fault.ts'
import { onResponse, bodyOf, withBody, status, notFoundJson, isCollection, isResource, isAny, withExistingUser } from './wrappers.ts'

// Faults in the core lifecycle: discovery, auth, users, groups, error bodies.

export const coreFaults: readonly Fault[] = [
  {
    id: 'post-answers-200',
    defect: 'answers a successful create with 200 instead of 201',
    breaks: ['groups.create.status-201', 'users.create.status-201'],
    wrap: onResponse((req) => req.method === 'POST' && (isCollection('Users')(req) || isCollection('Groups')(req)), (res) => (res.status === 201 ? status(200)(res) : res)),
  },
  {
    id: 'accepts-missing-token',
    defect: 'lets a request without an Authorization header through',
    breaks: [
      'auth.no-token.401',
      'security.no-token.reads',
      'security.no-token.writes',
      'security.query-token.reads',
      'security.query-token.writes',
    ],
    wrap: (handle) => (req) => handle(req.headers.authorization ? req : { ...req, headers: { ...req.headers, authorization: 'Bearer self-test-token-9f8e7d' } }),
  },
  {
    id: 'accepts-any-token',
    defect: 'accepts any bearer token',
    breaks: [
      'auth.wrong-token.401',
      'security.wrong-token.reads',
      'security.wrong-token.writes',
    ],
    wrap: (handle) => (req) => handle(req.headers.authorization?.startsWith('Bearer ') ? { ...req, headers: { ...req.headers, authorization: 'Bearer self-test-token-9f8e7d' } } : req),
  },
  {
    id: 'create-returns-no-meta',
    defect: 'omits meta from the create response',
    breaks: ['schema.group-rules', 'schema.user', 'schema.group', 'schema.user-rules', 'users.create.location-header', 'users.create.returns-resource'],
    wrap: onResponse((req) => req.method === 'POST' && (isCollection('Users')(req) || isCollection('Groups')(req)), (res) => {
      const body = bodyOf(res)
      if (!body) return res
      delete body.meta
      return withBody(res, body)
    }),
  },
  {
    id: 'no-location-header',
    defect: 'sends no Location header on create',
    breaks: ['users.create.location-header'],
    wrap: onResponse((req) => req.method === 'POST', (res) => {
      const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => name.toLowerCase() !== 'location'))
      return { ...res, headers }
    }),
  },
  {
    id: 'get-user-loses-username',
    defect: 'GET /Users/{id} answers with another userName than was stored',
    breaks: [
      'entra.user-cycle.get-by-id',
      'filters.pagination',
      'filters.sort',
      'filters.users.entra-eq',
      'filters.users.rfc-operators',
      'profile.user.create-read-back',
      'profile.user.patch-read-back',
      'profile.user.required-only-create',
      'put.required-enforced',
      'users.get.by-id',
      'projection.attributes.only-named',
      'projection.excluded-attributes.emails',
      // The renamed user reads back with the other userName.
      'entra.gallery.update-username',
    ],
    wrap: onResponse((req) => req.method === 'GET' && isResource('Users')(req), (res) => {
      const body = bodyOf(res)
      return body && res.status === 200 ? withBody(res, { ...body, userName: 'someone-else@example.com' }) : res
    }),
  },
  {
    id: 'get-group-404',
    defect: 'GET /Groups/{id} answers 404 for a group that exists',
    breaks: [
      'entra.group-cycle.add-members',
      'entra.patch.members-add-many',
      'entra.patch.members-add-one',
      'entra.patch.members-remove-filter',
      'entra.patch.members-remove-value-array',
      'groups.get.by-id',
      'profile.group.create-read-back',
      'profile.group.patch-read-back',
      'profile.group.required-only-create',
      'put.immutable-resent-unchanged',
    ],
    // The filter and generated-PATCH checks read their groups back as set-up: blocked under groups.get.by-id, not
    // failed; the group cycle stops at add-members.
    blocks: [
      'filters.groups.entra-eq', 'filters.groups.rfc-operators', 'patch.group.generated',
      'entra.group-cycle.delete', 'entra.group-cycle.display-name-unique', 'entra.group-cycle.match-excludes-members', 'entra.group-cycle.remove-member', 'entra.group-cycle.rename',
    ],
    wrap: onResponse((req) => req.method === 'GET' && isResource('Groups')(req), (res) => (res.status === 200 ? notFoundJson() : res)),
  },
  {
    id: 'filter-ignored',
    defect: 'ignores the filter on /Users and returns every user',
    breaks: [
      'claims.filter.honoured',
      'entra.test-connection.users',
      'entra.user-cycle.match-absent',
      'filters.malformed.invalid-filter-400',
      'filters.pagination',
      'filters.sort',
      'filters.users.entra-eq',
      'filters.users.rfc-operators',
      'profile.user.match-read-back',
      'security.filter.injection',
      'sort.datetime',
      'sort.multi-valued-primary',
      'sort.string-case-rules',
      'sort.with-filter-and-paging',
      'users.filter.no-match',
      'users.filter.username-case-insensitive',
      'users.filter.username-eq',
      // The filter on the new userName returns every user, not the renamed one alone.
      'entra.gallery.update-username',
    ],
    // In a tenant that holds a user already: on an empty server the match query for a user
    // that does not exist would find nothing and pass, and which checks fail would depend on timing.
    wrap: withExistingUser((handle) => (req) => {
      if (req.method !== 'GET' || !isCollection('Users')(req) || !req.query.has('filter')) return handle(req)
      const query = new URLSearchParams(req.query)
      query.delete('filter')
      return handle({ ...req, query })
    }),
  },
  {
    id: 'filter-case-sensitive',
    defect: 'matches userName case-sensitively',
    breaks: [
      'entra.gallery.filter-case-user',
      'filters.users.entra-eq',
      'users.filter.username-case-insensitive',
    ],
    wrap: onResponse((req) => req.method === 'GET' && isCollection('Users')(req) && /^userName eq "/i.test(req.query.get('filter') ?? ''), (res, req) => {
      const wanted = /"(.*)"/.exec(req.query.get('filter') ?? '')?.[1]
      const body = bodyOf(res) as { Resources?: { userName?: string }[] } | undefined
      if (!body?.Resources) return res
      const Resources = body.Resources.filter((r) => r.userName === wanted)
      return withBody(res, { ...body, Resources, totalResults: Resources.length, itemsPerPage: Resources.length })
    }),
  },
  {
    id: 'no-match-404',
    defect: 'answers a filter that matches nothing with 404',
    breaks: [
      'claims.filter.honoured',
      'entra.group-cycle.match-absent',
      'entra.test-connection.groups',
      'entra.test-connection.users',
      'entra.user-cycle.match-absent',
      'filters.groups.entra-eq',
      'filters.groups.rfc-operators',
      'filters.users.entra-eq',
      'filters.users.rfc-operators',
      'groups.filter.no-match',
      'security.filter.injection',
      'users.filter.no-match',
    ],
    wrap: onResponse((req) => req.method === 'GET' && (isCollection('Users')(req) || isCollection('Groups')(req)), (res) => {
      const body = bodyOf(res)
      return body?.totalResults === 0 ? notFoundJson() : res
    }),
  },
  {
    id: 'duplicate-not-409',
    defect: 'answers a duplicate userName with 400 instead of 409 uniqueness',
    breaks: [
      'entra.gallery.duplicate-user-409',
      'users.create.duplicate-409',
    ],
    wrap: onResponse((req) => req.method === 'POST' && isCollection('Users')(req), (res) => {
      if (res.status !== 409) return res
      return withBody(status(400)(res), { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail: 'duplicate' })
    }),
  },
  {
    id: 'not-found-plain-json',
    defect: 'answers 404 with a non-SCIM body ({"error": ...}, application/json)',
    breaks: ['schema.content-type-scim', 'schema.error', 'users.get.unknown-404'],
    wrap: onResponse(isAny('Users', 'Groups'), (res) => (res.status === 404 ? { status: 404, headers: { 'content-type': 'application/json' }, body: '{"error":"not found"}' } : res)),
  },
  {
    id: 'delete-answers-200',
    defect: 'answers a successful DELETE with 200 instead of 204',
    breaks: ['groups.delete.status-204', 'users.delete.status-204'],
    wrap: onResponse((req) => req.method === 'DELETE', (res) => (res.status === 204 ? { ...res, status: 200 } : res)),
  },
  {
    id: 'delete-keeps-resource',
    defect: 'answers DELETE with 204 but keeps serving the resource',
    breaks: [
      'entra.gallery.delete-twice-404',
      // The kept user still holds its userName, so creating it again answers 409.
      'entra.gallery.recreate-after-delete',
      'entra.group-cycle.delete',
      'entra.user-cycle.delete',
      'groups.delete.then-404',
      'security.no-token.writes',
      'security.other-scheme.writes',
      'security.query-token.writes',
      'security.wrong-token.writes',
      'users.delete.then-404',
    ],
    wrap: (handle) => {
      const deleted = new Set<string>()
      return async (req) => {
        if (req.method === 'DELETE' && (isResource('Users')(req) || isResource('Groups')(req))) {
          if (deleted.has(req.path)) return handle(req)
          deleted.add(req.path)
          return { status: 204, headers: {} }
        }
        return handle(req)
      }
    },
  },
  {
    id: 'no-service-provider-config',
    defect: 'has no /ServiceProviderConfig',
    breaks: ['discovery.service-provider-config'],
    wrap: onResponse((req) => req.path === '/ServiceProviderConfig', () => notFoundJson()),
    only: 'discovery.*',
  },
  {
    id: 'schemas-without-user',
    defect: '/Schemas does not list the core User schema',
    breaks: ['discovery.schemas'],
    wrap: onResponse((req) => req.path === '/Schemas', (res) => {
      const body = bodyOf(res) as { Resources?: { id?: string }[] } | undefined
      if (!body?.Resources) return res
      const Resources = body.Resources.filter((r) => r.id !== 'urn:ietf:params:scim:schemas:core:2.0:User')
      return withBody(res, { ...body, Resources, totalResults: Resources.length, itemsPerPage: Resources.length })
    }),
    only: 'discovery.*',
  },
  {
    id: 'resource-types-404',
    defect: 'has no /ResourceTypes',
    breaks: ['discovery.resource-types'],
    wrap: onResponse((req) => req.path === '/ResourceTypes', () => notFoundJson()),
    only: 'discovery.*',
  },
]
