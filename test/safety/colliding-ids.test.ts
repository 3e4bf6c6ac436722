import { it, expect, onTestFinished } from 'vitest'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { JournalEntry, ResourceKind } from '../../src/run/tracker.ts'
import type { ReferenceServer } from '../../src/server/index.ts'
import { onResponse } from '../faults/wrappers.ts'
import { runCli, startServer, tempDir, TOKEN } from '../helpers.ts'
import { idsFromExternalId } from './ids-from-external-id.ts'

// Issue 14: against a server deriving ids from externalId, two resources can share an
// id; the journal counted them as one, cleanup left groups behind and miscounted. And
// with the journal lost, `cleanup --prefix` finds a run's resources by name.

const PREFIX = 'scimconf-0dd1d5e0-'

async function create(server: ReferenceServer, kind: ResourceKind, name: string, externalId: string): Promise<string> {
  const body = kind === 'User'
    ? { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: name, externalId }
    : { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: name, externalId }
  const res = await fetch(`${server.url}/${kind}s`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(body) })
  expect(res.status).toBe(201)
  return String(((await res.json()) as { id: unknown }).id)
}

const remove = (server: ReferenceServer, kind: ResourceKind, id: string) => fetch(`${server.url}/${kind}s/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })

/** Two groups and two users under one id each, and a bystander the run never made. */
async function collidingLeftovers(server: ReferenceServer) {
  const group = await create(server, 'Group', `${PREFIX}ops-1`, 'ops')
  expect(await create(server, 'Group', `${PREFIX}ops-2`, 'ops')).toBe(group)
  const user = await create(server, 'User', `${PREFIX}ada-1`, 'ada')
  expect(await create(server, 'User', `${PREFIX}ada-2`, 'ada')).toBe(user)
  await create(server, 'User', 'someone-else', 'bystander')
  return { group, user }
}

const names = (server: ReferenceServer): string[] => {
  const { Users, Groups } = server.snapshot()
  return [...Users.map((u) => String(u.userName)), ...Groups.map((g) => String(g.displayName))]
}

it('a journal listing one id twice: cleanup deletes both resources and counts them right', async () => {
  const server = await startServer({ wrap: idsFromExternalId() })
  onTestFinished(() => server.close())
  const { group, user } = await collidingLeftovers(server)
  // What a run wrote: every create, and the one DELETE a check sent for the group before the run was killed.
  expect((await remove(server, 'Group', group)).status).toBe(204)
  const at = new Date().toISOString()
  const entries: JournalEntry[] = [
    { op: 'run', baseUrl: server.url, prefix: PREFIX, at },
    { op: 'created', kind: 'Group', id: group, at }, { op: 'created', kind: 'Group', id: group, at },
    { op: 'created', kind: 'User', id: user, at }, { op: 'created', kind: 'User', id: user, at },
    { op: 'deleted', kind: 'Group', id: group, at },
  ]
  const journal = path.join(tempDir('colliding'), 'journal.jsonl')
  writeFileSync(journal, entries.map((e) => JSON.stringify(e)).join('\n') + '\n')
  const r = await runCli(['cleanup', '--journal', journal], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  expect(r.stderr).toBe('')
  expect(r.stdout).toContain('cleanup: 3 of 3 resource(s) deleted')
  expect(r.code).toBe(0)
  expect(names(server)).toEqual(['someone-else'])
}, 120_000)

it('a lost journal: cleanup --prefix --url finds the run by name, walking every page when the server refuses "sw", and deletes only it', async () => {
  const refusesSw = onResponse((req) => / sw /.test(req.query.get('filter') ?? ''), () => ({
    status: 400, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidFilter', detail: 'sw is not supported' }),
  }))
  const server = await startServer({ wrap: (inner) => refusesSw(idsFromExternalId()(inner)) })
  onTestFinished(() => server.close())
  await collidingLeftovers(server)
  // More than one page of 100, so the walk has to page.
  for (let i = 0; i < 120; i++) await create(server, 'User', `tenant-user-${i}`, `tenant-${i}`)
  const r = await runCli(['cleanup', '--prefix', PREFIX, '--url', server.url], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
  expect(r.stderr).toBe('')
  expect(r.stdout).toContain('cleanup: 4 of 4 resource(s) deleted')
  expect(r.code).toBe(0)
  expect(names(server).filter((n) => n.startsWith(PREFIX))).toEqual([])
  expect(names(server)).toHaveLength(121)
}, 120_000)
