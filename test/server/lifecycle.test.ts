import { Agent, request } from 'undici'
import { describe, expect, test } from 'vitest'
import { createHandler } from '../../src/server/handle.ts'
import { createReferenceServer } from '../../src/server/index.ts'
import { createStore } from '../../src/server/store.ts'
import { aUser, TOKEN } from './reference-server.ts'

describe('createHandler works without sockets', () => {
  test('a request object in, a SCIM response out', async () => {
    const handle = createHandler({ token: TOKEN, baseUrl: 'http://scim.test/scim/v2', store: createStore() })
    const answer = await handle({
      method: 'POST',
      path: '/Users',
      query: new URLSearchParams(),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(aUser('handler.a@example.com')),
    })
    expect(answer.status).toBe(201)
    expect(answer.headers['content-type']).toBe('application/scim+json')
    const user = JSON.parse(answer.body ?? '{}')
    expect(answer.headers['location']).toBe(`http://scim.test/scim/v2/Users/${user.id}`)
  })

  test('unsupported feature combinations are refused at construction', () => {
    expect(() => createHandler({ token: TOKEN, baseUrl: 'http://x', store: createStore(), features: { filterMaxResults: 0 } })).toThrow(RangeError)
    expect(() => createHandler({ token: TOKEN, baseUrl: 'http://x', store: createStore(), features: { maxBodyBytes: 0 } })).toThrow(RangeError)
  })
})

describe('createReferenceServer', () => {
  test('listens on 127.0.0.1 below /scim/v2; other paths answer 404', async () => {
    const server = await createReferenceServer({ token: TOKEN })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/)
      const outside = await fetch(server.url.replace('/scim/v2', '/other'), { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(outside.status).toBe(404)
    } finally {
      await server.close()
    }
  })

  test('wrap injects one defect around the real handler (POST answers 200)', async () => {
    const server = await createReferenceServer({
      token: TOKEN,
      wrap: (handle) => async (req) => {
        const answer = await handle(req)
        return answer.status === 201 ? { ...answer, status: 200 } : answer
      },
    })
    try {
      const created = await fetch(`${server.url}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify(aUser('wrap.a@example.com')),
      })
      expect(created.status).toBe(200)
      expect(server.snapshot().Users.map((u) => u['userName'])).toEqual(['wrap.a@example.com'])
    } finally {
      await server.close()
    }
  })

  test('close() resolves while a client still holds a keep-alive connection', async () => {
    const server = await createReferenceServer({ token: TOKEN })
    const agent = new Agent({ keepAliveTimeout: 60_000 })
    try {
      const answer = await request(`${server.url}/Users`, { dispatcher: agent, headers: { authorization: `Bearer ${TOKEN}` } })
      await answer.body.text()
      expect(answer.statusCode).toBe(200)
      await server.close()
      await expect(fetch(`${server.url}/Users`)).rejects.toThrow()
    } finally {
      await agent.close()
    }
  })

  test('a body over features.maxBodyBytes is refused with 413 before the handler sees it', async () => {
    let seen = 0
    const server = await createReferenceServer({ token: TOKEN, features: { maxBodyBytes: 1024 }, wrap: (handle) => (req) => (seen++, handle(req)) })
    try {
      const post = (nickName: string) => fetch(`${server.url}/Users`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(aUser('limit.a@example.com', { nickName })) })
      expect((await post('x'.repeat(2048))).status).toBe(413)
      expect(seen).toBe(0)
      expect((await post('x'.repeat(512))).status).toBe(201)
    } finally {
      await server.close()
    }
  })

  test('snapshot() shows every stored resource without passwords, and is empty after deletes', async () => {
    const server = await createReferenceServer({ token: TOKEN })
    try {
      const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' }
      const created = await (
        await fetch(`${server.url}/Users`, { method: 'POST', headers, body: JSON.stringify(aUser('snap.a@example.com', { password: 'pw-Secret9' })) })
      ).json() as { id: string }
      expect(server.snapshot().Users).toHaveLength(1)
      expect(JSON.stringify(server.snapshot())).not.toContain('pw-Secret9')
      await fetch(`${server.url}/Users/${created.id}`, { method: 'DELETE', headers })
      expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
    } finally {
      await server.close()
    }
  })
})
