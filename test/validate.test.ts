import { describe, expect, it } from 'vitest'
import { validate } from '../src/validate.ts'
import type { Violation } from '../src/validate.ts'
import { responseKinds, type ResponseKind } from '../src/response-kinds.ts'

// RFC 7643 section 8 and RFC 7644 examples, as data. Values follow the RFC; long
// strings (certificates, descriptions) are shortened where their content is irrelevant.

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const BJENSEN = '2819c223-7f76-453a-919d-413861904646'

/** RFC 7643 section 8.1, minimal User. */
const minimalUser = {
  schemas: [USER],
  id: BJENSEN,
  userName: 'Bjensen',
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff590"',
    location: `https://example.com/v2/Users/${BJENSEN}`,
  },
}

/**
 * RFC 7643 section 8.2, full User, without its "password": the RFC shows the full
 * representation a client could send; password has returned "never" and is checked below.
 */
const fullUser = {
  schemas: [USER],
  id: BJENSEN,
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane', honorificPrefix: 'Ms.', honorificSuffix: 'III' },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://login.example.com/bjensen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA', formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA', primary: true },
    { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA', formatted: '456 Hollywood Blvd\nHollywood, CA 91608 USA' },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  photos: [
    { value: 'https://photos.example.com/profilephoto/72930000000Ccne/F', type: 'photo' },
    { value: 'https://photos.example.com/profilephoto/72930000000Ccne/T', type: 'thumbnail' },
  ],
  userType: 'Employee',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  groups: [
    { value: 'e9e30dba-f08f-4109-8486-d5c6a331660a', $ref: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a', display: 'Tour Guides' },
    { value: 'fc348aa8-3835-40eb-a20b-c726e15c55b5', $ref: 'https://example.com/v2/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5', display: 'Employees' },
    { value: '71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7', $ref: 'https://example.com/v2/Groups/71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7', display: 'US Employees' },
  ],
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"a330bc54f0671c9"',
    location: `https://example.com/v2/Users/${BJENSEN}`,
  },
}

/** RFC 7643 section 8.3, enterprise User (core part shortened to what the example adds). */
const enterpriseUser = {
  ...fullUser,
  schemas: [USER, ENTERPRISE],
  [ENTERPRISE]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
  },
}

/** RFC 7643 section 8.4, Group. */
const group = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [
    { value: BJENSEN, $ref: `https://example.com/v2/Users/${BJENSEN}`, display: 'Babs Jensen' },
    { value: '902c246b-6245-4190-8e05-00816be7344a', $ref: 'https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a', display: 'Mandy Pepperidge' },
  ],
  meta: {
    resourceType: 'Group',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff592"',
    location: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a',
  },
}

/** RFC 7643 section 8.5, ServiceProviderConfig. */
const serviceProviderConfig = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  documentationUri: 'http://example.com/help/scim.html',
  patch: { supported: true },
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: true },
  sort: { supported: true },
  etag: { supported: true },
  authenticationSchemes: [
    { name: 'OAuth Bearer Token', description: 'Authentication scheme using the OAuth Bearer Token Standard', specUri: 'http://www.rfc-editor.org/info/rfc6750', documentationUri: 'http://example.com/help/oauth.html', type: 'oauthbearertoken', primary: true },
    { name: 'HTTP Basic', description: 'Authentication scheme using the HTTP Basic Standard', specUri: 'http://www.rfc-editor.org/info/rfc2617', documentationUri: 'http://example.com/help/httpBasic.html', type: 'httpbasic' },
  ],
  meta: { location: 'https://example.com/v2/ServiceProviderConfig', resourceType: 'ServiceProviderConfig', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', version: 'W/"3694e05e9dff594"' },
}

/** RFC 7643 section 8.6, ResourceTypes. */
const resourceTypes = [
  { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'User', name: 'User', endpoint: '/Users', description: 'User Account', schema: USER, schemaExtensions: [{ schema: ENTERPRISE, required: true }], meta: { location: 'https://example.com/v2/ResourceTypes/User', resourceType: 'ResourceType' } },
  { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'Group', name: 'Group', endpoint: '/Groups', description: 'Group', schema: 'urn:ietf:params:scim:schemas:core:2.0:Group', meta: { location: 'https://example.com/v2/ResourceTypes/Group', resourceType: 'ResourceType' } },
]

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'

function listOf(resources: unknown[]): Record<string, unknown> {
  return { schemas: [LIST], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources }
}

function without<T extends object>(value: T, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  delete copy[key]
  return copy
}

