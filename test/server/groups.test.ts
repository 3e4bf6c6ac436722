import { describe, expect, test } from 'vitest'
import { aGroup, aUser, GROUP_SCHEMA, startServer } from './reference-server.ts'

const { call, url, server } = await startServer()

async function createUser(userName: string): Promise<string> {
  return (await call('POST', '/Users', { body: aUser(userName) })).body.id
}

describe('Groups with members (RFC 7643 section 4.2)', () => {
  test('create with members: 201, members get $ref and type, users list the group in groups', async () => {
    const alice = await createUser('groups.alice@example.com')
    const created = await call('POST', '/Groups', { body: aGroup('Groups Admins', { members: [{ value: alice }] }) })
    expect(created.status).toBe(201)
    expect(created.body.schemas).toEqual([GROUP_SCHEMA])
    expect(created.body.members).toEqual([{ value: alice, $ref: `${url}/Users/${alice}`, type: 'User' }])
    expect(created.headers.get('location')).toBe(`${url}/Groups/${created.body.id}`)
    const user = (await call('GET', `/Users/${alice}`)).body
    expect(user.groups).toEqual([
      { value: created.body.id, $ref: `${url}/Groups/${created.body.id}`, display: 'Groups Admins', type: 'direct' },
    ])
  })

  test('displayName is unique case-insensitively: 409 uniqueness', async () => {
    expect((await call('POST', '/Groups', { body: aGroup('Groups Sales') })).status).toBe(201)
    const duplicate = await call('POST', '/Groups', { body: aGroup('groups sales') })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.scimType).toBe('uniqueness')
  })

  test('a group without displayName answers 400 invalidValue', async () => {
    const answer = await call('POST', '/Groups', { body: { schemas: [GROUP_SCHEMA] } })
    expect(answer.status).toBe(400)
    expect(answer.body.scimType).toBe('invalidValue')
  })

  test('excludedAttributes=members drops members, by id and in a filtered list', async () => {
    const bob = await createUser('groups.bob@example.com')
    const group = (await call('POST', '/Groups', { body: aGroup('Groups Ops', { members: [{ value: bob }] }) })).body
    const byId = await call('GET', `/Groups/${group.id}?excludedAttributes=members`)
    expect(byId.body.members).toBeUndefined()
    expect(byId.body.displayName).toBe('Groups Ops')
    const filter = encodeURIComponent('displayName eq "Groups Ops"')
    const list = await call('GET', `/Groups?filter=${filter}&excludedAttributes=members`)
    expect(list.body.totalResults).toBe(1)
    expect(list.body.Resources[0].members).toBeUndefined()
    expect(list.body.Resources[0].id).toBe(group.id)
  })

  test('deleting a user removes it from every group', async () => {
    const carol = await createUser('groups.carol@example.com')
    const group = (await call('POST', '/Groups', { body: aGroup('Groups Temp', { members: [{ value: carol }] }) })).body
    expect((await call('DELETE', `/Users/${carol}`)).status).toBe(204)
    const read = (await call('GET', `/Groups/${group.id}`)).body
    expect(read.members).toBeUndefined()
    expect(read.meta.version).not.toBe(group.meta.version)
  })

  test('deleting a group: 204, then 404, and it leaves the store', async () => {
    const group = (await call('POST', '/Groups', { body: aGroup('Groups Gone') })).body
    expect((await call('DELETE', `/Groups/${group.id}`)).status).toBe(204)
    expect((await call('GET', `/Groups/${group.id}`)).status).toBe(404)
    expect(server.snapshot().Groups.map((g) => g.id)).not.toContain(group.id)
  })
})
