import type { Handle } from '../../src/server/index.ts'
import { errorResponse } from '../../src/server/response.ts'
import type { ScimResource } from '../../src/scim/types.ts'
import type { Variant } from './variant.ts'
import { bodyOf, withBody } from '../faults/wrappers.ts'
import { authenticatedOnly, everyResource, outcomeOf, type Kind } from './write-outcome.ts'

// Servers that keep more rules than RFC 7643 asks: RFC 7643 section 2.4 lets a
// schema declare uniqueness "server", and section 7 "required"; a service provider
// may add either, and /Schemas says so.

type Values = (resource: ScimResource) => string[]

const emailValues: Values = (r) => (Array.isArray(r.emails) ? (r.emails as { value?: unknown }[]) : []).flatMap((e) => (typeof e?.value === 'string' ? [e.value.toLowerCase()] : []))
const externalIdOf: Values = (r) => (typeof r.externalId === 'string' ? [r.externalId] : [])
const displayNameOf: Values = (r) => (typeof r.displayName === 'string' ? [r.displayName.toLowerCase()] : [])

/** A write whose values clash with another resource of the kind answers 409 uniqueness (RFC 7644 section 3.3). */
function uniqueAcross(kinds: readonly Kind[], values: Values, name: string): (handle: Handle) => Handle {
  return (handle) => async (req) => {
    const write = await outcomeOf(handle, req)
    if (write === undefined || !kinds.includes(write.kind)) return handle(req)
    const wanted = values(write.result)
    if (wanted.length > 0) {
      const others = (await everyResource(handle, req, write.kind)).filter((r) => r.id !== write.id)
      const clash = wanted.find((v) => others.some((r) => values(r).includes(v)))
      if (clash !== undefined) return errorResponse(409, `${name} "${clash}" is already in use.`, 'uniqueness')
    }
    return handle(req)
  }
}

/** A user written without an email address answers 400 invalidValue. */
function emailRequired(handle: Handle): Handle {
  return async (req) => {
    const write = await outcomeOf(handle, req)
    if (write?.kind === 'User' && emailValues(write.result).length === 0) return errorResponse(400, 'A user needs at least one email address.', 'invalidValue')
    return handle(req)
  }
}

/** /Schemas declares the rule the variant keeps. */
function declares(schemaId: string, attribute: string, change: Record<string, unknown>, sub?: string): (handle: Handle) => Handle {
  return (handle) => async (req) => {
    const res = await handle(req)
    if (req.method !== 'GET' || !req.path.startsWith('/Schemas')) return res
    const body = bodyOf(res)
    if (body === undefined) return res
    const schemas = (Array.isArray(body.Resources) ? body.Resources : [body]) as { id?: string; attributes?: { name: string; subAttributes?: { name: string }[] }[] }[]
    for (const schema of schemas.filter((s) => s.id === schemaId)) {
      for (const attr of schema.attributes ?? []) {
        if (attr.name !== attribute) continue
        if (sub === undefined) Object.assign(attr, change)
        else for (const s of attr.subAttributes ?? []) if (s.name === sub) Object.assign(s, change)
      }
    }
    return withBody(res, body)
  }
}

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const compose = (...wraps: ((h: Handle) => Handle)[]) => authenticatedOnly((handle: Handle): Handle => wraps.reduceRight((inner, wrap) => wrap(inner), handle))

export const ruleVariants: readonly Variant[] = [
  {
    id: 'email-required-unique',
    difference: 'requires an email on every user and keeps email addresses unique, as /Schemas declares',
    // Entra sends no email for a user whose mail is empty in the directory: the create fails.
    breaks: { entra: ['profile.user.required-only-create'] },
    wrap: compose(declares(USER, 'emails', { required: true }), declares(USER, 'emails', { uniqueness: 'server' }, 'value'), emailRequired, uniqueAcross(['User'], emailValues, 'The email address')),
  },
  {
    id: 'group-display-name-unique',
    difference: 'declares group displayName unique in /Schemas (uniqueness "server")',
    wrap: compose(declares(GROUP, 'displayName', { uniqueness: 'server' }), uniqueAcross(['Group'], displayNameOf, 'The group displayName')),
  },
  {
    id: 'external-id-unique',
    difference: 'keeps externalId unique among users and among groups',
    wrap: compose(uniqueAcross(['User', 'Group'], externalIdOf, 'The externalId')),
  },
]
