import { beforeAll, describe, expect, test } from 'vitest'
import { aGroup, aUser, LIST, SEARCH_REQUEST, startServer } from './reference-server.ts'

const { call } = await startServer()
const ids: Record<string, string> = {}

beforeAll(async () => {
  const users = [
    aUser('filter.ford@example.com', { externalId: 'Ext-Ford', emails: [{ value: 'ford@work.example', type: 'work' }] }),
    aUser('filter.zaphod@example.com', { externalId: 'ext-zaphod', active: false, title: 'President' }),
  ]
  for (const user of users) {
    const created = (await call('POST', '/Users', { body: user })).body
    ids[created.userName] = created.id
  }
  await call('POST', '/Groups', { body: aGroup('Filter Heroes') })
})

const query = (filter: string): string => `filter=${encodeURIComponent(filter)}`

describe('filtering (RFC 7644 section 3.4.2.2)', () => {
  test('userName eq finds the user in any letter case (caseExact false)', async () => {
    for (const name of ['filter.ford@example.com', 'FILTER.FORD@EXAMPLE.COM']) {
      const answer = await call('GET', `/Users?${query(`userName eq "${name}"`)}`)
      expect(answer.status).toBe(200)
      expect(answer.body).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 })
      expect(answer.body.Resources[0].id).toBe(ids['filter.ford@example.com'])
    }
  })

  test('externalId is caseExact: another letter case does not match', async () => {
    expect((await call('GET', `/Users?${query('externalId eq "Ext-Ford"')}`)).body.totalResults).toBe(1)
    expect((await call('GET', `/Users?${query('externalId eq "ext-ford"')}`)).body.totalResults).toBe(0)
  })

  test('a filter with no match answers 200 and an empty ListResponse, on /Users and /Groups', async () => {
    for (const [path, attribute] of [['/Users', 'userName'], ['/Groups', 'displayName']] as const) {
      const answer = await call('GET', `${path}?${query(`${attribute} eq "${crypto.randomUUID()}"`)}`)
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({ schemas: [LIST], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] })
    }
  })

  test('group displayName eq is case-insensitive', async () => {
    const answer = await call('GET', `/Groups?${query('displayName eq "filter heroes"')}`)
    expect(answer.body.totalResults).toBe(1)
  })

  test('value paths, and, or, not, pr and co', async () => {
    const count = async (filter: string): Promise<number> => (await call('GET', `/Users?${query(filter)}`)).body.totalResults
    expect(await count('emails[type eq "work" and value eq "FORD@work.example"]')).toBe(1)
    expect(await count('emails[type eq "work" and value co "@work"]')).toBe(1)
    expect(await count('userName sw "filter." and active eq false')).toBe(1)
    expect(await count('title pr or externalId eq "Ext-Ford"')).toBe(2)
    expect(await count('not (title pr) and userName sw "filter."')).toBe(1)
    expect(await count('meta.resourceType eq "User" and userName co "zaphod"')).toBe(1)
  })

  test('a malformed filter answers 400 invalidFilter', async () => {
    for (const filter of ['userName eq', 'userName xx "a"', '(userName eq "a"', 'emails[type eq "work"']) {
      const answer = await call('GET', `/Users?${query(filter)}`)
      expect(answer.status, filter).toBe(400)
      expect(answer.body, filter).toMatchObject({ status: '400', scimType: 'invalidFilter' })
    }
  })

  test('POST /Users/.search answers as the GET query does (section 3.4.3)', async () => {
    const filter = 'userName sw "filter."'
    const viaGet = (await call('GET', `/Users?${query(filter)}&attributes=userName`)).body
    const viaPost = await call('POST', '/Users/.search', {
      body: { schemas: [SEARCH_REQUEST], filter, attributes: ['userName'] },
    })
    expect(viaPost.status).toBe(200)
    expect(viaPost.body).toEqual(viaGet)
    expect(viaGet.totalResults).toBe(2)
  })

  test('POST /.search at the root covers Users and Groups', async () => {
    const answer = await call('POST', '/.search', {
      body: { schemas: [SEARCH_REQUEST], filter: 'userName eq "filter.zaphod@example.com" or displayName eq "Filter Heroes"' },
    })
    expect(answer.status).toBe(200)
    expect(answer.body.totalResults).toBe(2)
    expect(answer.body.Resources.map((r: { meta: { resourceType: string } }) => r.meta.resourceType).sort()).toEqual(['Group', 'User'])
  })

  test('a .search body without the SearchRequest schema answers 400 invalidSyntax', async () => {
    const answer = await call('POST', '/Users/.search', { body: { filter: 'userName pr' } })
    expect(answer.status).toBe(400)
    expect(answer.body.scimType).toBe('invalidSyntax')
  })
})
