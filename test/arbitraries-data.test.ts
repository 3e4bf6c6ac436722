import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { datasetBodies } from '../src/arbitraries/users.ts'
import { baseResource, materialise, validPatchArbitrary, type PatchSpace } from '../src/arbitraries/patches.ts'
import { loadProfile, type Dialect, type ResourceKind } from '../src/profile.ts'
import { profileValues, withValues } from '../src/kit/profile-values.ts'
import { createGroupBody, createUserBody } from '../src/entra/requests.ts'
import type { JsonValue } from '../src/scim/types.ts'
import { validate } from '../src/validate.ts'

// The data contract of every generator that writes resources: a server that validates
// what it stores must accept all of it. Email addresses are RFC 5321 Mailboxes (RFC 7643
// 4.1.2: "The value SHOULD be specified according to [RFC5321]"), externalIds are unique
// (many servers keep them unique), and every value has its attribute's declared type.

const MARKER = 'scimconf-0badcafe-ds.'
const PROFILES = ['rfc', 'entra'] as const

// RFC 5321 4.1.2: Mailbox = Local-part "@" Domain, Local-part = Dot-string, Domain = sub-domain *("." sub-domain).
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?'
const MAILBOX = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`)

/** emails[type eq "work"].type and its siblings name no address. */
const NOT_AN_ADDRESS = /\]?\.(type|primary|display)$/i

const isObject = (v: JsonValue | undefined): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every email address a body (or a PATCH value) carries, under whatever key names emails. */
function addresses(value: JsonValue | undefined, underEmails = false): string[] {
  if (typeof value === 'string') return underEmails ? [value] : []
  if (Array.isArray(value)) return value.flatMap((v) => addresses(v, underEmails))
  if (!isObject(value)) return []
  return Object.entries(value).flatMap(([key, v]) => {
    if (underEmails) return key.toLowerCase() === 'value' ? addresses(v, true) : []
    if (!/^emails(\[|\.|$)/i.test(key)) return addresses(v, false)
    return NOT_AN_ADDRESS.test(key) ? [] : addresses(v, true)
  })
}

/** The response schema's violations, but for meta, which a request body never carries (server-assigned). */
const typeViolations = (kind: ResourceKind, body: Record<string, JsonValue>) => validate(kind, { ...body, id: 'x' }).filter((v) => v.pointer !== '/meta')

const bindings = (unique: string) => ({ unique, refs: ['r-0', 'r-1', 'r-2'] })

describe.each(PROFILES)('the %s profile', (name) => {
  const profile = loadProfile(name)
  const dataset = datasetBodies(42, MARKER, profile)

  it('the filter dataset: addresses are Mailboxes, externalIds unique per type, bodies of the declared types', () => {
    const users = dataset.users
    const groups = dataset.groups.map((g) => g.body)
    for (const address of users.flatMap((u) => addresses(u))) expect(address).toMatch(MAILBOX)
    for (const resources of [users, groups]) {
      const ids = resources.flatMap((r) => (typeof r['externalId'] === 'string' ? [r['externalId']] : []))
      expect(new Set(ids).size).toBe(ids.length)
    }
    for (const user of users) expect(typeViolations('User', user)).toEqual([])
    for (const group of groups) expect(typeViolations('Group', group)).toEqual([])
  })

  it.each(['User', 'Group'] as ResourceKind[])('profile values for a %s: Mailboxes, unique per token, of the declared types', (kind) => {
    const mapped = kind === 'User' ? profile.user : profile.group
    const [a, b] = ['scimconf-t-a', 'scimconf-t-b'].map((token) => withValues({}, profileValues(kind, mapped, token)))
    const body = kind === 'User' ? createUserBody('rfc', a!) : createGroupBody('rfc', a!)
    for (const address of addresses(body)) expect(address).toMatch(MAILBOX)
    if (a!['externalId'] !== undefined) expect(a!['externalId']).not.toEqual(b!['externalId'])
    expect(typeViolations(kind, body)).toEqual([])
  })

  const dialects: Dialect[] = name === 'entra' ? ['entra', 'entra-flag'] : ['rfc']
  describe.each(dialects.flatMap((dialect) => (['User', 'Group'] as ResourceKind[]).map((kind) => [`${dialect} ${kind}`, { kind, dialect, attributes: kind === 'User' ? profile.user : profile.group } as PatchSpace] as const)))('PATCH generators, %s', (_, space) => {
    it('the base resource: Mailboxes, a run-unique externalId, of the declared types', () => {
      const [a, b] = [materialise(baseResource(space), bindings('scimconf-p-a')), materialise(baseResource(space), bindings('scimconf-p-b'))]
      for (const address of addresses(a)) expect(address).toMatch(MAILBOX)
      if (a['externalId'] !== undefined) expect(a['externalId']).not.toEqual(b['externalId'])
      expect(typeViolations(space.kind, a as Record<string, JsonValue>)).toEqual([])
    })

    it('operation values: Mailboxes, and an externalId unique to the resource', () => {
      const requests = fc.sample(validPatchArbitrary(space), { seed: 3, numRuns: 80 }).map((c) => materialise(c.request, bindings('scimconf-p-a')))
      for (const op of requests.flatMap((r) => r.Operations)) {
        const value = op.value as JsonValue | undefined
        const under = typeof op.path === 'string' && /^emails/i.test(op.path) && !NOT_AN_ADDRESS.test(op.path)
        for (const address of addresses(value, under)) expect(address).toMatch(MAILBOX)
        const externalIds = op.path === 'externalId' && value !== undefined ? [value] : isObject(value) && value['externalId'] !== undefined ? [value['externalId']] : []
        for (const id of externalIds) expect(String(id)).toContain('scimconf-p-a')
      }
    })
  })
})
