import { describe, expect, test } from 'vitest'
import { aUser, ENTERPRISE, startServer, USER_SCHEMA } from './reference-server.ts'

const { call, server } = await startServer()

describe('PUT replaces a resource (RFC 7644 section 3.5.1)', () => {
  test('attributes left out are cleared; the new ones are stored; id and meta.created stay', async () => {
    const created = (
      await call('POST', '/Users', {
        body: aUser('put.a@example.com', { title: 'Old', nickName: 'A', [ENTERPRISE]: { department: 'X' } }),
      })
    ).body
    const replaced = await call('PUT', `/Users/${created.id}`, { body: aUser('put.a@example.com', { displayName: 'New A' }) })
    expect(replaced.status).toBe(200)
    expect(replaced.body).toMatchObject({ id: created.id, displayName: 'New A', schemas: [USER_SCHEMA] })
    expect(replaced.body.title).toBeUndefined()
    expect(replaced.body.nickName).toBeUndefined()
    expect(replaced.body[ENTERPRISE]).toBeUndefined()
    expect(replaced.body.meta.created).toBe(created.meta.created)
    expect(Date.parse(replaced.body.meta.lastModified)).toBeGreaterThan(Date.parse(created.meta.lastModified))
    expect((await call('GET', `/Users/${created.id}`)).body).toEqual(replaced.body)
  })

  test('readOnly attributes in the body are ignored', async () => {
    const created = (await call('POST', '/Users', { body: aUser('put.b@example.com') })).body
    const replaced = await call('PUT', `/Users/${created.id}`, {
      body: aUser('put.b@example.com', { id: 'other', meta: { created: '2000-01-01T00:00:00Z' } }),
    })
    expect(replaced.status).toBe(200)
    expect(replaced.body.id).toBe(created.id)
    expect(replaced.body.meta.created).toBe(created.meta.created)
  })

  test('a missing required attribute answers 400 invalidValue and changes nothing', async () => {
    const created = (await call('POST', '/Users', { body: aUser('put.c@example.com', { title: 'Keep' }) })).body
    const answer = await call('PUT', `/Users/${created.id}`, { body: { schemas: [USER_SCHEMA], title: 'Lost' } })
    expect(answer.status).toBe(400)
    expect(answer.body.scimType).toBe('invalidValue')
    expect((await call('GET', `/Users/${created.id}`)).body).toEqual(created)
  })

  test("a userName taken by another user answers 409; the user's own in another case is fine", async () => {
    await call('POST', '/Users', { body: aUser('put.taken@example.com') })
    const created = (await call('POST', '/Users', { body: aUser('put.d@example.com') })).body
    expect((await call('PUT', `/Users/${created.id}`, { body: aUser('PUT.TAKEN@example.com') })).status).toBe(409)
    expect((await call('PUT', `/Users/${created.id}`, { body: aUser('PUT.D@example.com') })).status).toBe(200)
  })

  test('PUT on an unknown id answers 404', async () => {
    expect((await call('PUT', `/Users/${crypto.randomUUID()}`, { body: aUser('put.none@example.com') })).status).toBe(404)
  })

  test('an omitted password is kept; a new one is accepted (changePassword on) and never returned', async () => {
    const created = (await call('POST', '/Users', { body: aUser('put.e@example.com', { password: 'first-Secret1' }) })).body
    const replaced = await call('PUT', `/Users/${created.id}`, { body: aUser('put.e@example.com', { password: 'second-Secret2' }) })
    expect(replaced.status).toBe(200)
    expect(JSON.stringify(replaced.body)).not.toContain('Secret')
    expect(JSON.stringify(server.snapshot())).not.toContain('Secret')
  })

  test('group members can be replaced; members.value is immutable per member only', async () => {
    const u1 = (await call('POST', '/Users', { body: aUser('put.m1@example.com') })).body.id
    const u2 = (await call('POST', '/Users', { body: aUser('put.m2@example.com') })).body.id
    const group = (await call('POST', '/Groups', { body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Put G', members: [{ value: u1 }] } })).body
    const replaced = await call('PUT', `/Groups/${group.id}`, {
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Put G', members: [{ value: u2 }] },
    })
    expect(replaced.status).toBe(200)
    expect(replaced.body.members.map((m: { value: string }) => m.value)).toEqual([u2])
  })
})

describe('with changePassword off', async () => {
  const off = await startServer({ features: { changePassword: false } })

  test('a new password on PUT answers 400 and the same or no password is fine', async () => {
    const created = (await off.call('POST', '/Users', { body: aUser('put.p@example.com', { password: 'initial-1A' }) })).body
    const changed = await off.call('PUT', `/Users/${created.id}`, { body: aUser('put.p@example.com', { password: 'other-2B' }) })
    expect(changed.status).toBe(400)
    expect(changed.body.scimType).toBe('mutability')
    expect((await off.call('PUT', `/Users/${created.id}`, { body: aUser('put.p@example.com', { password: 'initial-1A' }) })).status).toBe(200)
    expect((await off.call('PUT', `/Users/${created.id}`, { body: aUser('put.p@example.com') })).status).toBe(200)
  })
})
