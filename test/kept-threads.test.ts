import { describe, it, expect } from 'vitest'
import { startServer, runAgainst } from './helpers.ts'
import { threadsStarted } from '../src/run/kept-threads.ts'
import type { Report } from '../src/report/model.ts'

// A vitest thread outlives its run and serves the next one in the process (src/run/kept-threads.ts).
// Nothing of one run's target may reach the next: here the second target advertises bulk and
// the first and third do not, and each run must judge its own.

const bulkStatuses = (report: Report) => [...new Set(report.checks.filter((c) => c.id.startsWith('bulk.')).map((c) => c.status))].sort()

describe('kept vitest threads', () => {
  it('serve the next run without starting new threads, and each run sees only its own target', async () => {
    const plain = await startServer()
    const bulk = await startServer({ features: { bulk: true } })
    try {
      expect(bulkStatuses(await runAgainst(plain, { only: 'bulk.*' }))).toEqual(['skip'])
      const before = threadsStarted()
      expect(before).toBeGreaterThan(0)
      expect(bulkStatuses(await runAgainst(bulk, { only: 'bulk.*' }))).toEqual(['pass'])
      expect(bulkStatuses(await runAgainst(plain, { only: 'bulk.*' }))).toEqual(['skip'])
      expect(threadsStarted()).toBe(before)
    } finally {
      await Promise.all([plain.close(), bulk.close()])
    }
  })
})
