import type { Fault } from './fault.ts'
import type { Handle, ScimHttpRequest } from '../../src/server/index.ts'
import { bodyOf, isCollection, isResource, onResponse, withBody } from './wrappers.ts'

// Faults for the steps of Entra's user and group cycles, gallery paging and the profile filters: each proves its check can fail.

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'

interface Op { op?: unknown; path?: unknown; value?: unknown }
type Rewrite = (op: Op, req: ScimHttpRequest) => Op | undefined | Promise<Op | undefined>

/** The request's JSON body, parsed as bodyOf parses responses. */
const requestJson = (req: ScimHttpRequest) => bodyOf({ status: 200, headers: {}, body: req.body })
const opName = (op: Op): string => String(op.op).toLowerCase()
const pathOf = (op: Op): string => (typeof op.path === 'string' ? op.path.toLowerCase() : '')

/**
 * Rewrites (or, returning undefined, silently drops) the ops of a PATCH to one resource type.
 * A PATCH left with no ops answers 200 with the stored resource, as a server that ignored them would.
 */
function rewritesPatch(name: 'Users' | 'Groups', rewrite: Rewrite): (handle: Handle) => Handle {
  return (handle) => async (req) => {
    if (req.method !== 'PATCH' || !isResource(name)(req)) return handle(req)
    const body = requestJson(req) as { Operations?: Op[] } | undefined
    if (!Array.isArray(body?.Operations)) return handle(req)
    const kept: Op[] = []
    for (const op of body.Operations) {
      const changed = await rewrite(op, req)
      if (changed) kept.push(changed)
    }
    if (kept.length === 0) return handle({ ...req, method: 'GET', body: '' })
    return handle({ ...req, body: JSON.stringify({ ...body, Operations: kept }) })
  }
}

const listResponse = (resources: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources })

/** Answers a filtered list of `name` with no resources unless the filter is on `indexed`. */
const filtersOnlyOn = (name: 'Users' | 'Groups', indexed: string) =>
  onResponse((req) => req.method === 'GET' && isCollection(name)(req) && req.query.has('filter') && !new RegExp(`^${indexed} eq `, 'i').test(req.query.get('filter') ?? ''), (res) =>
    (res.status === 200 ? withBody(res, listResponse([])) : res))

/** A search index that is built once: filters never see users created after the server started. */
const staleSearchIndex = (handle: Handle): Handle => {
  const unindexed = new Set<string>()
  return async (req) => {
    const res = await handle(req)
    if (req.method === 'POST' && isCollection('Users')(req)) {
      const id = bodyOf(res)?.id
      if (typeof id === 'string') unindexed.add(id)
    }
    if (req.method !== 'GET' || !isCollection('Users')(req) || !req.query.has('filter')) return res
    const body = bodyOf(res) as { Resources?: { id?: unknown }[] } | undefined
    if (!body?.Resources) return res
    const Resources = body.Resources.filter((r) => !unindexed.has(String(r.id)))
    return withBody(res, { ...body, Resources, totalResults: Resources.length, itemsPerPage: Resources.length })
  }
}

const isTruthy = (value: unknown): boolean => value === true || (typeof value === 'string' && value.toLowerCase() === 'true')

/**
 * GET /Users?startIndex=N served as if startIndex were served(N) (undefined: left out), and with
 * echo the answer still claims N: the paging bugs a client only sees by comparing pages.
 */
const pagesUsersFrom = (served: (asked: number) => number | undefined, { echo }: { echo: boolean }) => (handle: Handle): Handle => async (req) => {
  if (req.method !== 'GET' || !isCollection('Users')(req) || !req.query.has('startIndex')) return handle(req)
  const asked = Number(req.query.get('startIndex'))
  const query = new URLSearchParams(req.query)
  const start = served(asked)
  if (start === undefined) query.delete('startIndex')
  else query.set('startIndex', String(start))
  const res = await handle({ ...req, query })
  const body = echo ? bodyOf(res) : undefined
  return body ? withBody(res, { ...body, startIndex: asked }) : res
}

