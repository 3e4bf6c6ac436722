import { describe, expect, test } from 'vitest'
import { aGroup, aUser, ENTERPRISE, PATCH_OP, startServer } from './reference-server.ts'

const { call } = await startServer()

const patch = (path: string, ...operations: Record<string, unknown>[]) =>
  call('PATCH', path, { body: { schemas: [PATCH_OP], Operations: operations } })

async function createUser(userName: string, more: Record<string, unknown> = {}): Promise<Record<string, any>> {
  return (await call('POST', '/Users', { body: aUser(userName, more) })).body
}

describe('PATCH on users (RFC 7644 section 3.5.2), RFC and Entra dialects', () => {
  test('RFC dialect: replace answers 200 with the changed resource, stored', async () => {
    const user = await createUser('patch.rfc@example.com')
    const answer = await patch(`/Users/${user.id}`, { op: 'replace', path: 'title', value: 'Boss' })
    expect(answer.status).toBe(200)
    expect(answer.body.title).toBe('Boss')
    expect((await call('GET', `/Users/${user.id}`)).body).toEqual(answer.body)
  })

  test('Entra dialect: capitalised ops, "False" for a boolean, value-filter paths', async () => {
    const user = await createUser('patch.entra@example.com', { active: true })
    const answer = await patch(
      `/Users/${user.id}`,
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Add', path: 'emails[type eq "work"].value', value: 'entra@work.example' },
    )
    expect(answer.status).toBe(200)
    expect(answer.body.active).toBe(false)
    expect(answer.body.emails).toEqual([{ type: 'work', value: 'entra@work.example' }])
  })

  test('Entra dialect: a path-less replace with dotted and URN-qualified keys', async () => {
    const user = await createUser('patch.flat@example.com')
    const answer = await patch(`/Users/${user.id}`, {
      op: 'replace',
      value: { displayName: 'Flat', 'name.givenName': 'Fla', [`${ENTERPRISE}:employeeNumber`]: 'E-7' },
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ displayName: 'Flat', name: { givenName: 'Fla' }, [ENTERPRISE]: { employeeNumber: 'E-7' } })
    expect(answer.body.schemas).toContain(ENTERPRISE)
  })

  test('Entra dialect: the manager as a bare id string', async () => {
    const boss = await createUser('patch.boss@example.com')
    const user = await createUser('patch.report@example.com')
    const answer = await patch(`/Users/${user.id}`, { op: 'Add', path: `${ENTERPRISE}:manager`, value: boss.id })
    expect(answer.status).toBe(200)
    expect(answer.body[ENTERPRISE].manager.value).toBe(boss.id)
  })

  test('a userName taken by another user answers 409 and changes nothing', async () => {
    await createUser('patch.taken@example.com')
    const user = await createUser('patch.mine@example.com')
    const answer = await patch(`/Users/${user.id}`, { op: 'replace', path: 'userName', value: 'PATCH.TAKEN@example.com' })
    expect(answer.status).toBe(409)
    expect(answer.body.scimType).toBe('uniqueness')
    expect((await call('GET', `/Users/${user.id}`)).body.userName).toBe('patch.mine@example.com')
  })

  test('an invalid path answers 400 invalidPath; an unknown id 404; a body without PatchOp 400', async () => {
    const user = await createUser('patch.bad@example.com')
    const bad = await patch(`/Users/${user.id}`, { op: 'replace', path: 'emails[type eq ', value: 'x' })
    expect(bad.status).toBe(400)
    expect(bad.body.scimType).toBe('invalidPath')
    expect((await patch(`/Users/${crypto.randomUUID()}`, { op: 'replace', path: 'title', value: 'x' })).status).toBe(404)
    const noSchema = await call('PATCH', `/Users/${user.id}`, { body: { Operations: [{ op: 'replace', path: 'title', value: 'x' }] } })
    expect(noSchema.status).toBe(400)
  })

  test('operations apply atomically: a failing second operation leaves the first unapplied', async () => {
    const user = await createUser('patch.atomic@example.com')
    const answer = await patch(
      `/Users/${user.id}`,
      { op: 'replace', path: 'title', value: 'Applied?' },
      { op: 'replace', path: 'emails[type eq ', value: 'x' },
    )
    expect(answer.status).toBe(400)
    expect((await call('GET', `/Users/${user.id}`)).body.title).toBeUndefined()
  })
})

describe('PATCH on groups answers 204 (as Entra expects)', () => {
  test('add members, then remove them with a value array (Entra) and with a filter path (RFC)', async () => {
    const a = (await createUser('patch.ma@example.com')).id
    const b = (await createUser('patch.mb@example.com')).id
    const group = (await call('POST', '/Groups', { body: aGroup('Patch Group') })).body
    const added = await patch(`/Groups/${group.id}`, { op: 'Add', path: 'members', value: [{ value: a }, { value: b }] })
    expect(added.status).toBe(204)
    expect(added.body).toBeUndefined()
    expect(added.headers.get('etag')).not.toBe(group.meta.version)
    const members = async (): Promise<string[]> =>
      ((await call('GET', `/Groups/${group.id}`)).body.members ?? []).map((m: { value: string }) => m.value)
    expect(await members()).toEqual([a, b])
    expect((await call('GET', `/Users/${a}`)).body.groups[0].value).toBe(group.id)
    expect((await patch(`/Groups/${group.id}`, { op: 'Remove', path: 'members', value: [{ value: a }] })).status).toBe(204)
    expect(await members()).toEqual([b])
    expect((await patch(`/Groups/${group.id}`, { op: 'remove', path: `members[value eq "${b}"]` })).status).toBe(204)
    expect(await members()).toEqual([])
  })

  test('replacing displayName with one another group has answers 409', async () => {
    await call('POST', '/Groups', { body: aGroup('Patch Taken') })
    const group = (await call('POST', '/Groups', { body: aGroup('Patch Free') })).body
    const answer = await patch(`/Groups/${group.id}`, { op: 'Replace', path: 'displayName', value: 'patch taken' })
    expect(answer.status).toBe(409)
  })
})
