import { beforeAll, describe, expect, test } from 'vitest'
import { aUser, startServer } from './reference-server.ts'

const { call } = await startServer({ features: { filterMaxResults: 5 } })
const TOTAL = 12

beforeAll(async () => {
  for (let i = 0; i < TOTAL; i++) {
    await call('POST', '/Users', { body: aUser(`page.user${String(i).padStart(2, '0')}@example.com`) })
  }
})

const page = async (params: string): Promise<{ totalResults: number; itemsPerPage: number; startIndex: number; Resources: { userName: string }[] }> =>
  (await call('GET', `/Users?${params}`)).body

describe('pagination (RFC 7644 section 3.4.2.4)', () => {
  test('startIndex and count select a window; totalResults counts all matches', async () => {
    const answer = await page('startIndex=3&count=4')
    expect(answer).toMatchObject({ totalResults: TOTAL, itemsPerPage: 4, startIndex: 3 })
    expect(answer.Resources.map((r) => r.userName)).toEqual([2, 3, 4, 5].map((i) => `page.user0${i}@example.com`))
  })

  test("walking pages as Entra's gallery test does visits every user once", async () => {
    const seen: string[] = []
    for (let start = 1; start <= TOTAL; start += 5) {
      const answer = await page(`startIndex=${start}&count=5`)
      expect(answer.startIndex).toBe(start)
      seen.push(...answer.Resources.map((r) => r.userName))
    }
    expect(new Set(seen).size).toBe(TOTAL)
  })

  test('a startIndex below 1 is treated as 1', async () => {
    expect((await page('startIndex=0&count=2')).startIndex).toBe(1)
    expect((await page('startIndex=-4&count=2')).Resources[0]?.userName).toBe('page.user00@example.com')
  })

  test('count 0 and negative counts return no resources but the total', async () => {
    for (const count of ['0', '-3']) {
      const answer = await page(`count=${count}`)
      expect(answer).toMatchObject({ totalResults: TOTAL, itemsPerPage: 0, Resources: [] })
    }
  })

  test('without count, and with a count above it, filter.maxResults caps the page', async () => {
    expect((await page('')).itemsPerPage).toBe(5)
    expect((await page('count=1000')).itemsPerPage).toBe(5)
  })

  test('a startIndex past the end gives an empty page with the total', async () => {
    expect(await page('startIndex=100')).toMatchObject({ totalResults: TOTAL, itemsPerPage: 0, Resources: [] })
  })

  test('a non-integer startIndex answers 400 invalidValue', async () => {
    const answer = await call('GET', '/Users?startIndex=abc')
    expect(answer.status).toBe(400)
    expect(answer.body.scimType).toBe('invalidValue')
  })
})
