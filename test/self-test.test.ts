import { describe, it, expect } from 'vitest'
import { faults } from './faults/index.ts'
import { startServer, runAgainst, brokenIds, unreadableMessages } from './helpers.ts'
import { rootCauses } from '../src/report/root-causes.ts'

// Each check must fail against a server with its defect, and only the checks
// a defect really touches may fail: false alarms cost a vendor days.

describe('against the reference server', () => {
  it('every check passes and nothing the run created is left', async () => {
    const server = await startServer()
    try {
      const before = server.snapshot()
      const report = await runAgainst(server)
      expect(brokenIds(report)).toEqual([])
      expect(report.checks.filter((c) => c.status === 'blocked').map((c) => c.id)).toEqual([])
      // Only what the default server does not claim (bulk), cannot show (filter.maxResults 200),
      // or what a bearer-token run does not use (the OAuth token endpoint) may be skipped.
      const skipped = report.checks.flatMap((c) => (c.status === 'skip' ? [{ id: c.id, reason: c.reason }] : []))
      expect(skipped.filter((s) => !/^not (advertised|observable|applicable): /.test(s.reason))).toEqual([])
      expect(report.cleanup.leftover).toEqual([])
      expect(server.snapshot()).toEqual(before)
    } finally {
      await server.close()
    }
  })
})

// A wrong base URL now stops before any check (the pre-run SCIM check, exit 3); a server whose
// every write answers 404 is the same failure seen from inside a run.
describe('against a server that answers every write with 404', () => {
  it('blocks what needs a resource and groups the failures under a handful of causes', async () => {
    const server = await startServer({
      wrap: (handle) => (req) => req.method === 'GET'
        ? handle(req)
        : Promise.resolve({ status: 404, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'Not found' }) }),
    })
    try {
      const report = await runAgainst(server)
      const failed = report.checks.filter((c) => c.status === 'fail').length
      const blocked = report.checks.filter((c) => c.status === 'blocked').length
      expect(blocked).toBeGreaterThan(failed)
      const causes = rootCauses(report.checks)
      expect(causes.length).toBeLessThanOrEqual(10)
      expect(causes[0]?.heading).toMatch(/^POST \/.*\/(Users|Groups) answered 404/)
      expect(unreadableMessages(report)).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe.each(faults)('against a server that $defect', (fault) => {
  it(`fails exactly: ${fault.breaks.join(', ')}`, async () => {
    const server = await startServer({ wrap: fault.wrap, ...(fault.features ? { features: fault.features } : {}) })
    try {
      const report = await runAgainst(server, { ...(fault.only ? { only: fault.only } : {}), ...(fault.profile ? { profile: fault.profile } : {}) })
      expect(brokenIds(report)).toEqual([...fault.breaks].sort())
      for (const c of report.checks) {
        if ((c.status === 'fail' || c.status === 'warn') && c.requirement) expect(c.verifies, `${c.id} breaks a requirement it cites`).toContain(c.requirement)
      }
      if (fault.warns) {
        expect(report.checks.filter((c) => c.status === 'warn').map((c) => c.id).filter((id) => fault.breaks.includes(id)).sort()).toEqual([...fault.warns].sort())
      }
      if (fault.blocks) {
        const blocked = report.checks.flatMap((c) => (c.status === 'blocked' ? [c] : []))
        expect(blocked.map((c) => c.id).sort()).toEqual([...fault.blocks].sort())
        const named = new Set([...fault.breaks, ...fault.blocks])
        for (const c of blocked) expect(c.cause.check, `${c.id} is blocked under a check this defect breaks or blocks`).toSatisfy((id: string | undefined) => id !== undefined && named.has(id))
      }
      if (fault.pointer) {
        const named = report.checks.find((c) => c.id === fault.pointer!.check)
        expect(named?.status === 'fail' && named.evidence.pointer, `${fault.pointer.check} names the JSON pointer`).toMatch(fault.pointer.matches)
        expect(named?.verifies.length, `${fault.pointer.check} names its requirement ids`).toBeGreaterThan(0)
      }
      if (fault.message) {
        const named = report.checks.find((c) => c.id === fault.message!.check)
        expect(named?.status === 'fail' || named?.status === 'warn' ? named.message : undefined, `${fault.message.check} quotes what came back`).toMatch(fault.message.matches)
      }
      expect(unreadableMessages(report), 'failure messages a vendor can read').toEqual([])
    } finally {
      await server.close()
    }
  })
})
