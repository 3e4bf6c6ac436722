import { describe, it, expect } from 'vitest'
import { builtInProfiles } from '../src/profile.ts'
import { startServer, runAgainst, brokenIds } from './helpers.ts'
import { entraFaults } from './faults/entra.ts'

// Every built-in profile passes its round trips and Entra's scenarios against the
// reference server; the ids of the skipped steps are exactly the ones the profile
// does not map. A server that drops the enterprise extension is caught with the
// attributes each profile maps named in the failure.

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

describe.each(builtInProfiles)('profile %s against the reference server', (profile) => {
  it('passes every round trip and scenario step', async () => {
    const server = await startServer()
    try {
      const before = server.snapshot()
      const report = await runAgainst(server, { profile })
      const mine = report.checks.filter((c) => /^(profile|entra\.(test-connection|user-cycle|group-cycle|gallery))\./.test(c.id))
      expect(mine.length).toBeGreaterThanOrEqual(30)
      expect(brokenIds({ ...report, checks: mine })).toEqual([])
      expect(mine.filter((c) => c.status === 'skip').map((c) => c.id).sort()).toEqual(expectedSkips[profile])
      expect(report.profile).toBe(profile)
      // Entra's Zendesk connector calls Zendesk's REST API: every report says what the verdict is on.
      expect(report.caveat !== undefined, 'a caveat exactly for the non-SCIM connector').toBe(profile === 'zendesk')
      expect(report.cleanup.leftover).toEqual([])
      expect(server.snapshot()).toEqual(before)
    } finally {
      await server.close()
    }
  })
})

const enterpriseFault = (profile: string) => entraFaults.find((f) => f.id === `drops-enterprise-extension-${profile}`)

describe.each([
  ['zip', ['department', 'employeeNumber', 'manager']],
  ['zscaler', ['department']],
])('a server that drops the enterprise extension, profile %s', (profile, attributes) => {
  it(`fails the round trips naming ${attributes.join(', ')}`, async () => {
    const fault = enterpriseFault(profile)
    if (!fault) throw new Error(`no enterprise fault for ${profile}`)
    const server = await startServer({ wrap: fault.wrap })
    try {
      const report = await runAgainst(server, { profile, only: 'profile.*' })
      const messages = report.checks.flatMap((c) => (c.status === 'fail' ? [c.message] : [])).join('\n')
      for (const name of attributes) expect(messages).toContain(`enterprise:2.0:User:${name}`)
      const patched = report.checks.find((c) => c.id === 'profile.user.patch-read-back')
      expect(patched?.status).toBe('fail')
      if (patched?.status === 'fail') expect(patched.evidence.consequence).toMatch(/sends the PATCH again/)
    } finally {
      await server.close()
    }
  })
})

describe('the entra profile in the entra-flag dialect (?aadOptscim062020)', () => {
  it('passes every check against the reference server, so every gate', async () => {
    const server = await startServer()
    try {
      const report = await runAgainst(server, { profile: 'entra', dialect: 'entra-flag' })
      expect(report.dialect).toBe('entra-flag')
      const broken = report.checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'blocked')
      expect(broken.map((c) => `${c.id}: ${'message' in c ? c.message : c.status}`)).toEqual([])
      expect(report.cleanup.leftover).toEqual([])
    } finally {
      await server.close()
    }
  }, 300_000)
})