export const entraCycleFaults: readonly Fault[] = [
  {
    id: 'user-create-rejects-client-meta',
    defect: 'rejects a user create carrying the client\'s meta.resourceType with 400 instead of ignoring it',
    only: 'entra.user-cycle.*',
    breaks: ['entra.user-cycle.create'],
    wrap: (handle) => async (req) => {
      if (req.method !== 'POST' || !isCollection('Users')(req) || requestJson(req)?.meta === undefined) return handle(req)
      return { status: 400, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'mutability', detail: 'meta is readOnly' }) }
    },
  },
  {
    id: 'stale-user-search-index',
    defect: 'serves user filters from a search index that users created since startup never reach',
    only: 'entra.user-cycle.*',
    breaks: ['entra.user-cycle.match-found'],
    wrap: staleSearchIndex,
  },
  {
    id: 'enterprise-extension-read-only-on-patch',
    defect: 'answers 200 to a PATCH of an enterprise extension attribute but does not apply it',
    only: 'entra.user-cycle.*',
    breaks: ['entra.user-cycle.update-changed-only'],
    wrap: rewritesPatch('Users', (op) => (pathOf(op).startsWith(`${ENTERPRISE.toLowerCase()}:`) ? undefined : op)),
  },
  {
    id: 'string-false-is-truthy',
    defect: 'reads Entra\'s string boolean "False" as true (any non-empty string is truthy)',
    only: 'entra.user-cycle.*',
    breaks: ['entra.user-cycle.disable'],
    wrap: rewritesPatch('Users', (op) => (pathOf(op) === 'active' && typeof op.value === 'string' ? { ...op, value: op.value !== '' } : op)),
  },
  {
    id: 'ignores-reactivation',
    defect: 'freezes a deactivated user: a PATCH of active back to true is answered 200 and changes nothing',
    only: 'entra.user-cycle.*',
    breaks: ['entra.user-cycle.re-enable'],
    wrap: (handle) => rewritesPatch('Users', async (op, req) => {
      if (pathOf(op) !== 'active' || !isTruthy(op.value)) return op
      const stored = bodyOf(await handle({ ...req, method: 'GET', body: '' }))
      return stored?.active === false ? undefined : op
    })(handle),
  },
  {
    id: 'drops-bare-manager-id',
    defect: 'answers 200 to a manager sent as a bare id string but stores nothing',
    only: 'entra.user-cycle.*',
    breaks: ['entra.user-cycle.manager'],
    wrap: rewritesPatch('Users', (op) => (pathOf(op).endsWith(':manager') && typeof op.value === 'string' ? undefined : op)),
  },
  {
    id: 'group-create-rejects-adscim-schema',
    defect: 'rejects a group create that lists Microsoft\'s ADSCIM schema URI with 400',
    only: 'entra.group-cycle.*',
    breaks: ['entra.group-cycle.create'],
    wrap: (handle) => async (req) => {
      if (req.method !== 'POST' || !isCollection('Groups')(req) || !req.body.includes(ADSCIM_GROUP)) return handle(req)
      return { status: 400, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidSyntax', detail: `unknown schema ${ADSCIM_GROUP}` }) }
    },
  },
  {
    id: 'member-remove-value-array-removes-all',
    defect: 'reads Entra\'s member Remove with a value array as a remove of every member',
    only: 'entra.group-cycle.*',
    breaks: ['entra.group-cycle.remove-member'],
    wrap: rewritesPatch('Groups', (op) => (opName(op) === 'remove' && pathOf(op) === 'members' && op.value !== undefined ? { op: op.op, path: op.path } : op)),
  },
  {
    id: 'ignores-group-rename',
    defect: 'answers 200 to a Replace of a group\'s displayName but keeps the old name',
    only: 'entra.group-cycle.*',
    breaks: ['entra.group-cycle.rename'],
    wrap: rewritesPatch('Groups', (op) => (pathOf(op) === 'displayname' ? undefined : op)),
  },
  {
    id: 'ignores-start-index',
    defect: 'ignores startIndex, so every page of /Users is the first',
    only: 'entra.gallery.*',
    breaks: ['entra.gallery.user-pagination'],
    wrap: pagesUsersFrom(() => undefined, { echo: false }),
  },
  {
    id: 'start-index-echoed-page-one',
    defect: 'echoes startIndex but always serves the first page of /Users',
    only: 'entra.gallery.*',
    breaks: ['entra.gallery.user-pagination'],
    wrap: pagesUsersFrom(() => undefined, { echo: true }),
  },
  {
    id: 'zero-based-start-index',
    defect: 'counts startIndex from 0, so startIndex=1 skips the first user',
    only: 'entra.gallery.*',
    breaks: ['entra.gallery.user-pagination'],
    wrap: pagesUsersFrom((asked) => asked + 1, { echo: true }),
  },
  {
    id: 'user-filter-only-username',
    defect: 'filters users on userName only and answers any other filter with an empty list',
    only: 'profile.*',
    breaks: ['profile.user.filterable-eq'],
    wrap: filtersOnlyOn('Users', 'userName'),
  },
  {
    id: 'group-filter-only-display-name',
    defect: 'filters groups on displayName only and answers any other filter with an empty list (profile rfc: externalId)',
    profile: 'rfc',
    only: 'profile.*',
    breaks: ['profile.group.filterable-eq'],
    wrap: filtersOnlyOn('Groups', 'displayName'),
  },
  {
    id: 'group-list-summary-only',
    defect: 'lists groups as id and displayName only, leaving externalId to GET by id',
    only: 'profile.*',
    breaks: ['profile.group.match-read-back'],
    wrap: onResponse((req) => req.method === 'GET' && isCollection('Groups')(req), (res) => {
      const body = bodyOf(res) as { Resources?: Record<string, unknown>[] } | undefined
      if (!body?.Resources) return res
      return withBody(res, { ...body, Resources: body.Resources.map(({ schemas, id, displayName, meta }) => ({ schemas, id, displayName, meta })) })
    }),
  },
  {
    id: 'ignores-dotted-keys',
    defect: 'drops the dotted and URN-qualified keys of a path-less replace (name.givenName, urn:…:employeeNumber) instead of reading them as paths',
    only: 'entra.*,patch.*,profile.*',
    breaks: ['entra.patch.pathless-flattened-keys'],
    wrap: rewritesPatch('Users', (op) => {
      if (op.path !== undefined || op.value === null || typeof op.value !== 'object' || Array.isArray(op.value)) return op
      const value = Object.fromEntries(Object.entries(op.value).filter(([key]) => !/[.:]/.test(key)))
      return Object.keys(value).length > 0 ? { ...op, value } : undefined
    }),
  },
  {
    id: 'replace-empty-string-kept',
    defect: 'ignores a Replace with "" on a simple attribute and keeps the old value',
    only: 'entra.*,patch.*,profile.*',
    breaks: ['entra.patch.clear-empty-string'],
    wrap: rewritesPatch('Users', (op) => (opName(op) === 'replace' && op.value === '' && !pathOf(op).includes(':') ? undefined : op)),
  },
  {
    id: 'extension-refused-without-schema-urn',
    defect: 'refuses an enterprise attribute in a PATCH of a user whose schemas do not list the enterprise URN yet',
    only: 'entra.*,patch.*,profile.*',
    // Every check that adds an enterprise attribute to a user holding none yet meets it (the server lists
    // the extension in a user's schemas only once it has a value), as Entra's updates do.
    breaks: ['entra.patch.extension-on-core-only-user', 'entra.patch.manager-bare-id', 'entra.patch.pathless-flattened-keys', 'patch.user.generated', 'profile.user.patch-read-back'],
    wrap: (handle) => async (req) => {
      if (req.method !== 'PATCH' || !isResource('Users')(req) || !req.body.includes(ENTERPRISE)) return handle(req)
      const stored = bodyOf(await handle({ ...req, method: 'GET', body: '', query: new URLSearchParams() }))
      const schemas = Array.isArray(stored?.schemas) ? stored.schemas : []
      if (schemas.includes(ENTERPRISE)) return handle(req)
      return { status: 400, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidPath', detail: `${ENTERPRISE} is not in the user's schemas` }) }
    },
  },
  {
    id: 'deleted-username-reserved',
    defect: 'keeps the userName of a deleted user reserved: creating it again answers 409 uniqueness',
    only: 'entra.*,users.*',
    breaks: ['entra.gallery.recreate-after-delete'],
    wrap: (handle) => {
      const deleted = new Set<string>()
      return async (req) => {
        if (req.method === 'DELETE' && isResource('Users')(req)) {
          const user = bodyOf(await handle({ ...req, method: 'GET', body: '', query: new URLSearchParams() }))
          if (typeof user?.userName === 'string') deleted.add(user.userName.toLowerCase())
          return handle(req)
        }
        const userName = req.method === 'POST' && isCollection('Users')(req) ? requestJson(req)?.userName : undefined
        if (typeof userName === 'string' && deleted.has(userName.toLowerCase())) {
          return { status: 409, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'userName was used by a deleted user' }) }
        }
        return handle(req)
      }
    },
  },
  {
    id: 'soft-delete-only',
    defect: 'deletes users only softly: DELETE /Users/{id} answers 405, and PATCH active=false is the way to deprovision',
    // Microsoft's Delete_User_Test is optional: the Entra step warns, it does not fail. The RFC's
    // delete checks are not applicable (RFC 7644 3.12 lets a server refuse an operation it lacks).
    breaks: ['entra.user-cycle.delete'],
    warns: ['entra.user-cycle.delete'],
    wrap: (handle) => async (req) => {
      if (req.method !== 'DELETE' || !isResource('Users')(req)) return handle(req)
      // Authorization first, as a real server checks it: a DELETE without a valid token still gets 401.
      const read = await handle({ ...req, method: 'GET', body: '', query: new URLSearchParams() })
      if (read.status === 401) return read
      return { status: 405, headers: { 'content-type': 'application/scim+json', allow: 'GET, PUT, PATCH' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '405', detail: 'users are deprovisioned with active=false' }) }
    },
  },
  {
    id: 'ignores-pathless-username',
    defect: 'drops userName from a path-less replace (Update User userName keeps the old name)',
    breaks: ['entra.gallery.update-username'],
    wrap: rewritesPatch('Users', (op) => {
      if (op.path !== undefined || opName(op) !== 'replace' || typeof op.value !== 'object' || op.value === null) return op
      const { userName: _dropped, ...rest } = op.value as Record<string, unknown>
      return { ...op, value: rest }
    }),
  },
]
