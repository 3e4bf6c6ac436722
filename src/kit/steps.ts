import { blockedUnless, ensureSetUp } from './blocked.ts'
import type { ScimClient } from '../client/scim-client.ts'
import { userBody, groupBody, idOf } from './resources.ts'
import type { JsonObject } from '../scim/types.ts'

// Set-up steps many checks share. A set-up that fails blocks the check (it is not
// judged) and names the check that fails for the same reason: the report never
// blames a rule the check did not get to test.

export async function createUser(scim: ScimClient, userName: string, extra: JsonObject = {}): Promise<{ id: string; body: JsonObject }> {
  const res = await scim.create('User', userBody(userName, extra))
  const carrying = Object.keys(extra)
  ensureSetUp(res, [200, 201], { check: 'users.create.status-201', what: `creating a user${carrying.length ? ` carrying ${carrying.join(', ')}` : ''} failed` })
  const id = idOf(res.json)
  blockedUnless(id, 'the created user has no id', { check: 'users.create.returns-resource', request: `${res.method} ${res.path}`, answer: `${res.status} without an id` })
  return { id, body: res.json as JsonObject }
}

export async function createGroup(scim: ScimClient, displayName: string, extra: JsonObject = {}): Promise<{ id: string; body: JsonObject }> {
  const res = await scim.create('Group', groupBody(displayName, extra))
  const carrying = Object.keys(extra)
  ensureSetUp(res, [200, 201], { check: 'groups.create.status-201', what: `creating a group${carrying.length ? ` carrying ${carrying.join(', ')}` : ''} failed` })
  const id = idOf(res.json)
  blockedUnless(id, 'the created group has no id', { check: 'schema.group-rules', request: `${res.method} ${res.path}`, answer: `${res.status} without an id` })
  return { id, body: res.json as JsonObject }
}

export const emailName = (name: string): string => `${name}@example.com`
