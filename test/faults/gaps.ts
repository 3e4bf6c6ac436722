import type { Fault } from './fault.ts'
import { bodyOf, isCollection, isResource, onResponse, withBody } from './wrappers.ts'

// Faults for checks that had none yet: each proves its check can fail.

const errorBody = (status: number, scimType?: string) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), ...(scimType ? { scimType } : {}), detail: 'fault' })

export const gapFaults: readonly Fault[] = [
  {
    id: 'group-display-name-duplicate-400',
    defect: 'answers a duplicate group displayName with 400 instead of 409 uniqueness',
    only: 'entra.*',
    breaks: ['entra.gallery.duplicate-group-409', 'entra.group-cycle.display-name-unique'],
    wrap: onResponse((req) => req.method === 'POST' && isCollection('Groups')(req), (res) =>
      res.status === 409 ? withBody({ ...res, status: 400 }, errorBody(400, 'invalidValue')) : res),
  },
  {
    id: 'group-filter-case-sensitive',
    defect: 'matches displayName case-sensitively',
    only: 'entra.*',
    breaks: ['entra.gallery.filter-case-group'],
    wrap: onResponse((req) => req.method === 'GET' && isCollection('Groups')(req) && /^displayName eq "/i.test(req.query.get('filter') ?? ''), (res, req) => {
      const wanted = /"(.*)"/.exec(req.query.get('filter') ?? '')?.[1]
      const body = bodyOf(res) as { Resources?: { displayName?: string }[] } | undefined
      if (!body?.Resources) return res
      const Resources = body.Resources.filter((r) => r.displayName === wanted)
      return withBody(res, { ...body, Resources, totalResults: Resources.length, itemsPerPage: Resources.length })
    }),
  },
  {
    id: 'put-ignored',
    defect: 'answers PUT with the stored resource and changes nothing',
    only: 'put.*,password.*',
    // A PUT without userName is "accepted" too, so the required-attribute check fails as well.
    // A PUT without userName then keeps the stored one, which RFC 7644 3.5.1 allows: put.required-enforced passes.
    breaks: ['put.replaces-resource'],
    wrap: (handle) => async (req) => (req.method === 'PUT' && isResource('Users')(req) ? handle({ ...req, method: 'GET', body: '' }) : handle(req)),
  },
  {
    id: 'put-without-username-invents-one',
    defect: 'accepts a PUT without userName and stores the displayName as the userName',
    only: 'put.*',
    breaks: ['put.required-enforced'],
    wrap: (handle) => async (req) => {
      const body = bodyOf({ status: 200, headers: {}, body: req.body })
      if (req.method !== 'PUT' || !isResource('Users')(req) || body === undefined || body.userName !== undefined) return handle(req)
      return handle({ ...req, body: JSON.stringify({ ...body, userName: body.displayName ?? 'invented' }) })
    },
  },
  {
    id: 'deep-json-500',
    defect: 'crashes with 500 on deeply nested JSON',
    only: 'security.body.*',
    breaks: ['security.body.deeply-nested'],
    wrap: (handle) => async (req) => (req.body.startsWith('[[[[[[[[') || req.body.includes('{"a":{"a":{"a":{"a":') ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'RangeError: Maximum call stack size exceeded' } : handle(req)),
  },
  {
    id: 'hostile-input-500',
    defect: 'crashes with a plain-text 500 on a non-JSON Content-Type and on a PATCH path it cannot parse',
    only: 'security.body.*,security.patch-path.*',
    // The plain-text 500 body also breaks the response-shape checks.
    breaks: ['schema.content-type-json', 'schema.content-type-scim', 'schema.json-body', 'security.body.wrong-content-type', 'security.patch-path.injection'],
    wrap: (handle) => async (req) => {
      const crash = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' }
      if (req.body !== '' && req.headers['content-type']?.startsWith('text/plain')) return crash
      if (req.method === 'PATCH') {
        const ops = (() => { try { return (JSON.parse(req.body) as { Operations?: { path?: unknown }[] }).Operations ?? [] } catch { return [] } })()
        if (ops.some((op) => typeof op.path === 'string' && /["'\\;()]/.test(op.path) && !op.path.includes('['))) return crash
      }
      return handle(req)
    },
  },
]
