// The PATCH oracle against RFC 7644 section 3.5.2: every PATCH example of sections
// 3.5.2.1-3.5.2.3 as a data table (resource before, operations, resource after), in
// both dialects; then every shape Entra sends (as Microsoft
// documents it); then each error case with its scimType and the input left unchanged.

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

interface EntraCase {
  readonly name: string
  readonly source: string
  readonly kind: 'User' | 'Group'
  readonly before: ScimResource
  readonly operations: PatchOperation[]
  readonly after: ScimResource
  /** What the rfc dialect answers: the same resource, or the error a strict server sends. */
  readonly rfc: 'same' | ScimType | { readonly after: ScimResource }
}

const manager = (id: string): ScimResource => user({ schemas: [SCHEMA_URN.user, ENTERPRISE], [ENTERPRISE]: { manager: { value: id } } })
const MANAGER_PATH = `${ENTERPRISE}:manager`

const entraCases: readonly EntraCase[] = [
  {
    name: 'disable: Replace active "False"',
    source: '1.2.5, 3.3 row 1',
    kind: 'User',
    before: user(),
    operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    after: user({ active: false }),
    rfc: 'invalidSyntax',
  },
  {
    name: 're-enable: Replace active "True"',
    source: '1.2.5',
    kind: 'User',
    before: user({ active: false }),
    operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    after: user({ active: true }),
    rfc: 'invalidSyntax',
  },
  {
    name: 'string boolean in any case with a lowercase op',
    source: '3.4 item 2',
    kind: 'User',
    before: user(),
    operations: [{ op: 'replace', path: 'active', value: 'fAlSe' }],
    after: user({ active: false }),
    rfc: 'invalidValue',
  },
  {
    name: 'aadOptscim062020 disable: replace active false',
    source: '3.3 row 1',
    kind: 'User',
    before: user(),
    operations: [{ op: 'replace', path: 'active', value: false }],
    after: user({ active: false }),
    rfc: 'same',
  },
  {
    name: 'Replace emails[type eq "work"].value and name.familyName, other emails kept',
    source: '1.2.4',
    kind: 'User',
    before: user({ emails: [workEmail, homeEmail] }),
    operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ],
    after: user({ emails: [{ ...workEmail, value: 'updatedEmail@microsoft.com' }, homeEmail], name: { familyName: 'updatedFamilyName', givenName: 'Barbara' } }),
    rfc: 'invalidSyntax',
  },
  {
    name: 'Add nickName when the target has none',
    source: '1.2.4, 3.3 row 2',
    kind: 'User',
    before: user(),
    operations: [{ op: 'Add', path: 'nickName', value: 'Babs' }],
    after: user({ nickName: 'Babs' }),
    rfc: 'invalidSyntax',
  },
  {
    name: 'add on emails[type eq "work"].value with no work email creates {type, value}',
    source: '1.2.4, 3.4 item 7',
    kind: 'User',
    before: user({ emails: [homeEmail] }),
    operations: [{ op: 'add', path: 'emails[type eq "work"].value', value: 'something@outlook.com' }],
    after: user({ emails: [homeEmail, { type: 'work', value: 'something@outlook.com' }] }),
    rfc: 'same',
  },
  {
    name: 'Replace on emails[type eq "work"].value with no work email creates it too',
    source: '1.2.4, 3.3 row 3',
    kind: 'User',
    before: user(),
    operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' }],
    after: user({ emails: [{ type: 'work', value: 'TestMhvaes@test.microsoft.com' }] }),
    rfc: 'noTarget',
  },
  {
    name: 'sibling sub-attributes of addresses[type eq "work"] in separate ops merge into one address',
    source: '1.2.4, 3.4 item 8',
    kind: 'User',
    before: user(),
    operations: [
      { op: 'add', path: 'addresses[type eq "work"].formatted', value: '18/2111' },
      { op: 'add', path: 'addresses[type eq "work"].locality', value: 'Redmond' },
      { op: 'add', path: 'addresses[type eq "work"].region', value: 'WA' },
    ],
    after: user({ addresses: [{ type: 'work', formatted: '18/2111', locality: 'Redmond', region: 'WA' }] }),
    rfc: 'same',
  },
  {
    name: 'primary as a string: emails[type eq "work"].primary "true" takes primary from the others',
    source: '1.2.4, 3.4 item 2',
    kind: 'User',
    before: user({ emails: [{ value: 'bjensen@example.com', type: 'work' }, { ...homeEmail, primary: true }] }),
    operations: [{ op: 'Add', path: 'emails[type eq "work"].primary', value: 'true' }],
    after: user({ emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }, { ...homeEmail, primary: false }] }),
    rfc: 'invalidSyntax',
  },
  {
    name: 'aadOptscim062020 path-less replace with flattened and URN-qualified keys',
    source: '2.6, 3.3 row 3',
    kind: 'User',
    before: user(),
    operations: [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'someone@contoso.com' },
      { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
      {
        op: 'replace',
        value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', [`${ENTERPRISE}:employeeNumber`]: 'Aklq' },
      },
      { op: 'replace', value: { active: false, userName: 'someone' } },
    ],
    after: user({
      schemas: [SCHEMA_URN.user, ENTERPRISE],
      userName: 'someone',
      active: false,
      displayName: 'Bjfe',
      name: { familyName: 'Unua', givenName: 'Kkom' },
      emails: [{ type: 'work', value: 'someone@contoso.com', primary: true }],
      [ENTERPRISE]: { employeeNumber: 'Aklq' },
    }),
    rfc: 'noTarget',
  },
  {
    name: 'path-less add with the extension URN as a key holding an object',
    source: '2.6',
    kind: 'User',
    before: user(),
    operations: [{ op: 'add', value: { [ENTERPRISE]: { department: 'Retail', manager: { value: MANDY } } } }],
    after: user({ schemas: [SCHEMA_URN.user, ENTERPRISE], [ENTERPRISE]: { department: 'Retail', manager: { value: MANDY } } }),
    rfc: 'same',
  },
  {
    name: 'Add a URN-qualified department next to Replace ops',
    source: '1.2.4 (mixed request)',
    kind: 'User',
    before: user({ emails: [workEmail], addresses: [workAddress] }),
    operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'AdeleV2@contoso.com' },
      { op: 'Replace', path: 'addresses[type eq "work"].formatted', value: '18/2111' },
      { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Retail' },
    ],
    after: user({
      schemas: [SCHEMA_URN.user, ENTERPRISE],
      emails: [{ ...workEmail, value: 'AdeleV2@contoso.com' }],
      addresses: [{ ...workAddress, formatted: '18/2111' }],
      [ENTERPRISE]: { department: 'Retail' },
    }),
    rfc: 'invalidSyntax',
  },
  {
    name: 'manager set as a bare id string is stored as {"value": id}',
    source: '1.2.6, 3.4 item 4',
    kind: 'User',
    before: user(),
    operations: [{ op: 'Add', path: MANAGER_PATH, value: MANDY }],
    after: manager(MANDY),
    rfc: 'invalidSyntax',
  },
  {
    name: 'manager replaced with another bare id',
    source: '1.2.6',
    kind: 'User',
    before: manager(MANDY),
    operations: [{ op: 'replace', path: MANAGER_PATH, value: JAMES }],
    after: manager(JAMES),
    rfc: 'invalidValue',
  },
  {
    name: 'manager cleared with ""',
    source: '1.2.6, 3.4 item 5',
    kind: 'User',
    before: manager(MANDY),
    operations: [{ op: 'replace', path: MANAGER_PATH, value: '' }],
    after: user(),
    rfc: 'invalidValue',
  },
  {
    name: 'legacy manager shape: unqualified path, value in a one-element array',
    source: '1.2.6 (legacy doc shapes)',
    kind: 'User',
    before: user(),
    operations: [{ op: 'Add', path: 'manager', value: [{ $ref: `https://example.com/v2/Users/${MANDY}`, value: MANDY }] }],
    after: user({ schemas: [SCHEMA_URN.user, ENTERPRISE], [ENTERPRISE]: { manager: { value: MANDY, $ref: `https://example.com/v2/Users/${MANDY}` } } }),
    rfc: 'invalidSyntax',
  },
  {
    name: 'legacy manager shape with a lowercase op: the rfc dialect knows no core "manager"',
    source: '1.2.6 (legacy doc shapes)',
    kind: 'User',
    before: user(),
    operations: [{ op: 'add', path: 'manager', value: [{ value: MANDY }] }],
    after: manager(MANDY),
    rfc: 'invalidPath',
  },
  {
    name: 'manager removed by its path',
    source: '1.2.6',
    kind: 'User',
    before: manager(MANDY),
    operations: [{ op: 'Remove', path: MANAGER_PATH }],
    after: user(),
    rfc: 'invalidSyntax',
  },
  {
    name: 'manager removed by a value filter',
    source: '1.2.6, 3.4 item 5',
    kind: 'User',
    before: manager(MANDY),
    operations: [{ op: 'remove', path: `${MANAGER_PATH}[value eq "${MANDY}"]` }],
    after: user(),
    rfc: 'same',
  },
  {
    name: 'group member added with "$ref": null',
    source: '1.3',
    kind: 'Group',
    before: group([]),
    operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }],
    after: group([{ value: 'f648f8d5ea4e4cd38e9c' }]),
    rfc: 'invalidSyntax',
  },
  {
    name: 'many members added in one value array',
    source: '1.3',
    kind: 'Group',
    before: group([member(BABS, 'Babs Jensen')]),
    operations: [{ op: 'add', path: 'members', value: [{ value: MANDY }, { value: JAMES }, { value: BABS }] }],
    after: group([member(BABS, 'Babs Jensen'), { value: MANDY }, { value: JAMES }]),
    rfc: 'same',
  },
  {
    name: 'member removal with a value array removes only those members',
    source: '1.3, 3.3 row 4',
    kind: 'Group',
    before: group([member(BABS, 'Babs Jensen'), member(MANDY, 'Mandy Pepperidge'), { value: JAMES }]),
    operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: MANDY }] }],
    after: group([member(BABS, 'Babs Jensen'), { value: JAMES }]),
    rfc: 'invalidSyntax',
  },
  {
    name: 'lowercase member removal with a value array: the rfc dialect ignores the value and removes all',
    source: '1.3',
    kind: 'Group',
    before: group(),
    operations: [{ op: 'remove', path: 'members', value: [{ value: MANDY }] }],
    after: group([member(BABS, 'Babs Jensen')]),
    rfc: { after: group([]) },
  },
  {
    name: 'aadOptscim062020 member removal: members[value eq "..."]',
    source: '1.3, 3.3 row 4',
    kind: 'Group',
    before: group(),
    operations: [{ op: 'remove', path: `members[value eq "${MANDY}"]` }],
    after: group([member(BABS, 'Babs Jensen')]),
    rfc: 'same',
  },
  {
    name: 'group rename',
    source: '1.3',
    kind: 'Group',
    before: group(),
    operations: [{ op: 'Replace', path: 'displayName', value: '1879db59-updatedDisplayName' }],
    after: { ...group(), displayName: '1879db59-updatedDisplayName' },
    rfc: 'invalidSyntax',
  },
  {
    name: 'attribute names in non-canonical case (.Value, .Formatted)',
    source: '1.2.4, 3.4 item 13',
    kind: 'User',
    before: user(),
    operations: [
      { op: 'add', path: 'emails[type eq "other"].Value', value: 'other@example.com' },
      { op: 'add', path: 'addresses[type eq "other"].Formatted', value: '1 Main St' },
    ],
    after: user({ emails: [{ type: 'other', value: 'other@example.com' }], addresses: [{ type: 'other', formatted: '1 Main St' }] }),
    rfc: 'same',
  },
  {
    name: 'roles[primary eq "True"].value: "True" in the filter means true',
    source: '1.2.7, 3.4 item 9',
    kind: 'User',
    before: user({ roles: [{ value: 'User', primary: true }, { value: 'Admin', primary: false }] }),
    operations: [{ op: 'replace', path: 'roles[primary eq "True"].value', value: 'Owner' }],
    after: user({ roles: [{ value: 'Owner', primary: true }, { value: 'Admin', primary: false }] }),
    rfc: 'noTarget',
  },
]

