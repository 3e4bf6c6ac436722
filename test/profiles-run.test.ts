import { describe, it, expect } from 'vitest'
import { startServer, runAgainst } from './helpers.ts'
import { entraFaults } from './faults/entra.ts'

// A server that drops the enterprise extension is caught with the attributes each profile
// maps named in the failure, and the entra profile passes in the flag dialect too. That
// every built-in profile passes against the reference server, skipping exactly the steps
// it does not map, test/transport/paced-profiles.test.ts shows with the runs it paces.

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
