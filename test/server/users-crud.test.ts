import { describe, expect, test } from 'vitest'
import { aUser, ENTERPRISE, ERROR, startServer, USER_SCHEMA } from './reference-server.ts'

const { call, url, server } = await startServer()

describe('Users: create, read, delete (RFC 7644 sections 3.3, 3.4.1, 3.6)', () => {
  test('POST answers 201 with id, schemas, meta and a Location equal to meta.location', async () => {
    const created = await call('POST', '/Users', { body: aUser('crud.alice@example.com', { active: true }) })
    expect(created.status).toBe(201)
    expect(created.headers.get('content-type')).toBe('application/scim+json')
    const user = created.body
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(user.schemas).toEqual([USER_SCHEMA])
    expect(user.meta).toMatchObject({ resourceType: 'User', location: `${url}/Users/${user.id}` })
    expect(Date.parse(user.meta.created)).not.toBeNaN()
    expect(user.meta.lastModified).toBe(user.meta.created)
    expect(created.headers.get('location')).toBe(user.meta.location)
    expect(user.active).toBe(true)
  })

  test('GET by id returns what POST returned', async () => {
    const created = (await call('POST', '/Users', { body: aUser('crud.bob@example.com') })).body
    const read = await call('GET', `/Users/${created.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toEqual(created)
  })

  test('DELETE answers 204 with no body, then the id is 404 for GET and DELETE', async () => {
    const created = (await call('POST', '/Users', { body: aUser('crud.carol@example.com') })).body
    const deleted = await call('DELETE', `/Users/${created.id}`)
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBeUndefined()
    expect((await call('GET', `/Users/${created.id}`)).status).toBe(404)
    expect((await call('DELETE', `/Users/${created.id}`)).status).toBe(404)
    expect(server.snapshot().Users.map((u) => u.id)).not.toContain(created.id)
  })

  test('an unknown id answers 404 with a SCIM Error whose status is a string', async () => {
    const missing = await call('GET', '/Users/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' })
  })

  test('a duplicate userName, in any letter case, answers 409 uniqueness', async () => {
    expect((await call('POST', '/Users', { body: aUser('Crud.Dave@Example.com') })).status).toBe(201)
    const duplicate = await call('POST', '/Users', { body: aUser('crud.dave@example.com') })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' })
  })

  test('the password is accepted and never returned', async () => {
    const created = await call('POST', '/Users', { body: aUser('crud.erin@example.com', { password: 't0p-Secret' }) })
    expect(created.status).toBe(201)
    expect(JSON.stringify(created.body)).not.toContain('t0p-Secret')
    const read = await call('GET', `/Users/${created.body.id}?attributes=password,userName`)
    expect(read.body.password).toBeUndefined()
    expect(JSON.stringify(server.snapshot())).not.toContain('t0p-Secret')
  })

  test('the enterprise extension is stored under its URN and listed in schemas', async () => {
    const body = aUser('crud.frank@example.com', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      [ENTERPRISE]: { employeeNumber: '701984', manager: { value: 'abc' } },
    })
    const created = await call('POST', '/Users', { body })
    expect(created.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE])
    expect(created.body[ENTERPRISE]).toEqual({ employeeNumber: '701984', manager: { value: 'abc' } })
  })

  test('extension data without its URN in schemas (as Entra sends it) still lists the URN in the response', async () => {
    const created = await call('POST', '/Users', { body: aUser('crud.gina@example.com', { [ENTERPRISE]: { department: 'R&D' } }) })
    expect(created.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE])
  })

  test('attribute names are case-insensitive and stored under their canonical names', async () => {
    const created = await call('POST', '/Users', {
      body: { schemas: [USER_SCHEMA], USERNAME: 'crud.hank@example.com', Name: { GivenName: 'Hank' }, Active: 'True' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ userName: 'crud.hank@example.com', name: { givenName: 'Hank' }, active: true })
  })

  test('readOnly attributes in the body (id, meta, groups) are ignored', async () => {
    const created = await call('POST', '/Users', {
      body: aUser('crud.ivy@example.com', { id: 'mine', meta: { resourceType: 'User' }, groups: [{ value: 'g' }] }),
    })
    expect(created.status).toBe(201)
    expect(created.body.id).not.toBe('mine')
    expect(created.body.groups).toBeUndefined()
  })

  test('a missing userName answers 400 invalidValue', async () => {
    const answer = await call('POST', '/Users', { body: { schemas: [USER_SCHEMA], displayName: 'No Name' } })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ status: '400', scimType: 'invalidValue' })
  })

  test('malformed JSON answers 400 invalidSyntax', async () => {
    const answer = await call('POST', '/Users', { raw: '{"schemas": [' })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' })
  })

  test('a body without the core schema in schemas answers 400 invalidSyntax', async () => {
    const answer = await call('POST', '/Users', { body: { userName: 'crud.noschemas@example.com' } })
    expect(answer.status).toBe(400)
    expect(answer.body.scimType).toBe('invalidSyntax')
  })

  test('a value of the wrong type answers 400 invalidValue', async () => {
    const answer = await call('POST', '/Users', { body: aUser('crud.wrong@example.com', { active: 'maybe' }) })
    expect(answer.status).toBe(400)
    expect(answer.body.scimType).toBe('invalidValue')
  })

  test('application/json is accepted as the request type; text/plain is 415', async () => {
    const json = await call('POST', '/Users', {
      body: aUser('crud.json@example.com'),
      headers: { 'content-type': 'application/json' },
    })
    expect(json.status).toBe(201)
    const text = await call('POST', '/Users', { body: aUser('crud.text@example.com'), headers: { 'content-type': 'text/plain' } })
    expect(text.status).toBe(415)
    expect(text.body.status).toBe('415')
  })

  test('unknown endpoints answer 404 with a SCIM Error', async () => {
    const answer = await call('GET', '/Nope')
    expect(answer.status).toBe(404)
    expect(answer.body.schemas).toEqual([ERROR])
  })
})
