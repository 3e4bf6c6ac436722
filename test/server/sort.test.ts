import { beforeAll, describe, expect, test } from 'vitest'
import { aUser, startServer } from './reference-server.ts'

const { call } = await startServer()

beforeAll(async () => {
  const users = [
    aUser('sort.b@example.com', { emails: [{ value: 'z@x.example' }, { value: 'a@x.example', primary: true }], displayName: 'beta' }),
    aUser('sort.A@example.com', { emails: [{ value: 'm@x.example' }], displayName: 'Alpha' }),
    aUser('sort.c@example.com', { displayName: 'Gamma' }),
  ]
  for (const user of users) await call('POST', '/Users', { body: user })
})

const names = async (params: string): Promise<string[]> =>
  (await call('GET', `/Users?${params}`)).body.Resources.map((r: { userName: string }) => r.userName)

describe('sorting (RFC 7644 section 3.4.2.3)', () => {
  test('sortBy a caseExact-false string sorts case-insensitively, ascending by default', async () => {
    expect(await names('sortBy=userName')).toEqual(['sort.A@example.com', 'sort.b@example.com', 'sort.c@example.com'])
    expect(await names('sortBy=displayName&sortOrder=descending')).toEqual([
      'sort.c@example.com',
      'sort.b@example.com',
      'sort.A@example.com',
    ])
  })

  test('a multi-valued attribute sorts by its primary value; resources without one sort last', async () => {
    expect(await names('sortBy=emails.value')).toEqual(['sort.b@example.com', 'sort.A@example.com', 'sort.c@example.com'])
    expect(await names('sortBy=emails&sortOrder=descending')).toEqual(['sort.c@example.com', 'sort.A@example.com', 'sort.b@example.com'])
  })

  test('sorting combines with filter and paging', async () => {
    const filter = encodeURIComponent('userName ne "sort.b@example.com"')
    expect(await names(`filter=${filter}&sortBy=userName&sortOrder=descending&startIndex=2&count=1`)).toEqual(['sort.A@example.com'])
  })

  test('meta.created sorts as a dateTime', async () => {
    expect(await names('sortBy=meta.created&sortOrder=descending')).toEqual([
      'sort.c@example.com',
      'sort.A@example.com',
      'sort.b@example.com',
    ])
  })

  test('an invalid sortOrder answers 400 invalidValue', async () => {
    const answer = await call('GET', '/Users?sortBy=userName&sortOrder=sideways')
    expect(answer.status).toBe(400)
    expect(answer.body.scimType).toBe('invalidValue')
  })
})

describe('with the sort feature off', async () => {
  const off = await startServer({ features: { sort: false } })

  test('sortBy is ignored and ServiceProviderConfig says so', async () => {
    for (const name of ['sort.z@example.com', 'sort.y@example.com']) await off.call('POST', '/Users', { body: aUser(name) })
    const list = (await off.call('GET', '/Users?sortBy=userName')).body
    expect(list.Resources.map((r: { userName: string }) => r.userName)).toEqual(['sort.z@example.com', 'sort.y@example.com'])
    expect((await off.call('GET', '/ServiceProviderConfig')).body.sort).toEqual({ supported: false })
  })
})
