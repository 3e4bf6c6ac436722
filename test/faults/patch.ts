import type { Handle, ScimHttpRequest, ScimHttpResponse } from '../../src/server/index.ts'
import type { Fault } from './fault.ts'
import { bodyOf, isResource, onResponse, withBody } from './wrappers.ts'

// Faults in PATCH (issue 5): each a server that mishandles what Entra sends.

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const isPatch = (req: ScimHttpRequest): boolean => req.method === 'PATCH' && (isResource('Users')(req) || isResource('Groups')(req))

type Operation = { op?: unknown; path?: unknown; value?: unknown }

/** Rewrites the operations of every PATCH before the server sees them; none left means "ignored". */
function rewriteOperations(rewrite: (operation: Operation) => Operation | undefined): (handle: Handle) => Handle {
  return (handle) => async (req) => {
    if (!isPatch(req)) return handle(req)
    const body = JSON.parse(req.body) as { Operations?: Operation[] }
    const operations = (body.Operations ?? []).flatMap((o) => rewrite(o) ?? [])
    if (operations.length === 0) return ignoredPatch(handle, req)
    return handle({ ...req, body: JSON.stringify({ ...body, Operations: operations }) })
  }
}

/** What a server that skips the PATCH answers: success, and the resource unchanged. */
async function ignoredPatch(handle: Handle, req: ScimHttpRequest): Promise<ScimHttpResponse> {
  const current = await handle({ ...req, method: 'GET', body: '' })
  if (current.status !== 200 || isResource('Groups')(req)) return current.status === 200 ? { status: 204, headers: {} } : current
  return current
}

const isActive = (path: unknown): boolean => typeof path === 'string' && path.toLowerCase() === 'active'

function managerAsString(body: Record<string, unknown>): Record<string, unknown> {
  const extension = body[ENTERPRISE] as { manager?: { value?: unknown } } | undefined
  if (!extension?.manager || typeof extension.manager !== 'object') return body
  return { ...body, [ENTERPRISE]: { ...extension, manager: extension.manager.value } }
}

export const patchFaults: readonly Fault[] = [
  {
    id: 'patch-ignored',
    defect: 'answers every PATCH with success and changes nothing',
    breaks: [
      'claims.patch.matches-claim',
      'entra.patch.add-work-email-filter',
      'entra.patch.address-sub-attributes-merge',
      'entra.patch.clear-empty-string',
      'entra.patch.disable-json-boolean',
      'entra.patch.disable-string-boolean',
      'entra.patch.extension-on-core-only-user',
      'entra.patch.manager-bare-id',
      'entra.patch.members-add-many',
      'entra.patch.members-add-one',
      'entra.patch.members-remove-filter',
      'entra.patch.members-remove-value-array',
      'entra.patch.pathless-flattened-keys',
      'patch.group.generated',
      'patch.user.generated',
      'patch.user.invalid-refused',
    ],
    only: '*patch.*',
    wrap: (handle) => (req) => (isPatch(req) ? ignoredPatch(handle, req) : handle(req)),
  },
  {
    id: 'patch-capitalised-op-rejected',
    defect: 'rejects capitalised ops ("Replace") with 400 invalidSyntax',
    breaks: [
      'entra.patch.add-work-email-filter',
      'entra.patch.address-sub-attributes-merge',
      'entra.patch.clear-empty-string',
      'entra.patch.disable-string-boolean',
      'entra.patch.extension-on-core-only-user',
      'entra.patch.manager-bare-id',
      'entra.patch.members-add-many',
      'entra.patch.members-add-one',
      'patch.group.generated',
      'patch.user.generated',
    ],
    // Their set-up adds members with "Add": blocked under the members-add checks, not failed.
    blocks: ['entra.patch.members-remove-filter', 'entra.patch.members-remove-value-array', 'patch.group.status-204'],
    only: '*patch.*',
    wrap: (handle) => (req) => {
      if (!isPatch(req) || !/"op"\s*:\s*"[A-Z]/.test(req.body)) return handle(req)
      return Promise.resolve({ status: 400, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidSyntax', detail: 'op must be add, remove or replace' }) })
    },
  },
  {
    id: 'patch-refusal-without-scim-type',
    defect: 'refuses an invalid PATCH with a bare 400, without scimType (RFC 7644 3.12: scimType is OPTIONAL)',
    breaks: ['patch.user.invalid-refused'],
    // The refusal is what 3.5.2 requires; the keyword Table 9 names is only a SHOULD.
    warns: ['patch.user.invalid-refused'],
    only: 'patch.*',
    wrap: onResponse(isPatch, (res) => {
      const body = bodyOf(res)
      if (res.status !== 400 || !body) return res
      const { scimType: _dropped, ...bare } = body
      return withBody(res, bare)
    }),
  },
  {
    id: 'patch-group-answers-200',
    defect: 'answers a successful PATCH of a group with 200 and the whole group instead of 204',
    breaks: ['patch.group.status-204'],
    // Entra's 204 for group PATCH is a SHOULD (a 200 with the group is lawful RFC 7644 3.5.2).
    warns: ['patch.group.status-204'],
    only: 'patch.*',
    wrap: (handle) => async (req) => {
      const res = await handle(req)
      if (!isPatch(req) || !isResource('Groups')(req) || res.status !== 204) return res
      const group = await handle({ ...req, method: 'GET', body: '' })
      return { ...group, status: 200 }
    },
  },
  {
    id: 'patch-ignores-active',
    defect: 'ignores PATCH operations on active',
    breaks: [
      'entra.patch.disable-json-boolean',
      'entra.patch.disable-string-boolean',
      'patch.user.generated',
    ],
    only: '*patch.*',
    wrap: rewriteOperations((o) => {
      if (isActive(o.path)) return undefined
      if (o.path === undefined && o.value && typeof o.value === 'object' && !Array.isArray(o.value)) {
        const value = Object.fromEntries(Object.entries(o.value).filter(([key]) => !isActive(key)))
        return Object.keys(value).length === 0 ? undefined : { ...o, value }
      }
      return o
    }),
  },
  {
    id: 'patch-remove-member-removes-all',
    defect: 'ignores the value array of Entra\'s member removal, so every member goes',
    breaks: [
      'entra.patch.members-remove-value-array',
      'patch.group.generated',
    ],
    only: '*patch.*',
    wrap: rewriteOperations((o) => (typeof o.op === 'string' && o.op.toLowerCase() === 'remove' && o.path === 'members' ? { op: o.op, path: o.path } : o)),
  },
  {
    id: 'manager-stored-as-string',
    defect: 'stores the manager Entra sends as a bare string and returns it as one',
    breaks: [
      'entra.patch.manager-bare-id',
      'patch.user.generated',
      'schema.user',
    ],
    only: '*patch.*',
    wrap: onResponse((req) => isResource('Users')(req), (res) => {
      const body = bodyOf(res)
      return body ? withBody(res, managerAsString(body)) : res
    }),
  },
]