describe('what Entra sends, as Microsoft documents it', () => {
  test.each(entraCases)('$source: $name', ({ kind, before, operations, after, rfc }) => {
    const snapshot = structuredClone(before)
    expect(okResource(run(kind, 'entra', before, operations))).toEqual(after)
    const strict = run(kind, 'rfc', before, operations)
    if (rfc === 'same') expect(okResource(strict)).toEqual(after)
    else if (typeof rfc === 'object') expect(okResource(strict)).toEqual(rfc.after)
    else expect(strict).toMatchObject({ ok: false, status: 400, scimType: rfc })
    expect(before).toEqual(snapshot)
  })
})

interface ErrorCase {
  readonly name: string
  readonly section: string
  readonly kind: 'User' | 'Group'
  readonly before: ScimResource
  readonly body?: unknown
  readonly operations?: PatchOperation[]
  readonly scimType: ScimType
  readonly dialects?: readonly PatchDialect[]
}

const errorCases: readonly ErrorCase[] = [
  { name: 'unknown op "copy"', section: '3.5.2, Table 9', kind: 'User', before: user(), operations: [{ op: 'copy', path: 'nickName', value: 'x' }], scimType: 'invalidSyntax' },
  { name: 'capitalised op in the rfc dialect', section: '3.5.2', kind: 'User', before: user(), operations: [{ op: 'Replace', path: 'nickName', value: 'x' }], scimType: 'invalidSyntax', dialects: ['rfc'] },
  { name: 'no PatchOp schema', section: '3.5.2', kind: 'User', before: user(), body: { schemas: [], Operations: [{ op: 'add', path: 'nickName', value: 'x' }] }, scimType: 'invalidSyntax' },
  { name: 'empty Operations', section: '3.5.2', kind: 'User', before: user(), body: { schemas: [SCHEMA_URN.patchOp], Operations: [] }, scimType: 'invalidSyntax' },
  { name: 'remove without a path', section: '3.5.2.2', kind: 'Group', before: group(), operations: [{ op: 'remove' }], scimType: 'noTarget' },
  { name: 'unknown attribute', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'favouriteColour', value: 'red' }], scimType: 'invalidPath' },
  { name: 'unknown sub-attribute', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'name.nickname', value: 'x' }], scimType: 'invalidPath' },
  { name: 'unknown extension URN', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'add', path: 'urn:example:params:scim:schemas:extension:Foo:2.0:User:tag', value: 'x' }], scimType: 'invalidPath' },
  { name: 'sub-attribute of a simple attribute', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'userName.value', value: 'x' }], scimType: 'invalidPath' },
  { name: 'malformed path: unclosed filter', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }], scimType: 'invalidPath' },
  { name: 'malformed path: empty', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: '', value: 'x' }], scimType: 'invalidPath' },
  { name: 'unknown key in a path-less value', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', value: { favouriteColour: 'red' } }], scimType: 'invalidPath' },
  { name: 'string for a boolean (rfc)', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'active', value: 'False' }], scimType: 'invalidValue', dialects: ['rfc'] },
  { name: 'non-boolean string for a boolean', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'active', value: 'yes' }], scimType: 'invalidValue' },
  { name: 'number for a string', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'userName', value: 42 }], scimType: 'invalidValue' },
  { name: 'string for a complex attribute', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'name', value: 'Babs' }], scimType: 'invalidValue' },
  { name: 'unknown sub-attribute inside a value', section: 'Table 9', kind: 'User', before: user(), operations: [{ op: 'add', path: 'emails', value: [{ value: 'a@example.com', colour: 'red' }] }], scimType: 'invalidValue' },
  { name: 'path-less value that is not an object', section: '3.5.2.1', kind: 'User', before: user(), operations: [{ op: 'add', value: 'Babs' }], scimType: 'invalidValue' },
  { name: 'add without a value', section: '3.5.2.1', kind: 'User', before: user(), operations: [{ op: 'add', path: 'nickName' }], scimType: 'invalidValue' },
  { name: 'replace without a value', section: '3.5.2.3', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'nickName' }], scimType: 'invalidValue' },
  { name: 'two primary values', section: 'RFC 7643 2.4', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'emails', value: [workEmail, { ...homeEmail, primary: true }] }], scimType: 'invalidValue' },
  { name: 'replace id (readOnly)', section: '3.5.2', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'id', value: 'other' }], scimType: 'mutability' },
  { name: 'replace meta.created (readOnly)', section: '3.5.2', kind: 'User', before: user(), operations: [{ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }], scimType: 'mutability' },
  { name: 'add groups on a User (readOnly)', section: '3.5.2', kind: 'User', before: user(), operations: [{ op: 'add', path: 'groups', value: [{ value: 'g1' }] }], scimType: 'mutability' },
  { name: 'path-less replace of id', section: '3.5.2', kind: 'User', before: user(), operations: [{ op: 'replace', value: { id: 'other' } }], scimType: 'mutability' },
  { name: 'remove meta (readOnly)', section: '3.5.2.2', kind: 'User', before: user(), operations: [{ op: 'remove', path: 'meta' }], scimType: 'mutability' },
  { name: 'remove userName (required)', section: '3.5.2.2', kind: 'User', before: user(), operations: [{ op: 'remove', path: 'userName' }], scimType: 'mutability' },
  { name: 'change an immutable member value', section: '3.5.2', kind: 'Group', before: group(), operations: [{ op: 'replace', path: `members[value eq "${BABS}"].value`, value: JAMES }], scimType: 'mutability' },
  { name: 'change an immutable member display', section: '3.5.2', kind: 'Group', before: group(), operations: [{ op: 'replace', path: `members[value eq "${BABS}"].display`, value: 'B. Jensen' }], scimType: 'mutability' },
  { name: 'readOnly manager.displayName in a value', section: '3.5.2', kind: 'User', before: user(), operations: [{ op: 'add', path: MANAGER_PATH, value: { value: MANDY, displayName: 'Mandy' } }], scimType: 'mutability' },
  { name: 'replace on a filter matching nothing (rfc)', section: '3.5.2.3', kind: 'User', before: user({ emails: [homeEmail] }), operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' }], scimType: 'noTarget', dialects: ['rfc'] },
  { name: 'remove on a filter matching nothing (rfc)', section: 'Table 9', kind: 'Group', before: group(), operations: [{ op: 'remove', path: `members[value eq "${JAMES}"]` }], scimType: 'noTarget', dialects: ['rfc'] },
  { name: 'add on a non-eq filter matching nothing', section: '3.5.2.1', kind: 'User', before: user(), operations: [{ op: 'add', path: 'emails[value co "example"].type', value: 'work' }], scimType: 'noTarget' },
  { name: 'ordering comparison on a boolean in a path filter', section: 'Table 9', kind: 'User', before: user({ emails: [workEmail] }), operations: [{ op: 'remove', path: 'emails[primary gt true]' }], scimType: 'invalidFilter' },
  {
    name: 'a valid operation then an invalid one: nothing applied',
    section: '3.5.2 (atomic)',
    kind: 'User',
    before: user(),
    operations: [
      { op: 'replace', path: 'nickName', value: 'Babs' },
      { op: 'replace', path: 'id', value: 'other' },
    ],
    scimType: 'mutability',
  },
]

