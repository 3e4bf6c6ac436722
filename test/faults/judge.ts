import { expect } from 'vitest'
import type { Fault } from './fault.ts'
import { startServer, runAgainst, brokenIds, unreadableMessages } from '../helpers.ts'

// The two judgements of the self-test, shared by npm test (every fault) and
// npm run test:quick (the faults a working change touches).

/** Every check passes against the reference server, and nothing the run created is left. */
export async function expectReferencePasses(): Promise<void> {
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
}

/** The fault breaks exactly its declared checks, each under a requirement it cites, with readable messages. */
export async function expectFaultBreaksExactly(fault: Fault): Promise<void> {
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
}
