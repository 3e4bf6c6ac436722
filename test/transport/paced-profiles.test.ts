import { it, expect } from 'vitest'
import { runAgainst, startServer } from '../helpers.ts'
import { builtInProfiles } from '../../src/profile.ts'
import { outcome } from '../../src/report/model.ts'

// Issue 14, Done when: "--rate 5 with every profile: no check fails because of the pacing".
// Each profile runs the full suite at 5 requests/s against its own reference server, all
// seven side by side: a paced run mostly waits, so together they take about as long as one.
// The reference server passes every check, so any failure here is the pacing's.

it(`--rate 5 fails nothing with ${builtInProfiles.join(', ')}`, { timeout: 1_800_000 }, async () => {
  const verdicts = await Promise.all(builtInProfiles.map(async (profile) => {
    const server = await startServer()
    try {
      // --concurrency 2: pacing, not parallelism, is under test, and seven runs share two cores.
      const report = await runAgainst(server, { profile, rate: 5, concurrency: 2, timeoutMs: 30_000 })
      return {
        profile,
        failing: report.checks.flatMap((c) => (c.status === 'fail' || c.status === 'warn' || c.status === 'blocked' ? [`${c.id} (${c.status})`] : [])),
        interrupted: report.interrupted,
        exitCode: outcome(report).exitCode,
        leftover: report.cleanup.leftover,
      }
    } finally {
      await server.close()
    }
  }))
  expect(verdicts).toEqual(builtInProfiles.map((profile) => ({ profile, failing: [], interrupted: false, exitCode: 0, leftover: [] })))
})
