import { CheckFailure, ensureStatus } from './check-failure.ts'
import type { ScimClient } from './client/scim-client.ts'
import { userBody, groupBody, idOf } from './resources.ts'
import type { JsonObject } from './scim/types.ts'

// Set-up steps many checks share. A set-up that fails is the check's failure too,
// with a message saying it was the set-up, so the report never blames the wrong rule.

export async function createUser(scim: ScimClient, userName: string, extra: JsonObject = {}): Promise<{ id: string; body: JsonObject }> {
  const res = await scim.create('User', userBody(userName, extra))
  ensureStatus(res, [200, 201], 'set-up: creating a user failed')
  const id = idOf(res.json)
  if (!id) throw new CheckFailure('set-up: the created user has no id', { pointer: '/id', actual: res.json })
  return { id, body: res.json as JsonObject }
}

export async function createGroup(scim: ScimClient, displayName: string, extra: JsonObject = {}): Promise<{ id: string; body: JsonObject }> {
  const res = await scim.create('Group', groupBody(displayName, extra))
  ensureStatus(res, [200, 201], 'set-up: creating a group failed')
  const id = idOf(res.json)
  if (!id) throw new CheckFailure('set-up: the created group has no id', { pointer: '/id', actual: res.json })
  return { id, body: res.json as JsonObject }
}

export const emailName = (name: string): string => `${name}@example.com`
