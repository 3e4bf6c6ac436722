import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, it, expect } from 'vitest'
import { FAULT_SHARDS } from './faults/shards.ts'
import { expectReferencePasses } from './faults/judge.ts'
import { startServer, runAgainst, unreadableMessages } from './helpers.ts'
import { rootCauses } from '../src/report/root-causes.ts'

// Each check must fail against a server with its defect, and only the checks
// a defect really touches may fail: false alarms cost a vendor days. The faults
// run in test/self-test/faults-<n>.test.ts (test/faults/shards.ts).

describe('against the reference server', () => {
  it('every check passes and nothing the run created is left', expectReferencePasses)
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

describe('the fault matrix', () => {
  it('has a file for each of its shards, so that no fault is left out', () => {
    const files = readdirSync(path.join(import.meta.dirname, 'self-test')).filter((f) => /^faults-\d+\.test\.ts$/.test(f))
    expect(files.sort()).toEqual(Array.from({ length: FAULT_SHARDS }, (_, i) => `faults-${i + 1}.test.ts`).sort())
  })
})
