import { describe, expect, it } from 'vitest'
import { checkContentType, checkResourceRules, isXsdDateTime } from '../src/kit/response-rules.ts'

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const ID = '2819c223-7f76-453a-919d-413861904646'
const endpointUrl = 'https://example.com/v2/Users'

/** RFC 7643 section 8.1. */
const user = {
  schemas: [USER],
  id: ID,
  userName: 'Bjensen',
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', version: 'W/"3694e05e9dff590"', location: `https://example.com/v2/Users/${ID}` },
}

const group = {
  schemas: [GROUP],
  id: 'e9e30dba',
  displayName: 'Tour Guides',
  meta: { resourceType: 'Group', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', location: 'https://example.com/v2/Groups/e9e30dba' },
}

function rules(kind: 'User' | 'Group', body: unknown, context = { endpointUrl }): string[] {
  return checkResourceRules(kind, body, context).map((v) => `${v.pointer} ${v.rule}`)
}

describe('checkResourceRules', () => {
  it('passes the RFC 7643 8.1 User and a consistent Group', () => {
    expect(checkResourceRules('User', user, { endpointUrl, expectedId: ID })).toEqual([])
    expect(checkResourceRules('Group', group, { endpointUrl: 'https://example.com/v2/Groups/' })).toEqual([])
  })

  it('accepts an enterprise extension listed in schemas (RFC 7643 3.3)', () => {
    expect(rules('User', { ...user, schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: 'Tours' } })).toEqual([])
  })

  it.each<[string, unknown, string[], { endpointUrl: string; expectedId?: string }?]>([
    ['missing id', { ...user, id: undefined }, ['/id RFC7643 3.1 id is present']],
    ['empty id', { ...user, id: '' }, ['/id RFC7643 3.1 id is present']],
    ['an id that changed', user, ['/id RFC7643 3.1 id is stable'], { endpointUrl, expectedId: 'other' }],
    ['missing meta', { ...user, meta: undefined }, ['/meta RFC7643 3.1 meta is present']],
    ['meta.resourceType of another kind', { ...user, meta: { ...user.meta, resourceType: 'Group' } }, ['/meta/resourceType RFC7643 3.1 meta.resourceType names the resource type']],
    ['meta.location of another resource', { ...user, meta: { ...user.meta, location: 'https://example.com/v2/Users/someone-else' } }, ['/meta/location RFC7643 3.1 meta.location is the URI of the resource']],
    ['meta.location under another endpoint', { ...user, meta: { ...user.meta, location: `https://example.com/v2/Groups/${ID}` } }, ['/meta/location RFC7643 3.1 meta.location is the URI of the resource']],
    ['meta.location missing', { ...user, meta: { ...user.meta, location: undefined } }, ['/meta/location RFC7643 3.1 meta.location is the URI of the resource']],
    ['meta.created not a dateTime', { ...user, meta: { ...user.meta, created: 'yesterday' } }, ['/meta/created RFC7643 3.1 meta.created is a dateTime']],
    ['meta.lastModified on 30 February', { ...user, meta: { ...user.meta, lastModified: '2011-02-30T04:42:34Z' } }, ['/meta/lastModified RFC7643 3.1 meta.lastModified is a dateTime']],
    ['password returned', { ...user, password: 'secret' }, ['/password RFC7643 4.1.1 password is never returned']],
    ['password returned under another case (RFC 7643 2.1)', { ...user, PassWord: 'secret' }, ['/PassWord RFC7643 4.1.1 password is never returned']],
    ['core schema missing from schemas', { ...user, schemas: [ENTERPRISE], [ENTERPRISE]: {} }, ['/schemas RFC7643 3 schemas lists the core schema']],
    ['an extension present but not listed', { ...user, [ENTERPRISE]: { department: 'Tours' } }, ['/schemas RFC7643 3 schemas lists every extension present']],
  ])('catches %s', (_name, body, expected, context) => {
    expect(rules('User', body, context ?? { endpointUrl })).toEqual(expected)
  })

  it('accepts a relative meta.location and an id that needs percent-encoding', () => {
    const odd = 'a b/c'
    expect(rules('User', { ...user, id: odd, meta: { ...user.meta, location: `/v2/Users/${encodeURIComponent(odd)}` } })).toEqual([])
  })

  it('checks the endpoint segment the resource type uses', () => {
    const body = { ...user, meta: { ...user.meta, location: `https://example.com/scim/Accounts/${ID}` } }
    expect(rules('User', body, { endpointUrl: 'https://example.com/scim/Accounts' })).toEqual([])
    expect(rules('User', body)).toEqual(['/meta/location RFC7643 3.1 meta.location is the URI of the resource'])
  })

  it('a body that is not an object', () => {
    expect(rules('Group', [group])).toEqual([' RFC7643 4.2 a Group is a JSON object'])
  })
})

describe('isXsdDateTime (RFC 7643 2.3.5)', () => {
  it.each(['2010-01-23T04:56:22Z', '2011-05-13T04:42:34.123+02:00', '2011-05-13T04:42:34'])('accepts %s', (v) => expect(isXsdDateTime(v)).toBe(true))
  it.each(['2010-01-23', '2010-01-23 04:56:22Z', '2010-13-01T00:00:00Z', 'now', 1264222582000, null])('rejects %s', (v) => expect(isXsdDateTime(v)).toBe(false))
})

describe('checkContentType (RFC 7644 3.1, 8.1)', () => {
  it.each<[string | undefined, ReturnType<typeof checkContentType>]>([
    ['application/scim+json', 'ok'],
    ['application/scim+json; charset=utf-8', 'ok'],
    ['Application/SCIM+JSON', 'ok'],
    ['application/json', 'warn-json'],
    ['application/json;charset=UTF-8', 'warn-json'],
    ['text/html', 'fail'],
    ['text/plain; charset=utf-8', 'fail'],
    ['', 'fail'],
    [undefined, 'fail'],
  ])('%s → %s', (header, verdict) => {
    expect(checkContentType(header)).toBe(verdict)
  })
})
