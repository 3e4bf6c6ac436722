import { describe, expect, it } from 'vitest'
import { checkSchemaRepresentation, declaredToJsonSchema, readSchemaDefinition } from '../src/kit/schema-representation.ts'
import { compileSchema } from '../src/validate.ts'
import { enterpriseUserSchema, userSchema } from '../src/scim/core-schemas.ts'

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

const userName = { name: 'userName', type: 'string', multiValued: false, required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server' }
const active = { name: 'active', type: 'boolean', multiValued: false, required: false, mutability: 'readWrite', returned: 'default' }
const emails = {
  name: 'emails', type: 'complex', multiValued: true, required: false, mutability: 'readWrite', returned: 'default',
  subAttributes: [{ name: 'value', type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' }],
}

function declared(...attributes: unknown[]): Record<string, unknown> {
  return { id: USER, name: 'User', attributes }
}

function found(body: unknown): string[] {
  return checkSchemaRepresentation(body).map((v) => `${v.pointer} ${v.rule}`)
}

describe('checkSchemaRepresentation (RFC 7643 section 7)', () => {
  it('accepts a complete declaration, with booleans lacking caseExact and uniqueness as in 8.7.1', () => {
    expect(found(declared(userName, active, emails))).toEqual([])
  })

  it.each<[string, unknown, string[]]>([
    ['a missing characteristic', declared({ ...userName, mutability: undefined }), ['/attributes/0/mutability RFC7643 7 attribute declares mutability']],
    ['caseExact missing on a string', declared({ ...userName, caseExact: undefined }), ['/attributes/0/caseExact RFC7643 7 attribute declares caseExact']],
    ['a null characteristic', declared({ ...userName, uniqueness: null }), ['/attributes/0/uniqueness RFC7643 7 no characteristic is null', '/attributes/0/uniqueness RFC7643 7 attribute declares uniqueness']],
    ['a value that is not camel-cased', declared({ ...userName, mutability: 'readwrite' }), ['/attributes/0/mutability RFC7643 7 mutability is camel-cased']],
    ['a type that does not exist', declared({ ...userName, type: 'text' }), ['/attributes/0/type RFC7643 7 type is one of string, boolean, decimal, integer, dateTime, reference, complex, binary']],
    ['multiValued as a string', declared({ ...active, multiValued: 'false' }), ['/attributes/0/multiValued RFC7643 7 multiValued is boolean']],
    ['a complex attribute without sub-attributes', declared({ ...emails, subAttributes: [] }), ['/attributes/0/subAttributes RFC7643 7 a complex attribute declares subAttributes']],
    ['a complex sub-attribute', declared({ ...emails, subAttributes: [emails] }), ['/attributes/0/subAttributes/0/type RFC7643 2.3.8 a sub-attribute is not complex']],
    ['sub-attributes on a string', declared({ ...userName, subAttributes: [] }), ['/attributes/0/subAttributes RFC7643 7 only complex attributes have subAttributes']],
    ['a sub-attribute missing returned', declared({ ...emails, subAttributes: [{ ...emails.subAttributes[0], returned: undefined }] }), ['/attributes/0/subAttributes/0/returned RFC7643 7 attribute declares returned']],
    ['two names equal ignoring case', declared(userName, { ...userName, name: 'USERNAME' }), ['/attributes/1/name RFC7643 2.1 attribute names are unique ignoring case']],
    ['canonicalValues that are not strings', declared({ ...userName, canonicalValues: [1] }), ['/attributes/0/canonicalValues RFC7643 7 canonicalValues is an array of strings']],
    ['no id', { attributes: [] }, ['/id RFC7643 7 id is the schema URI']],
    ['attributes not an array', { id: USER, attributes: {} }, ['/attributes RFC7643 7 attributes is an array']],
  ])('catches %s', (_name, body, expected) => {
    expect(found(JSON.parse(JSON.stringify(body)))).toEqual(expected)
  })
})

describe('readSchemaDefinition', () => {
  it('reads a declaration, filling section 2.2 defaults and dropping unusable attributes', () => {
    const definition = readSchemaDefinition(declared(userName, { ...active, returned: undefined }, { name: 'broken' }, emails))
    expect(definition?.attributes.map((a) => a.name)).toEqual(['userName', 'active', 'emails'])
    expect(definition?.attributes[1]).toMatchObject({ returned: 'default', uniqueness: 'none', caseExact: false })
    expect(definition?.attributes[2]?.subAttributes?.[0]?.name).toBe('value')
  })

  it('round-trips the RFC definitions', () => {
    expect(readSchemaDefinition(JSON.parse(JSON.stringify(userSchema)))).toEqual(userSchema)
  })

  it('is undefined without id or attributes', () => {
    expect(readSchemaDefinition({ attributes: [] })).toBeUndefined()
    expect(readSchemaDefinition({ id: USER })).toBeUndefined()
  })
})

describe('declaredToJsonSchema: responses held to what the target declared', () => {
  const target = readSchemaDefinition(declared(userName, active, emails, { ...userName, name: 'secret', returned: 'never', uniqueness: 'none' }))
  if (!target) throw new Error('fixture did not read')
  const check = compileSchema(declaredToJsonSchema(target, [enterpriseUserSchema]), 'RFC7643 7')

  it('accepts a response that matches the declaration', () => {
    expect(check({ schemas: [USER], id: '1', userName: 'b', active: true, emails: [{ value: 'b@example.com' }], [ENTERPRISE]: { department: 'x' } })).toEqual([])
  })

  it('rejects an attribute declared single-valued that comes back as an array', () => {
    const violations = check({ userName: ['b'] })
    expect(violations.map((v) => [v.pointer, v.rule])).toEqual([['/userName', `RFC7643 7 declared ${USER} userName is a string`]])
  })

  it('rejects a multi-valued attribute that comes back single, a wrong type, and a returned:never attribute', () => {
    const violations = check({ emails: { value: 'b@example.com' }, active: 'yes', secret: 'x', [ENTERPRISE]: { manager: 'boss' } })
    expect(violations.map((v) => v.pointer).sort()).toEqual(['/active', '/emails', '/secret', `/${ENTERPRISE}/manager`])
  })

  it('uses what the target declared, not the RFC: a target may declare active as a string', () => {
    const lenient = readSchemaDefinition(declared({ ...active, type: 'string', caseExact: false, uniqueness: 'none' }))
    if (!lenient) throw new Error('fixture did not read')
    const checkLenient = compileSchema(declaredToJsonSchema(lenient), 'RFC7643 7')
    expect(checkLenient({ active: 'true' })).toEqual([])
    expect(checkLenient({ active: true }).map((v) => v.pointer)).toEqual(['/active'])
  })

  it('the RFC User definition agrees with itself', () => {
    expect(compileSchema(declaredToJsonSchema(userSchema), 'RFC7643 7')({ userName: 'b', emails: [{ value: 'x', primary: true }] })).toEqual([])
  })
})
