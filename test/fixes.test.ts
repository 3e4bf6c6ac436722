import { describe, it, expect } from 'vitest'
import { listChecks } from '../src/run/check-list.ts'
import { builtInProfiles } from '../src/profile.ts'
import { fixes } from '../src/catalogue/fixes.ts'
import { requirements } from '../src/catalogue/index.ts'

// Every check a run can register, under every built-in profile, has fix guidance
// and cites only requirements that exist in the catalogue.

describe('fix guidance and requirement ids', () => {
  it('every check of every built-in profile has a non-empty fix and known requirement ids', async () => {
    const missing: string[] = []
    const unknownRequirements: string[] = []
    for (const profile of builtInProfiles) {
      for (const check of await listChecks(profile)) {
        if (!fixes[check.id]?.trim()) missing.push(`${profile}: ${check.id}`)
        for (const id of check.verifies) if (!(id in requirements)) unknownRequirements.push(`${check.id} → ${id}`)
        expect(check.verifies.length, check.id).toBeGreaterThan(0)
      }
    }
    expect(missing).toEqual([])
    expect(unknownRequirements).toEqual([])
  }, 600_000)

  it('no fix is empty or a placeholder', () => {
    for (const [id, text] of Object.entries(fixes)) {
      expect(text.length, id).toBeGreaterThan(30)
      expect(text, id).not.toMatch(/TODO|TBD|lorem/i)
    }
  })
})
