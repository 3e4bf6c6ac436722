import { describe, expect, test } from 'vitest'
import { coreSchemas } from '../../src/scim/core-schemas.ts'
import { ENTERPRISE, GROUP_SCHEMA, LIST, startServer, USER_SCHEMA } from './reference-server.ts'

const { call, url } = await startServer()

describe('discovery endpoints (RFC 7644 section 4)', () => {
  test('/ServiceProviderConfig reports the default features exactly', async () => {
    const answer = await call('GET', '/ServiceProviderConfig')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/scim+json')
    expect(answer.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      meta: { resourceType: 'ServiceProviderConfig', location: `${url}/ServiceProviderConfig` },
    })
    expect(answer.body.authenticationSchemes[0]).toMatchObject({ type: 'oauthbearertoken', primary: true })
  })

  test('/Schemas lists the RFC 7643 section 8.7.1 definitions as Schema resources', async () => {
    const answer = await call('GET', '/Schemas')
    expect(answer.body).toMatchObject({ schemas: [LIST], totalResults: 3, startIndex: 1, itemsPerPage: 3 })
    expect(answer.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE])
    const user = answer.body.Resources[0]
    expect(user.meta).toEqual({ resourceType: 'Schema', location: `${url}/Schemas/${USER_SCHEMA}` })
    expect(user.attributes).toEqual(JSON.parse(JSON.stringify(coreSchemas[0]?.attributes)))
  })

  test('/Schemas/{id} answers one schema; an unknown id is 404', async () => {
    const one = await call('GET', `/Schemas/${ENTERPRISE}`)
    expect(one.status).toBe(200)
    expect(one.body.id).toBe(ENTERPRISE)
    expect((await call('GET', '/Schemas/urn:nope')).status).toBe(404)
  })

  test('/ResourceTypes lists User and Group; /ResourceTypes/User answers one', async () => {
    const list = (await call('GET', '/ResourceTypes')).body
    expect(list.totalResults).toBe(2)
    expect(list.Resources[0]).toMatchObject({
      id: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }],
      meta: { resourceType: 'ResourceType', location: `${url}/ResourceTypes/User` },
    })
    expect((await call('GET', '/ResourceTypes/Group')).body).toMatchObject({ endpoint: '/Groups', schema: GROUP_SCHEMA })
  })

  test('a filter on a discovery endpoint answers 403', async () => {
    expect((await call('GET', `/Schemas?filter=${encodeURIComponent('id pr')}`)).status).toBe(403)
  })

  test('Bulk is not advertised and answers 501 with a SCIM Error', async () => {
    const answer = await call('POST', '/Bulk', { body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] } })
    expect(answer.status).toBe(501)
    expect(answer.body.status).toBe('501')
  })
})

describe('features are reflected exactly', async () => {
  const custom = await startServer({ features: { patch: false, changePassword: false, filterMaxResults: 7 } })

  test('ServiceProviderConfig follows the options, and PATCH answers 501 when off', async () => {
    const config = (await custom.call('GET', '/ServiceProviderConfig')).body
    expect(config).toMatchObject({ patch: { supported: false }, changePassword: { supported: false }, filter: { maxResults: 7 } })
    const user = (await custom.call('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'disc.p@example.com' } })).body
    const patch = await custom.call('PATCH', `/Users/${user.id}`, {
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
    })
    expect(patch.status).toBe(501)
  })
})
