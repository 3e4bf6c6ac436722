import { describe, expect, test } from 'vitest'
import { aUser, PATCH_OP, startServer } from './reference-server.ts'

const { call } = await startServer()

async function createUser(userName: string): Promise<{ id: string; version: string }> {
  const created = await call('POST', '/Users', { body: aUser(userName) })
  expect(created.headers.get('etag')).toBe(created.body.meta.version)
  return { id: created.body.id, version: created.body.meta.version }
}

describe('ETags (RFC 7644 section 3.14)', () => {
  test('meta.version is a weak tag, equal to the ETag header, and changes on every modification', async () => {
    const { id, version } = await createUser('etag.a@example.com')
    expect(version).toMatch(/^W\/".+"$/)
    const read = await call('GET', `/Users/${id}`)
    expect(read.headers.get('etag')).toBe(version)
    const put = await call('PUT', `/Users/${id}`, { body: aUser('etag.a@example.com', { title: 'x' }) })
    expect(put.body.meta.version).not.toBe(version)
    expect(put.headers.get('etag')).toBe(put.body.meta.version)
    const patch = await call('PATCH', `/Users/${id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'y' }] },
    })
    expect(patch.body.meta.version).not.toBe(put.body.meta.version)
    expect(patch.headers.get('etag')).toBe(patch.body.meta.version)
  })

  test('If-None-Match with the current version answers 304 with no body; a stale one answers 200', async () => {
    const { id, version } = await createUser('etag.b@example.com')
    const same = await call('GET', `/Users/${id}`, { headers: { 'if-none-match': version } })
    expect(same.status).toBe(304)
    expect(same.body).toBeUndefined()
    const stale = await call('GET', `/Users/${id}`, { headers: { 'if-none-match': 'W/"0"' } })
    expect(stale.status).toBe(200)
  })

  test('If-Match with a stale version answers 412 and changes nothing', async () => {
    const { id, version } = await createUser('etag.c@example.com')
    const stale = 'W/"999999"'
    const put = await call('PUT', `/Users/${id}`, { body: aUser('etag.c@example.com', { title: 'changed' }), headers: { 'if-match': stale } })
    expect(put.status).toBe(412)
    expect(put.body.status).toBe('412')
    const patch = await call('PATCH', `/Users/${id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'changed' }] },
      headers: { 'if-match': stale },
    })
    expect(patch.status).toBe(412)
    expect((await call('DELETE', `/Users/${id}`, { headers: { 'if-match': stale } })).status).toBe(412)
    const after = (await call('GET', `/Users/${id}`)).body
    expect(after.title).toBeUndefined()
    expect(after.meta.version).toBe(version)
  })

  test('If-Match with the current version, weak or strong, lets the change through', async () => {
    const { id, version } = await createUser('etag.d@example.com')
    const strong = version.replace(/^W\//, '')
    const put = await call('PUT', `/Users/${id}`, { body: aUser('etag.d@example.com', { title: 't' }), headers: { 'if-match': strong } })
    expect(put.status).toBe(200)
    const del = await call('DELETE', `/Users/${id}`, { headers: { 'if-match': put.body.meta.version } })
    expect(del.status).toBe(204)
  })
})

describe('with the etag feature off', async () => {
  const off = await startServer({ features: { etag: false } })

  test('no meta.version, no ETag header, and conditional headers are ignored', async () => {
    const created = await off.call('POST', '/Users', { body: aUser('etag.off@example.com') })
    expect(created.body.meta.version).toBeUndefined()
    expect(created.headers.get('etag')).toBeNull()
    const read = await off.call('GET', `/Users/${created.body.id}`, { headers: { 'if-none-match': '*' } })
    expect(read.status).toBe(200)
    const config = (await off.call('GET', '/ServiceProviderConfig')).body
    expect(config.etag).toEqual({ supported: false })
  })
})
