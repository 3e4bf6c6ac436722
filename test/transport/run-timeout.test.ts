import { it, expect, onTestFinished } from 'vitest'
import { runAgainst, startServer } from '../helpers.ts'

// --run-timeout stops the whole run: pending checks are cancelled, the report
// says the run was interrupted and why, and what the run created is deleted.

it('--run-timeout cancels the run and still cleans up', async () => {
  const server = await startServer()
  onTestFinished(() => server.close())
  const started = Date.now()
  const report = await runAgainst(server, { runTimeoutMs: 12_000 })
  expect(Date.now() - started).toBeLessThan(60_000)
  expect(report.interrupted).toBe(true)
  expect(report.transport?.warnings).toContain('the run stopped at --run-timeout (12 s)')
  expect(report.cleanup.leftover).toEqual([])
  expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
}, 120_000)
