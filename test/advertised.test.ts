import { describe, it, expect } from 'vitest'
import { createHttp } from '../src/client/http.ts'
import { isAdvertised, narrowProfile, readAdvertised, serverRequired, type Advertised } from '../src/kit/advertised.ts'
import { lookupFor } from '../src/kit/dataset.ts'
import { loadProfile } from '../src/profile.ts'
import { errorResponse } from '../src/server/response.ts'
import type { Handle } from '../src/server/index.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { startServer, TOKEN } from './helpers.ts'
import { coreSchemaSubset } from './variants/schemas.ts'

// What the run reads from /ResourceTypes and /Schemas before any check (src/kit/advertised.ts),
// over real HTTP against the reference server and two of its lawful variants.

async function advertisedBy(wrap?: (handle: Handle) => Handle): Promise<Advertised> {
  const server = await startServer(wrap ? { wrap } : {})
  const http = createHttp({ baseUrl: server.url, token: TOKEN, headers: {}, timeoutMs: 10_000, connections: 2 })
  try {
    return await readAdvertised(http)
  } finally {
    await http.close()
    await server.close()
  }
}

const MANAGER = `${SCHEMA_URN.enterpriseUser}:manager`

describe('readAdvertised', () => {
  it('reads every core attribute and the enterprise extension from the reference server', async () => {
    const advertised = await advertisedBy()
    expect(advertised.source).toBe('discovery')
    for (const path of ['userName', 'nickName', 'emails[type eq "work"].value', 'name.givenName', MANAGER]) expect(isAdvertised(advertised, 'User', path), path).toBe(true)
    expect(isAdvertised(advertised, 'Group', 'members')).toBe(true)
    expect(narrowProfile(loadProfile('rfc'), advertised).leftOut).toEqual([])
  })

  it('leaves out what a server that supports part of the User schema does not list', async () => {
    const advertised = await advertisedBy(coreSchemaSubset)
    expect(advertised.source).toBe('discovery')
    expect(isAdvertised(advertised, 'User', 'emails[type eq "work"].value')).toBe(true)
    expect(isAdvertised(advertised, 'User', 'nickName')).toBe(false)
    expect(isAdvertised(advertised, 'User', MANAGER)).toBe(false)
    const entra = narrowProfile(loadProfile('entra'), advertised)
    expect(entra.leftOut.map((l) => l.attribute.path).sort()).toEqual([
      `${SCHEMA_URN.enterpriseUser}:department`, `${SCHEMA_URN.enterpriseUser}:employeeNumber`, MANAGER,
    ])
    expect(entra.profile.user.some((a) => a.path === MANAGER)).toBe(false)
  })

  it('falls back to the core schemas, with the reason, when /Schemas is not served', async () => {
    const advertised = await advertisedBy((handle) => (req) => (req.path.startsWith('/Schemas') ? Promise.resolve(errorResponse(404, 'no such endpoint')) : handle(req)))
    expect(advertised).toMatchObject({ source: 'core-schemas', reason: 'GET /Schemas answered 404' })
    expect(isAdvertised(advertised, 'User', MANAGER)).toBe(true)
    expect(serverRequired(advertised, 'User')).toEqual([])
  })
})

describe('what the server declares', () => {
  const declaring = (change: Record<string, unknown>): Advertised => {
    const attributes = [
      { name: 'userName', type: 'string', multiValued: false, required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server' },
      { name: 'title', type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...change },
    ] as const
    return { source: 'discovery', User: [{ id: SCHEMA_URN.user, name: 'User', attributes }], Group: [] }
  }

  it('lets the oracle read a caseExact the server declares, and the core schemas for what it does not list', () => {
    const lookup = lookupFor('User', declaring({ caseExact: true }))
    expect(lookup({ attr: 'title' })?.caseExact).toBe(true)
    expect(lookupFor('User')({ attr: 'title' })?.caseExact).toBe(false)
    expect(lookup({ attr: 'emails', sub: 'value' })?.type).toBe('string')
  })

  it('makes a survey profile require what the server requires, and never an app profile', () => {
    const advertised = declaring({ required: true })
    expect(serverRequired(advertised, 'User')).toEqual(['userName', 'title'])
    expect(narrowProfile(loadProfile('rfc'), advertised).profile.user.find((a) => a.path === 'title')?.required).toBe(true)
    expect(narrowProfile(loadProfile('entra'), advertised).profile.user.find((a) => a.path === 'title')?.required).toBe(false)
  })
})
