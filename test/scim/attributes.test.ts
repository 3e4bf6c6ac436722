import { describe, expect, it } from 'vitest'
import { resolveAttribute, splitUrnPath } from '../../src/scim/attributes.ts'
import { coreSchemas, enterpriseUserSchema, groupSchema, userSchema } from '../../src/scim/core-schemas.ts'
import { SCHEMA_URN } from '../../src/scim/schema-model.ts'

const ENT = SCHEMA_URN.enterpriseUser

describe('core schemas (RFC 7643 section 8.7.1)', () => {
  it('userName is required, caseExact false, uniqueness server', () => {
    const userName = userSchema.attributes.find((a) => a.name === 'userName')
    expect(userName).toMatchObject({ type: 'string', required: true, caseExact: false, uniqueness: 'server', mutability: 'readWrite' })
  })

  it('password is writeOnly and never returned', () => {
    expect(userSchema.attributes.find((a) => a.name === 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' })
  })

  it('User carries the 21 attributes of 8.7.1', () => {
    expect(userSchema.attributes.map((a) => a.name)).toEqual([
      'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage',
      'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses',
      'groups', 'entitlements', 'roles', 'x509Certificates',
    ])
  })

  it('every complex attribute has sub-attributes and no sub-attribute is complex (RFC 7643 2.3.8)', () => {
    for (const schema of coreSchemas) {
      for (const a of schema.attributes) {
        if (a.type === 'complex') expect(a.subAttributes?.length, a.name).toBeGreaterThan(0)
        else expect(a.subAttributes, a.name).toBeUndefined()
        for (const s of a.subAttributes ?? []) expect(s.type, `${a.name}.${s.name}`).not.toBe('complex')
      }
    }
  })

  it('Group members have value, $ref, display and type, immutable', () => {
    const members = groupSchema.attributes.find((a) => a.name === 'members')
    expect(members?.multiValued).toBe(true)
    expect(members?.subAttributes?.map((s) => s.name)).toEqual(['value', '$ref', 'display', 'type'])
    expect(members?.subAttributes?.every((s) => s.mutability === 'immutable')).toBe(true)
    expect(members?.subAttributes?.find((s) => s.name === '$ref')?.referenceTypes).toEqual(['User', 'Group'])
  })

  it('User groups are readOnly with canonical types direct and indirect', () => {
    const groups = userSchema.attributes.find((a) => a.name === 'groups')
    expect(groups?.mutability).toBe('readOnly')
    expect(groups?.subAttributes?.find((s) => s.name === 'type')?.canonicalValues).toEqual(['direct', 'indirect'])
  })

  it('enterprise manager has value, $ref to User and a readOnly displayName', () => {
    const manager = enterpriseUserSchema.attributes.find((a) => a.name === 'manager')
    expect(manager?.subAttributes?.map((s) => [s.name, s.mutability])).toEqual([
      ['value', 'readWrite'], ['$ref', 'readWrite'], ['displayName', 'readOnly'],
    ])
    expect(manager?.subAttributes?.[1]?.referenceTypes).toEqual(['User'])
  })
})

describe('resolveAttribute', () => {
  it('resolves core attributes case-insensitively (RFC 7643 2.1)', () => {
    const r = resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'USERNAME' })
    expect(r?.schemaId).toBe(SCHEMA_URN.user)
    expect(r?.attribute.name).toBe('userName')
    expect(r?.sub).toBeUndefined()
  })

  it('resolves sub-attributes', () => {
    const r = resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'emails', sub: 'VALUE' })
    expect(r?.attribute.name).toBe('emails')
    expect(r?.sub?.name).toBe('value')
    expect(r?.sub?.caseExact).toBe(false)
  })

  it('resolves the common attributes id, externalId and meta (RFC 7643 3.1)', () => {
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'id' })?.attribute).toMatchObject({ caseExact: true, mutability: 'readOnly', returned: 'always' })
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.group, { attr: 'externalId' })?.attribute.caseExact).toBe(true)
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'meta', sub: 'lastModified' })?.sub?.type).toBe('dateTime')
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { uri: SCHEMA_URN.user, attr: 'id' })?.attribute.name).toBe('id')
  })

  it('routes a URN-qualified path to that schema, URN matched case-insensitively', () => {
    const r = resolveAttribute(coreSchemas, SCHEMA_URN.user, { uri: ENT.toUpperCase(), attr: 'manager', sub: 'value' })
    expect(r?.schemaId).toBe(ENT)
    expect(r?.sub?.name).toBe('value')
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { uri: SCHEMA_URN.group, attr: 'members' })?.schemaId).toBe(SCHEMA_URN.group)
  })

  it('does not resolve what does not exist', () => {
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'nope' })).toBeUndefined()
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'emails', sub: 'nope' })).toBeUndefined()
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'userName', sub: 'value' })).toBeUndefined()
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { attr: 'manager' })).toBeUndefined()
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { uri: ENT, attr: 'id' })).toBeUndefined()
    expect(resolveAttribute(coreSchemas, SCHEMA_URN.user, { uri: 'urn:example:unknown', attr: 'x' })).toBeUndefined()
  })
})

describe('splitUrnPath', () => {
  it.each([
    ['userName', { attr: 'userName' }],
    ['name.givenName', { attr: 'name', sub: 'givenName' }],
    [`${ENT}:manager`, { uri: ENT, attr: 'manager' }],
    [`${ENT}:manager.value`, { uri: ENT, attr: 'manager', sub: 'value' }],
    [`${ENT}:employeeNumber`, { uri: ENT, attr: 'employeeNumber' }],
    [`${SCHEMA_URN.user}:name.familyName`, { uri: SCHEMA_URN.user, attr: 'name', sub: 'familyName' }],
    ['URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:Department', { uri: 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER', attr: 'Department' }],
    ['urn:example:custom:2.0:Thing:flag', { uri: 'urn:example:custom:2.0:Thing', attr: 'flag' }],
    ['urn:example:custom:2.0:Thing:badge.level', { uri: 'urn:example:custom:2.0:Thing', attr: 'badge', sub: 'level' }],
  ])('%s', (text, expected) => {
    expect(splitUrnPath(text)).toEqual(expected)
  })

  it('takes a caller-supplied URN whole', () => {
    const urn = 'urn:example:params:scim:schemas:extension:acme:2.0:User'
    expect(splitUrnPath(`${urn.toUpperCase()}:badge.level`, [urn])).toEqual({ uri: urn.toUpperCase(), attr: 'badge', sub: 'level' })
  })
})
