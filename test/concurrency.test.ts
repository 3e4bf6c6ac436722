import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it, expect } from 'vitest'
import type { Handle } from '../src/server/index.ts'
import { startServer, runAgainst, brokenIds } from './helpers.ts'

// --concurrency is a hard limit on requests in flight: the server counts them.
// Every answer is delayed, so requests overlap whenever the client lets them.

function countingInFlight(delayMs: number): { wrap: (handle: Handle) => Handle; readonly max: () => number } {
  let inFlight = 0
  let max = 0
  return {
    wrap: (handle) => async (req) => {
      inFlight++
      max = Math.max(max, inFlight)
      try {
        await sleep(delayMs)
        return await handle(req)
      } finally {
        inFlight--
      }
    },
    max: () => max,
  }
}

const SUBSET = 'users.*,groups.*,filters.users.entra-eq,patch.*'

describe.each([1, 3, 8])('--concurrency %i', (concurrency) => {
  it('never has more requests in flight, and uses what it may', async () => {
    const counter = countingInFlight(20)
    const server = await startServer({ wrap: counter.wrap })
    try {
      const report = await runAgainst(server, { concurrency, only: SUBSET, runs: 10 })
      expect(brokenIds(report)).toEqual([])
      expect(report.traffic.requests).toBeGreaterThan(50)
      expect(counter.max()).toBeLessThanOrEqual(concurrency)
      // The limit is used, not just respected: independent checks overlap.
      expect(counter.max()).toBeGreaterThanOrEqual(Math.min(concurrency, 2))
      expect(report.cleanup.leftover).toEqual([])
    } finally {
      await server.close()
    }
  }, 240_000)
})
