import { it, expect, onTestFinished } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { brokenIds, runAgainst, startServer } from '../helpers.ts'
import { verdict } from '../../src/report/model.ts'

// Issue 14: a server that takes 500 ms for every answer used to crash the run
// (vitest's 10 s hookTimeout on each file's cleanup). The run must end with the
// same verdict as against the fast server, and leave nothing behind.

it('a server answering every request in 500 ms gets a verdict, not a crash', async () => {
  const server = await startServer({ wrap: (handle) => async (req) => (await sleep(500), handle(req)) })
  onTestFinished(() => server.close())
  const report = await runAgainst(server)
  expect(report.interrupted).toBe(false)
  expect(brokenIds(report)).toEqual([])
  expect(verdict(report)).toBe('pass')
  expect(report.cleanup.leftover).toEqual([])
  expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
}, 900_000)
