import { describe, it, expect } from 'vitest'
import { variants } from './index.ts'
import type { VariantProfile } from './variant.ts'
import { startServer, runAgainst, brokenIds } from '../helpers.ts'
import { exitCode } from '../../src/report/model.ts'

// Each variant differs from the reference server in one lawful way: the run must
// not fail it, or must fail exactly the check its profile names (Entra asks more
// than the RFC). A check failing here is a false alarm a vendor would chase.
// One test file per profile (test/lawful-variants/), so vitest runs them side by side.

export function describeZoo(profile: VariantProfile): void {
  for (const variant of variants) describe(`${variant.id}: a server that ${variant.difference}`, () => {
    // A full run takes 10-15 s alone; a loaded CI machine can take several times that.
    it(`with the ${profile} profile breaks only what it declares`, { timeout: 300_000 }, async () => {
      const server = await startServer({ ...(variant.wrap ? { wrap: variant.wrap } : {}), ...(variant.features ? { features: variant.features } : {}) })
      try {
        // --timeout 30 s: the zoo judges what a lawful server answers, not how fast; on a loaded machine a 10 s
        // bound failed a malformed-filter request that the same server answers at once when idle.
        const report = await runAgainst(server, { profile, timeoutMs: 30_000 })
        const declared = [...(variant.breaks?.[profile] ?? [])].sort()
        const broken = report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')
        expect(brokenIds(report), broken.map((c) => `${c.id}: ${'message' in c ? c.message : ''}`).join('\n')).toEqual(declared)
        if (declared.length === 0) expect(exitCode(report)).toBe(0)
        expect(report.cleanup.leftover).toEqual([])
      } finally {
        await server.close()
      }
    })
  })
}
