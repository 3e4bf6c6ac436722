import { it, expect } from 'vitest'
import { runAgainst, startServer } from './helpers.ts'

// --only can pick one step of an Entra scenario; the steps it starts from did not run, so it is
// skipped with that reason (it used to say "profile entra does not map active").

it('a scenario step selected without the steps it starts from is skipped, and says which', async () => {
  const server = await startServer()
  try {
    const report = await runAgainst(server, { only: 'entra.user-cycle.disable' })
    const step = report.checks.find((c) => c.id === 'entra.user-cycle.disable')
    expect(step?.status).toBe('skip')
    expect(step?.status === 'skip' ? step.reason : '').toBe("this step starts from the earlier steps of entra.user-cycle (match-absent, create, get-by-id, match-found, update-changed-only), which the selection left out: select 'entra.user-cycle.*'")
    const whole = await runAgainst(server, { only: 'entra.user-cycle.*' })
    expect(whole.checks.filter((c) => c.id.startsWith('entra.user-cycle.')).every((c) => c.status === 'pass')).toBe(true)
  } finally {
    await server.close()
  }
}, 300_000)
