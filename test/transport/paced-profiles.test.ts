import { it, expect } from 'vitest'
import { runAgainst, startServer } from '../helpers.ts'
import { builtInProfiles } from '../../src/profile.ts'
import { outcome } from '../../src/report/model.ts'

// Issue 14, Done when: "--rate 5 with every profile: no check fails because of the pacing".
// Each profile runs the full suite at 5 requests/s against its own reference server, all
// seven side by side: a paced run mostly waits, so together they take about as long as one.
// The reference server passes every check, so any failure here is the pacing's.
// The same runs show that every built-in profile passes its round trips and Entra's
// scenarios, and that the ids of the skipped steps are exactly the ones the profile does
// not map (test/profiles-run.test.ts has the profiles' failing cases).

const expectedSkips: Record<string, string[]> = {
  entra: [],
  // The rfc profile is judged on what /Schemas lists; nothing to try beyond it.
  rfc: ['profile.attributes-advertised'],
  zip: [],
  zapier: ['entra.user-cycle.manager'],
  zscaler: ['entra.user-cycle.manager'],
  zero: ['entra.user-cycle.manager'],
  zendesk: ['entra.user-cycle.disable', 'entra.user-cycle.manager', 'entra.user-cycle.re-enable'],
}

it(`--rate 5 fails nothing with ${builtInProfiles.join(', ')}, and each skips exactly the steps it does not map`, { timeout: 1_800_000 }, async () => {
  const verdicts = await Promise.all(builtInProfiles.map(async (profile) => {
    const server = await startServer()
    try {
      const before = server.snapshot()
      // --concurrency 2: pacing, not parallelism, is under test, and seven runs share two cores.
      const report = await runAgainst(server, { profile, rate: 5, concurrency: 2, timeoutMs: 30_000 })
      const mine = report.checks.filter((c) => /^(profile|entra\.(test-connection|user-cycle|group-cycle|gallery))\./.test(c.id))
      return {
        profile,
        failing: report.checks.flatMap((c) => (c.status === 'fail' || c.status === 'warn' || c.status === 'blocked' ? [`${c.id} (${c.status})`] : [])),
        interrupted: report.interrupted,
        exitCode: outcome(report).exitCode,
        leftover: report.cleanup.leftover,
        roundTripsAndSteps: mine.length >= 30,
        skippedSteps: mine.filter((c) => c.status === 'skip').map((c) => c.id).sort(),
        reportProfile: report.profile,
        // Entra's Zendesk connector calls Zendesk's REST API: every report says what the verdict is on.
        caveat: report.caveat !== undefined,
        serverUnchanged: JSON.stringify(server.snapshot()) === JSON.stringify(before),
      }
    } finally {
      await server.close()
    }
  }))
  expect(verdicts).toEqual(builtInProfiles.map((profile) => ({
    profile, failing: [], interrupted: false, exitCode: 0, leftover: [],
    roundTripsAndSteps: true, skippedSteps: expectedSkips[profile], reportProfile: profile, caveat: profile === 'zendesk', serverUnchanged: true,
  })))
})
