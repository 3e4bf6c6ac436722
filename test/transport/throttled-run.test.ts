import { it, expect, onTestFinished } from 'vitest'
import { brokenIds, runAgainst, startServer } from '../helpers.ts'
import type { Handle } from '../../src/server/index.ts'
import { verdict } from '../../src/report/model.ts'

// Issue 8, Done when: against a server that answers every fourth request with
// 429 and Retry-After: 1, the checks reach the same verdict as without
// throttling, and the report counts the 429s and the time waited.

const everyFourth429 = (inner: Handle): Handle => {
  let n = 0
  return async (request) => {
    if (++n % 4 === 0) return { status: 429, headers: { 'retry-after': '1', 'content-type': 'application/scim+json' }, body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429","detail":"slow down"}' }
    return inner(request)
  }
}

it.each(['users.*', 'groups.*'])('%s: same verdict and broken checks with every fourth request throttled', async (only) => {
  const plain = await startServer()
  const throttled = await startServer({ wrap: everyFourth429 })
  onTestFinished(() => Promise.all([plain.close(), throttled.close()]).then(() => undefined))
  const [without, withThrottling] = await Promise.all([runAgainst(plain, { only }), runAgainst(throttled, { only })])

  expect(withThrottling.checks.length).toBeGreaterThan(3)
  expect(withThrottling.checks.map((c) => `${c.id}:${c.status}`).sort()).toEqual(without.checks.map((c) => `${c.id}:${c.status}`).sort())
  expect(brokenIds(withThrottling)).toEqual(brokenIds(without))
  expect(verdict(withThrottling)).toBe(verdict(without))

  expect(without.throttling).toEqual({ responses429: 0, responses503: 0, waitedMs: 0, gaveUp: 0 })
  const requests = withThrottling.traffic.requests
  expect(withThrottling.throttling.responses429).toBeGreaterThan(requests / 4 - 5)
  expect(withThrottling.throttling.waitedMs).toBe(withThrottling.throttling.responses429 * 1000)
  expect(withThrottling.throttling.gaveUp).toBe(0)
  expect(withThrottling.cleanup.leftover).toEqual([])
}, 180_000)