const rfcExamples: ReadonlyArray<[string, ResponseKind, unknown]> = [
  ['RFC 7643 8.1 minimal User', 'User', minimalUser],
  ['RFC 7643 8.2 full User', 'User', fullUser],
  ['RFC 7643 8.3 enterprise User', 'User', enterpriseUser],
  ['RFC 7643 8.4 Group', 'Group', group],
  ['RFC 7643 8.5 ServiceProviderConfig', 'ServiceProviderConfig', serviceProviderConfig],
  ['RFC 7643 8.6 ResourceType User', 'ResourceType', resourceTypes[0]],
  ['RFC 7643 8.6 ResourceTypes as a list', 'ListResponse<ResourceType>', listOf(resourceTypes)],
  ['RFC 7644 3.4.2 ListResponse of Users', 'ListResponse<User>', listOf([minimalUser, fullUser, enterpriseUser])],
  ['RFC 7644 3.4.2 ListResponse of Groups', 'ListResponse<Group>', listOf([group])],
  ['RFC 7644 3.4.2 empty ListResponse', 'ListResponse<User>', { schemas: [LIST], totalResults: 0, Resources: [] }],
  ['RFC 7644 3.4.2 empty ListResponse without Resources', 'ListResponse<User>', { schemas: [LIST], totalResults: 0 }],
  ['RFC 7644 3.4.2.4 count=0', 'ListResponse<User>', { schemas: [LIST], totalResults: 12, itemsPerPage: 0, startIndex: 1 }],
  ['RFC 7644 3.12 Error', 'Error', { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], scimType: 'mutability', detail: 'Attribute \'id\' is readOnly', status: '400' }],
  ['RFC 7644 3.12 Error without scimType', 'Error', { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: 'Resource 2819c223-7f76-453a-919d-413861904646 not found', status: '404' }],
  ['RFC 7644 3.5.2 PatchOp', 'PatchOp', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [
      { op: 'add', path: 'members', value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BJENSEN}`, value: BJENSEN }] },
      { op: 'remove', path: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]' },
      { op: 'replace', value: { emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }], nickName: 'Babs' } },
      { op: 'Replace', path: 'active', value: 'False' },
    ],
  }],
  ['RFC 7644 3.7 BulkRequest', 'BulkRequest', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
    failOnErrors: 1,
    Operations: [
      { method: 'POST', path: '/Users', bulkId: 'qwerty', data: { schemas: [USER], userName: 'Alice' } },
      { method: 'PUT', path: '/Users/b7c14771-226c-4d05-8860-134711653041', version: 'W/"3694e05e9dff591"', data: { schemas: [USER], id: 'b7c14771-226c-4d05-8860-134711653041', userName: 'Bob' } },
      { method: 'DELETE', path: '/Users/e9025315-6bea-44e1-899c-1e07454e468b', version: 'W/"0ee8add0a938e1a"' },
    ],
  }],
  ['RFC 7644 3.7 BulkResponse', 'BulkResponse', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
    Operations: [
      { location: 'https://example.com/v2/Users/92b725cd-9465-4e7d-8c16-01f8e146b87a', method: 'POST', bulkId: 'qwerty', version: 'W/"4weymrEsh5O6cAEK"', status: '201' },
      { method: 'POST', bulkId: 'ytrewq', status: '400', response: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], scimType: 'invalidSyntax', detail: 'Request is unparsable', status: '400' } },
      { location: 'https://example.com/v2/Users/e9025315-6bea-44e1-899c-1e07454e468b', method: 'DELETE', status: '204' },
    ],
  }],
]

function pointers(violations: readonly Violation[]): string[] {
  return violations.map((v) => v.pointer)
}

describe('RFC examples produce no violation', () => {
  it.each(rfcExamples)('%s', (_name, kind, body) => {
    expect(validate(kind, body)).toEqual([])
  })

  it('every kind has at least one RFC example', () => {
    const covered = new Set(rfcExamples.map(([, kind]) => kind))
    const missing = (Object.keys(responseKinds) as ResponseKind[]).filter((k) => !covered.has(k) && k !== 'Schema' && k !== 'ListResponse<Schema>')
    expect(missing).toEqual([])
  })
})

describe('shape defects named in issue 3 are caught with their pointer', () => {
  it('active as the string "true"', () => {
    const violations = validate('User', { ...fullUser, active: 'true' })
    expect(violations).toEqual([{ pointer: '/active', rule: 'RFC7643 4.1.1 active is boolean', message: 'must be boolean, got "true"' }])
  })

  it('emails as an object instead of an array', () => {
    const violations = validate('User', { ...fullUser, emails: { value: 'bjensen@example.com', type: 'work' } })
    expect(pointers(violations)).toEqual(['/emails'])
    expect(violations[0]?.rule).toBe('RFC7643 4.1.2 emails is an array')
  })

  it.each(['id', 'schemas', 'meta'])('missing %s', (key) => {
    const violations = validate('User', without(minimalUser, key))
    expect(pointers(violations)).toEqual([`/${key}`])
    expect(violations[0]?.rule).toMatch(/^RFC7643 3(\.1)? \w+ is present$/)
  })

  it.each(['id', 'schemas', 'meta'])('missing %s on a Group', (key) => {
    expect(pointers(validate('Group', without(group, key)))).toEqual([`/${key}`])
  })

  it('password present (returned "never"), as the RFC 8.2 example shows it', () => {
    const violations = validate('User', { ...fullUser, password: 't1meMa$heen' })
    expect(violations).toHaveLength(1)
    expect(violations[0]).toMatchObject({ pointer: '/password', rule: 'RFC7643 4.1.1 password is never returned' })
  })

  it('ListResponse without totalResults', () => {
    const violations = validate('ListResponse<User>', without(listOf([minimalUser]), 'totalResults'))
    expect(violations).toEqual([{ pointer: '/totalResults', rule: 'RFC7644 3.4.2 totalResults is present', message: 'required attribute "totalResults" is missing' }])
  })

  it('defects inside a ListResponse point into Resources', () => {
    const violations = validate('ListResponse<User>', listOf([minimalUser, { ...minimalUser, active: 'true' }, without(minimalUser, 'id')]))
    expect(pointers(violations).sort()).toEqual(['/Resources/1/active', '/Resources/2/id'])
  })
})

describe('other shape rules', () => {
  it.each<[string, ResponseKind, unknown, string]>([
    ['name as a string', 'User', { ...minimalUser, name: 'Barbara Jensen' }, '/name'],
    ['a multi-valued sub-attribute of the wrong type', 'User', { ...minimalUser, emails: [{ value: 'a@b.c', primary: 'true' }] }, '/emails/0/primary'],
    ['meta.created not a dateTime', 'User', { ...minimalUser, meta: { ...minimalUser.meta, created: '23/01/2010' } }, '/meta/created'],
    ['an extension URN key that is not an object', 'User', { ...minimalUser, [ENTERPRISE]: 'x' }, `/${ENTERPRISE}`],
    ['enterprise manager as a string', 'User', { ...minimalUser, [ENTERPRISE]: { manager: 'John Smith' } }, `/${ENTERPRISE}/manager`],
    ['unknown extension URN key that is not an object', 'User', { ...minimalUser, 'urn:example:ext': [1] }, '/urn:example:ext'],
    ['Group members as an object', 'Group', { ...group, members: { value: BJENSEN } }, '/members'],
    ['totalResults as a string', 'ListResponse<User>', { ...listOf([]), totalResults: '0' }, '/totalResults'],
    ['Resources missing while totalResults is 2', 'ListResponse<Group>', { schemas: [LIST], totalResults: 2 }, '/Resources'],
    ['ListResponse URN missing from schemas', 'ListResponse<User>', { ...listOf([]), schemas: [USER] }, '/schemas'],
    ['Error status as a number', 'Error', { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: 404 }, '/status'],
    ['Error with an unknown scimType', 'Error', { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'badRequest' }, '/scimType'],
    ['PatchOp remove without path', 'PatchOp', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'remove' }] }, '/Operations/0/path'],
    ['PatchOp with an unknown op', 'PatchOp', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'move', path: 'a', value: 1 }] }, '/Operations/0/op'],
    ['PatchOp add without path and a non-object value', 'PatchOp', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', value: 'x' }] }, '/Operations/0/value'],
    ['ServiceProviderConfig without etag', 'ServiceProviderConfig', without(serviceProviderConfig, 'etag'), '/etag'],
    ['ServiceProviderConfig filter.supported as a string', 'ServiceProviderConfig', { ...serviceProviderConfig, filter: { supported: 'true', maxResults: 200 } }, '/filter/supported'],
    ['ResourceType without endpoint', 'ResourceType', without(resourceTypes[0] ?? {}, 'endpoint'), '/endpoint'],
    ['BulkRequest POST without bulkId', 'BulkRequest', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [{ method: 'POST', path: '/Users', data: {} }] }, '/Operations/0/bulkId'],
    ['BulkResponse successful PUT without location', 'BulkResponse', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'], Operations: [{ method: 'PUT', status: '200' }] }, '/Operations/0/location'],
    ['Schema attribute type not camel-cased', 'Schema', { id: USER, attributes: [{ name: 'x', type: 'DateTime', multiValued: false }] }, '/attributes/0/type'],
  ])('%s', (_name, kind, body, pointer) => {
    const violations = validate(kind, body)
    expect(pointers(violations)).toContain(pointer)
    for (const v of violations) expect(v.rule).toMatch(/^RFC764[34] /)
  })

  it('a body that is not an object', () => {
    expect(validate('User', 'nope')).toEqual([expect.objectContaining({ pointer: '', rule: 'RFC7643 4.1 User is an object' })])
  })

  it('accepts an xsd:dateTime without a time zone (RFC 7643 2.3.5), rejects an impossible month', () => {
    expect(validate('User', { ...minimalUser, meta: { ...minimalUser.meta, created: '2011-05-13T04:42:34' } })).toEqual([])
    expect(pointers(validate('User', { ...minimalUser, meta: { ...minimalUser.meta, created: '2011-13-13T04:42:34Z' } }))).toEqual(['/meta/created'])
  })
})
