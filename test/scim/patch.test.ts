// The PATCH oracle against RFC 7644 section 3.5.2: every PATCH example of sections
// 3.5.2.1-3.5.2.3 as a data table (resource before, operations, resource after), in
// both dialects; then every shape Entra sends (entra-provisioning.md 1.2.4-1.3,
// 3.3, 3.4); then each error case with its scimType and the input left unchanged.

import { describe, expect, test } from 'vitest'
import { applyPatch } from '../../src/scim/patch/apply.ts'
import type { PatchContext, PatchDialect, PatchResult } from '../../src/scim/patch/apply.ts'
import { coreSchemas } from '../../src/scim/core-schemas.ts'
import { SCHEMA_URN } from '../../src/scim/schema-model.ts'
import type { JsonValue, PatchOperation, ScimResource, ScimType } from '../../src/scim/types.ts'

const ENTERPRISE = SCHEMA_URN.enterpriseUser
const BABS = '2819c223-7f76-453a-919d-413861904646'
const MANDY = '902c246b-6245-4190-8e05-00816be7344a'
const JAMES = '08e1d05d-121c-4561-8b96-473d93df9210'
const DIALECTS: readonly PatchDialect[] = ['rfc', 'entra']

function context(kind: 'User' | 'Group', dialect: PatchDialect): PatchContext {
  return { schemas: coreSchemas, coreSchemaId: kind === 'User' ? SCHEMA_URN.user : SCHEMA_URN.group, dialect }
}

function request(operations: PatchOperation[]) {
  return { schemas: [SCHEMA_URN.patchOp], Operations: operations }
}

function run(kind: 'User' | 'Group', dialect: PatchDialect, before: ScimResource, operations: PatchOperation[]): PatchResult {
  return applyPatch(before, request(operations), context(kind, dialect))
}

function okResource(result: PatchResult): ScimResource {
  if (!result.ok) throw new Error(`expected success, got ${result.scimType}: ${result.detail}`)
  return result.resource
}

function member(id: string, display: string): { value: string; $ref: string; display: string } {
  return { value: id, $ref: `https://example.com/v2/Users/${id}`, display }
}

const meta = {
  resourceType: 'User',
  created: '2010-01-23T04:56:22Z',
  lastModified: '2011-05-13T04:42:34Z',
  version: 'W/"3694e05e9dff591"',
  location: `https://example.com/v2/Users/${BABS}`,
}

function user(extra: Record<string, JsonValue> = {}): ScimResource {
  return {
    schemas: [SCHEMA_URN.user],
    id: BABS,
    externalId: 'bjensen',
    userName: 'bjensen',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    active: true,
    meta,
    ...extra,
  }
}

function group(members: JsonValue[] = [member(BABS, 'Babs Jensen'), member(MANDY, 'Mandy Pepperidge')]): ScimResource {
  const body: ScimResource = { schemas: [SCHEMA_URN.group], id: 'acbf3ae7-8463-4692-b4fd-9b4da3f908ce', displayName: 'Tour Guides' }
  return members.length === 0 ? body : { ...body, members }
}

