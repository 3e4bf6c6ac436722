import { beforeAll, describe, expect, test } from 'vitest'
import { aUser, ENTERPRISE, startServer, USER_SCHEMA } from './reference-server.ts'

const { call } = await startServer()
let id = ''

beforeAll(async () => {
  const created = await call('POST', '/Users', {
    body: aUser('projection.ann@example.com', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      name: { givenName: 'Ann', familyName: 'Lee' },
      emails: [{ value: 'ann@work.example', type: 'work', primary: true }],
      title: 'Engineer',
      [ENTERPRISE]: { employeeNumber: '42', department: 'R&D' },
    }),
  })
  id = created.body.id
})

const get = async (params: string): Promise<Record<string, any>> => (await call('GET', `/Users/${id}?${params}`)).body

describe('attributes and excludedAttributes (RFC 7644 sections 3.4.2.5 and 3.9)', () => {
  test('attributes returns only those, plus the "always" ones (id, schemas)', async () => {
    expect(await get('attributes=userName')).toEqual({ schemas: [USER_SCHEMA, ENTERPRISE], id, userName: 'projection.ann@example.com' })
  })

  test('sub-attributes, URN-qualified names and whole extensions can be asked for, in any case', async () => {
    const body = await get(`attributes=NAME.givenName,emails.value,${ENTERPRISE}:employeeNumber,meta.resourceType`)
    expect(body).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE],
      id,
      name: { givenName: 'Ann' },
      emails: [{ value: 'ann@work.example' }],
      [ENTERPRISE]: { employeeNumber: '42' },
      meta: { resourceType: 'User' },
    })
    expect((await get(`attributes=${ENTERPRISE}`))[ENTERPRISE]).toEqual({ employeeNumber: '42', department: 'R&D' })
    expect((await get(`attributes=${USER_SCHEMA}:title`)).title).toBe('Engineer')
  })

  test('excludedAttributes removes those and keeps the rest; id cannot be excluded', async () => {
    const body = await get(`excludedAttributes=emails,name.familyName,id,${ENTERPRISE}:department`)
    expect(body.id).toBe(id)
    expect(body.emails).toBeUndefined()
    expect(body.name).toEqual({ givenName: 'Ann' })
    expect(body[ENTERPRISE]).toEqual({ employeeNumber: '42' })
    expect(body.title).toBe('Engineer')
    expect(body.meta.resourceType).toBe('User')
  })

  test('projection applies to list responses and to POST results', async () => {
    const list = (await call('GET', '/Users?attributes=userName')).body
    expect(list.Resources).toEqual([{ schemas: [USER_SCHEMA, ENTERPRISE], id, userName: 'projection.ann@example.com' }])
    const created = await call('POST', '/Users?attributes=id', { body: aUser('projection.bo@example.com') })
    expect(created.status).toBe(201)
    expect(Object.keys(created.body).sort()).toEqual(['id', 'schemas'])
  })
})
