import { describe, expect, test } from 'vitest'
import { ERROR, startServer, TOKEN } from './reference-server.ts'

const { url } = await startServer()

async function get(path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${url}${path}`, { headers })
}

describe('bearer authentication (RFC 7644 section 2)', () => {
  test.each([
    ['no Authorization header', '/Users', {}],
    ['a wrong token', '/Users', { authorization: 'Bearer wrong' }],
    ['another scheme', '/Users', { authorization: `Basic ${TOKEN}` }],
    ['the token in the query string', `/Users?access_token=${TOKEN}`, {}],
    ['a token with extra characters', '/Users', { authorization: `Bearer ${TOKEN}x` }],
  ] as const)('%s answers 401 with a SCIM Error and a challenge', async (_case, path, headers) => {
    const response = await get(path, headers)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect(response.headers.get('content-type')).toBe('application/scim+json')
    const body = await response.json()
    expect(body).toMatchObject({ schemas: [ERROR], status: '401' })
  })

  test('every endpoint is protected, discovery included', async () => {
    for (const path of ['/ServiceProviderConfig', '/Schemas', '/ResourceTypes', '/Groups', '/Users/x']) {
      expect((await get(path, {})).status, path).toBe(401)
    }
  })

  test('the right token is accepted, the scheme name in any case', async () => {
    expect((await get('/Users', { authorization: `Bearer ${TOKEN}` })).status).toBe(200)
    expect((await get('/Users', { authorization: `bearer ${TOKEN}` })).status).toBe(200)
  })
})