describe('errors: 400 with the scimType of RFC 7644 section 3.12, input unchanged', () => {
  const rows = errorCases.flatMap((row) => (row.dialects ?? DIALECTS).map((dialect) => ({ ...row, dialect })))
  test.each(rows)('$section $name ($dialect)', ({ kind, before, body, operations, scimType, dialect }) => {
    const snapshot = structuredClone(before)
    const patchBody = (body ?? request(operations ?? [])) as ReturnType<typeof request>
    const result = applyPatch(before, patchBody, context(kind, dialect))
    expect(result).toMatchObject({ ok: false, status: 400, scimType })
    expect(result.ok ? '' : result.detail).not.toBe('')
    expect(before).toEqual(snapshot)
  })
})

describe('contract', () => {
  test('the result is a new object; the input is never mutated, even on success', () => {
    const before = user({ emails: [workEmail] })
    const snapshot = structuredClone(before)
    const after = okResource(run('User', 'rfc', before, [{ op: 'add', path: 'emails', value: [homeEmail] }]))
    expect(before).toEqual(snapshot)
    expect(after.emails).not.toBe(before.emails)
  })

  test.each(DIALECTS)('adding a value already there changes nothing (%s)', (dialect) => {
    const result = run('Group', dialect, group(), [{ op: 'add', path: 'members', value: [{ value: BABS }] }])
    expect(result).toMatchObject({ ok: true, changed: false, resource: group() })
  })

  test('removing an absent member succeeds unchanged in the entra dialect', () => {
    const result = run('Group', 'entra', group(), [{ op: 'Remove', path: `members[value eq "${JAMES}"]` }])
    expect(result).toMatchObject({ ok: true, changed: false, resource: group() })
  })

  test('an existing key keeps its spelling; a new key takes the schema name', () => {
    const before = user({ NickName: 'Barbie' })
    const after = okResource(run('User', 'entra', before, [{ op: 'replace', value: { nickname: 'Babs', TITLE: 'Tour Guide' } }]))
    expect(after).toEqual(user({ NickName: 'Babs', title: 'Tour Guide' }))
  })

  test('adding a primary value makes the former primary false', () => {
    const before = user({ emails: [workEmail] })
    const after = okResource(run('User', 'rfc', before, [{ op: 'add', path: 'emails', value: [{ ...homeEmail, primary: true }] }]))
    expect(after.emails).toEqual([{ ...workEmail, primary: false }, { ...homeEmail, primary: true }])
  })

  test('removing the last extension attribute drops the extension and its URN from schemas', () => {
    const before = user({ schemas: [SCHEMA_URN.user, ENTERPRISE], [ENTERPRISE]: { department: 'Retail' } })
    const after = okResource(run('User', 'rfc', before, [{ op: 'remove', path: `${ENTERPRISE}:department` }]))
    expect(after).toEqual(user())
  })

  test('operations apply in order: each sees the result of the one before', () => {
    const after = okResource(
      run('User', 'rfc', user(), [
        { op: 'add', path: 'emails', value: [{ value: 'a@example.com', type: 'work' }] },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'b@example.com' },
        { op: 'remove', path: 'name.givenName' },
        { op: 'remove', path: 'name.familyName' },
      ]),
    )
    expect(after.emails).toEqual([{ value: 'b@example.com', type: 'work' }])
    expect(after).not.toHaveProperty('name')
  })
})
