import { describe, expect, it } from 'vitest'
import { exitCode } from '../src/report/model.ts'
import { brokenIds, runAgainst, startServer } from './helpers.ts'

// Claims drive the optional-feature checks: against the reference server with every
// optional feature on, each of them passes; with the features off in
// /ServiceProviderConfig, the feature checks are skipped as "not advertised" and the
// run still exits 0. The claims.* and put.* checks run either way.

const OPTIONAL = 'etag.*,sort.*,search.*,put.*,password.*,bulk.*,claims.*'
const FEATURE_OF_PREFIX: Record<string, string> = { etag: 'etag', sort: 'sort', bulk: 'bulk', password: 'changePassword' }

describe('optional features against the reference server', () => {
  it('every check of every claimed feature passes, and nothing is left behind', async () => {
    // filterMaxResults 4: small enough that exceeding it is observable (claims.filter.max-results creates the users it needs).
    const server = await startServer({ features: { etag: true, sort: true, bulk: true, changePassword: true, patch: true, filterMaxResults: 4 } })
    try {
      const before = server.snapshot()
      const report = await runAgainst(server, { only: OPTIONAL })
      const ids = report.checks.map((c) => c.id)
      for (const prefix of ['etag.', 'sort.', 'search.', 'put.', 'password.', 'bulk.', 'claims.']) {
        expect(ids.filter((id) => id.startsWith(prefix)).length, prefix).toBeGreaterThanOrEqual(2)
      }
      expect(report.checks.filter((c) => c.status !== 'pass').map((c) => ({ id: c.id, status: c.status, ...('message' in c ? { message: c.message } : {}), ...('reason' in c ? { reason: c.reason } : {}) }))).toEqual([])
      expect(report.cleanup.leftover).toEqual([])
      expect(server.snapshot()).toEqual(before)
    } finally {
      await server.close()
    }
  })

  it('with the features off in ServiceProviderConfig, their checks are skipped "not advertised" and the exit code is 0', async () => {
    const server = await startServer({ features: { etag: false, sort: false, bulk: false, changePassword: false, patch: false } })
    try {
      const report = await runAgainst(server, { only: OPTIONAL })
      expect(brokenIds(report)).toEqual([])
      expect(exitCode(report)).toBe(0)
      const gated = report.checks.filter((c) => FEATURE_OF_PREFIX[c.id.split('.')[0] as string] !== undefined)
      expect(gated.length).toBeGreaterThanOrEqual(12)
      for (const c of gated) {
        const feature = FEATURE_OF_PREFIX[c.id.split('.')[0] as string]
        expect({ id: c.id, status: c.status, reason: 'reason' in c ? c.reason : undefined }).toEqual({ id: c.id, status: 'skip', reason: `not advertised: ${feature}` })
      }
      // Refusal of the unclaimed features is checked, not skipped.
      for (const id of ['claims.bulk.matches-claim', 'claims.patch.matches-claim']) {
        expect(report.checks.find((c) => c.id === id)?.status, id).toBe('pass')
      }
      expect(report.cleanup.leftover).toEqual([])
    } finally {
      await server.close()
    }
  })
})