const workEmail = { value: 'bjensen@example.com', type: 'work', primary: true }
const homeEmail = { value: 'babs@jensen.org', type: 'home' }
const workAddress = {
  type: 'work',
  streetAddress: '100 Universal City Plaza',
  locality: 'Hollywood',
  region: 'CA',
  postalCode: '91608',
  country: 'USA',
}
const homeAddress = { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA' }
const newWorkAddress = {
  type: 'work',
  streetAddress: '911 Universal City Plaza',
  locality: 'Hollywood',
  region: 'CA',
  postalCode: '91608',
  country: 'US',
  formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
  primary: true,
}

interface Example {
  readonly name: string
  readonly section: string
  readonly kind: 'User' | 'Group'
  readonly before: ScimResource
  readonly operations: PatchOperation[]
  readonly after: ScimResource
}

const rfcExamples: readonly Example[] = [
  {
    name: 'add a member to a group',
    section: '3.5.2.1',
    kind: 'Group',
    before: group([member(MANDY, 'Mandy Pepperidge')]),
    operations: [{ op: 'add', path: 'members', value: [member(BABS, 'Babs Jensen')] }],
    after: group([member(MANDY, 'Mandy Pepperidge'), member(BABS, 'Babs Jensen')]),
  },
  {
    name: 'add without a path: a value appended to emails, "nickname" set',
    section: '3.5.2.1',
    kind: 'User',
    before: user({ emails: [workEmail] }),
    operations: [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }],
    after: user({ emails: [workEmail, homeEmail], nickName: 'Babs' }),
  },
  {
    name: 'add without a path replaces an existing single-valued "nickname"',
    section: '3.5.2.1',
    kind: 'User',
    before: user({ emails: [workEmail], nickName: 'Barbie' }),
    operations: [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }],
    after: user({ emails: [workEmail, homeEmail], nickName: 'Babs' }),
  },
  {
    name: 'remove a single member',
    section: '3.5.2.2',
    kind: 'Group',
    before: group(),
    operations: [{ op: 'remove', path: `members[value eq "${BABS}"]` }],
    after: group([member(MANDY, 'Mandy Pepperidge')]),
  },
  {
    name: 'remove all members',
    section: '3.5.2.2',
    kind: 'Group',
    before: group(),
    operations: [{ op: 'remove', path: 'members' }],
    after: group([]),
  },
  {
    name: 'remove values of a multi-valued attribute selected by a filter',
    section: '3.5.2.2',
    kind: 'User',
    before: user({ emails: [workEmail, homeEmail] }),
    operations: [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
    after: user({ emails: [homeEmail] }),
  },
  {
    name: 'remove all members, then add a new member list',
    section: '3.5.2.2',
    kind: 'Group',
    before: group(),
    operations: [
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [member(BABS, 'Babs Jensen'), member(JAMES, 'James Smith')] },
    ],
    after: group([member(BABS, 'Babs Jensen'), member(JAMES, 'James Smith')]),
  },
  {
    name: 'replace all members',
    section: '3.5.2.3',
    kind: 'Group',
    before: group([member(MANDY, 'Mandy Pepperidge')]),
    operations: [{ op: 'replace', path: 'members', value: [member(BABS, 'Babs Jensen'), member(JAMES, 'James Smith')] }],
    after: group([member(BABS, 'Babs Jensen'), member(JAMES, 'James Smith')]),
  },
  {
    name: "replace a user's work address (value filter)",
    section: '3.5.2.3',
    kind: 'User',
    before: user({ addresses: [workAddress, homeAddress] }),
    operations: [{ op: 'replace', path: 'addresses[type eq "work"]', value: newWorkAddress }],
    after: user({ addresses: [newWorkAddress, homeAddress] }),
  },
  {
    name: 'replace one sub-attribute of the work address',
    section: '3.5.2.3',
    kind: 'User',
    before: user({ addresses: [workAddress, homeAddress] }),
    operations: [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }],
    after: user({ addresses: [{ ...workAddress, streetAddress: '1010 Broadway Ave' }, homeAddress] }),
  },
  {
    name: 'replace without a path: emails replaced whole, "nickname" set',
    section: '3.5.2.3',
    kind: 'User',
    before: user({ emails: [{ value: 'old@example.com', type: 'work', primary: true }] }),
    operations: [
      {
        op: 'replace',
        value: { emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }, { value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' },
      },
    ],
    after: user({ emails: [workEmail, homeEmail], nickName: 'Babs' }),
  },
  {
    name: 'replace a sub-attribute of a complex attribute (name.familyName)',
    section: '3.5.2',
    kind: 'User',
    before: user(),
    operations: [{ op: 'replace', path: 'name.familyName', value: 'Jensen-Smith' }],
    after: user({ name: { familyName: 'Jensen-Smith', givenName: 'Barbara' } }),
  },
  {
    name: 'replace a complex attribute: sub-attributes not given are left unchanged',
    section: '3.5.2.3',
    kind: 'User',
    before: user(),
    operations: [{ op: 'replace', path: 'name', value: { givenName: 'Babs', middleName: 'Jane' } }],
    after: user({ name: { familyName: 'Jensen', givenName: 'Babs', middleName: 'Jane' } }),
  },
]

describe('RFC 7644 section 3.5.2 examples', () => {
  for (const dialect of DIALECTS) {
    describe(`${dialect} dialect`, () => {
      test.each(rfcExamples)('$section $name', ({ kind, before, operations, after }) => {
        const snapshot = structuredClone(before)
        const result = run(kind, dialect, before, operations)
        expect(okResource(result)).toEqual(after)
        expect(result.ok && result.changed).toBe(true)
        expect(before).toEqual(snapshot)
      })
    })
  }
})
