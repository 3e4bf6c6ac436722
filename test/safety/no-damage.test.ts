import { describe, it, expect } from 'vitest'
import { createHttp } from '../../src/client/http.ts'
import { ScimClient } from '../../src/client/scim-client.ts'
import { SCHEMA_URN } from '../../src/scim/schema-model.ts'
import { runAgainst, startServer, tempDir, TOKEN } from '../helpers.ts'
import path from 'node:path'

// Issue 8 "Done when": a tenant's own users and group, created before the run,
// are byte-identical after the whole suite, and nothing of the run is left.

async function scimRequest(baseUrl: string, method: string, route: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(baseUrl + route, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, text: await res.text() }
}

async function seedTenant(baseUrl: string): Promise<string[]> {
  const routes: string[] = []
  const ids: string[] = []
  for (const name of ['alice', 'bob', 'carol']) {
    const res = await scimRequest(baseUrl, 'POST', '/Users', { schemas: [SCHEMA_URN.user], userName: `${name}@tenant.example`, name: { givenName: name, familyName: 'Tenant' }, emails: [{ value: `${name}@tenant.example`, type: 'work', primary: true }], active: true, password: `${name}-Secret-1!` })
    expect(res.status).toBe(201)
    ids.push((JSON.parse(res.text) as { id: string }).id)
    routes.push(`/Users/${ids.at(-1)}`)
  }
  const group = await scimRequest(baseUrl, 'POST', '/Groups', { schemas: [SCHEMA_URN.group], displayName: 'Tenant Admins', members: ids.slice(0, 2).map((value) => ({ value })) })
  expect(group.status).toBe(201)
  routes.push(`/Groups/${(JSON.parse(group.text) as { id: string }).id}`)
  return routes
}

describe('a tenant with its own data', () => {
  it('keeps its users and group byte-identical through the full suite, and holds nothing of the run afterwards', { timeout: 600_000 }, async () => {
    const server = await startServer()
    try {
      const routes = await seedTenant(server.url)
      const before = await Promise.all(routes.map((route) => scimRequest(server.url, 'GET', route)))
      const report = await runAgainst(server)
      expect(report.checks.length).toBeGreaterThan(100)
      const after = await Promise.all(routes.map((route) => scimRequest(server.url, 'GET', route)))
      expect(after).toEqual(before)
      for (const { text } of after) expect(text).toMatch(/"version":"W\/\\"\d+\\""/)
      const left = server.snapshot()
      expect([...left.Users, ...left.Groups].map((r) => `/${(r.meta as { resourceType?: string }).resourceType}s/${String(r.id)}`).sort()).toEqual([...routes].sort())
      expect(report.cleanup.leftover).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe('the ownership guard', () => {
  it('refuses to add a member the run created to a group it did not create, and to change or delete that group', async () => {
    const server = await startServer()
    const http = createHttp({ baseUrl: server.url, token: TOKEN, headers: {}, timeoutMs: 10_000, connections: 1 })
    try {
      const [groupRoute] = (await seedTenant(server.url)).filter((r) => r.startsWith('/Groups/'))
      const groupId = String(groupRoute?.split('/')[2])
      const before = await scimRequest(server.url, 'GET', `/Groups/${groupId}`)
      const scim = new ScimClient({ http, journalPath: path.join(tempDir('guard'), 'journal.jsonl'), owned: new Set(), live: new Map() })
      const created = await scim.create('User', { schemas: [SCHEMA_URN.user], userName: 'scimconf-guard@example.com' })
      const memberId = (created.json as { id: string }).id
      const addMember = { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: memberId }] }] }
      await expect(scim.patch('Group', groupId, addMember)).rejects.toThrow(/refused to PATCH Group .*did not create/)
      await expect(scim.send({ method: 'PATCH', path: `/Groups/${groupId}`, body: addMember })).rejects.toThrow(/refused to PATCH/)
      await expect(scim.send({ method: 'PUT', path: `/Groups/${encodeURIComponent(groupId)}`, body: {} })).rejects.toThrow(/refused to PUT/)
      await expect(scim.delete('Group', groupId)).rejects.toThrow(/refused to DELETE/)
      await expect(scim.send({ method: 'DELETE', path: '/Users' })).rejects.toThrow(/only resources this run created/)
      expect(scim.exchanges.map((e) => e.method)).toEqual(['POST'])
      expect(await scimRequest(server.url, 'GET', `/Groups/${groupId}`)).toEqual(before)
      expect((await scim.delete('User', memberId)).status).toBe(204)
    } finally {
      await http.close()
      await server.close()
    }
  })
})
