import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import SCIMMY from 'scimmy'
import SCIMMYRouters from 'scimmy-routers'

// An independent SCIM implementation nobody here wrote: scimmy + scimmy-routers on
// express, with the smallest in-memory store an application would write for it.
// The store is ours (scimmy leaves persistence to the app); everything on the wire is scimmy's.

type Stored = Record<string, unknown> & { id: string; meta: { created: string; lastModified: string } }

export interface ScimmyStore {
  readonly Users: Map<string, Stored>
  readonly Groups: Map<string, Stored>
}

export interface ScimmyServer {
  /** http://127.0.0.1:<port>/scim/v2 */
  readonly url: string
  readonly store: ScimmyStore
  close(): Promise<void>
}

// scimmy's own 404: an ordinary exception from a handler would also become 404, but hide the cause.
const notFound = (id: string | undefined) => new SCIMMY.Types.Error(404, null as unknown as string, `Resource ${id} not found`)

/** A JSON copy of what scimmy parsed: plain data, without the schema instance's getters. */
const plain = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>

interface Target { readonly id?: string; readonly filter?: SCIMMY.Types.Filter }

function handlers(kind: keyof ScimmyStore) {
  return {
    ingress: (resource: Target, data: unknown, store: ScimmyStore): Stored => {
      const table = store[kind]
      const now = new Date().toISOString()
      const body = plain(data)
      delete body['id']
      delete body['meta']
      if (kind === 'Users') assertUniqueUserName(table, String(body['userName'] ?? ''), resource.id)
      if (resource.id) {
        const existing = table.get(resource.id)
        if (!existing) throw notFound(resource.id)
        const updated: Stored = { ...body, id: existing.id, meta: { created: existing.meta.created, lastModified: now } }
        table.set(existing.id, updated)
        return updated
      }
      const created: Stored = { ...body, id: randomUUID(), meta: { created: now, lastModified: now } }
      table.set(created.id, created)
      return created
    },
    egress: (resource: Target, store: ScimmyStore): Stored | Stored[] => {
      const table = store[kind]
      if (resource.id) {
        const found = table.get(resource.id)
        if (!found) throw notFound(resource.id)
        return found
      }
      // scimmy's own filter engine, as its documentation has applications do; it paginates and sorts itself.
      const all = [...table.values()]
      return resource.filter ? (resource.filter.match(all) as Stored[]) : all
    },
    degress: (resource: Target, store: ScimmyStore): void => {
      if (!resource.id || !store[kind].delete(resource.id)) throw notFound(resource.id)
    },
  }
}

function declareOnce(): void {
  // SCIMMY's registry is process-wide, so handlers read the store from the per-request context.
  if (SCIMMY.Resources.declared(SCIMMY.Resources.User)) return
  const users = handlers('Users')
  const groups = handlers('Groups')
  // The stored records are schema-free JSON; scimmy's typings want each resource's exact shape back.
  // Entra's default attribute mappings write the enterprise extension, so an Entra-facing app declares it.
  SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false)).ingress(users.ingress as never).egress(users.egress as never).degress(users.degress)
  SCIMMY.Resources.declare(SCIMMY.Resources.Group).ingress(groups.ingress as never).egress(groups.egress as never).degress(groups.degress)
}

/** RFC 7643 4.1.1: userName is unique and caseExact false; the app's database would enforce it. */
function assertUniqueUserName(table: Map<string, Stored>, userName: string, self: string | undefined): void {
  const clash = [...table.values()].some((u) => u.id !== self && String(u['userName']).toLowerCase() === userName.toLowerCase())
  if (clash) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${userName} is already taken`)
}

export async function startScimmyServer(token: string): Promise<ScimmyServer> {
  declareOnce()
  const store: ScimmyStore = { Users: new Map(), Groups: new Map() }
  const app = express()
  let origin = ''
  app.use('/scim/v2', new SCIMMYRouters({
    type: 'bearer',
    handler: (req) => {
      if (req.header('Authorization') !== `Bearer ${token}`) throw new Error('Bearer token missing or wrong')
      // The token is a service credential, as Entra's is, and stands for no User: scimmy-routers then
      // answers /Me with 501 (RFC 7644 3.11) instead of looking up a user that cannot exist (404).
      return undefined as unknown as string
    },
    context: () => store,
    baseUri: () => origin,
  }))
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/scim/v2`,
    store,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections()
      server.close((err) => (err ? reject(err) : resolve()))
    }),
  }
}
