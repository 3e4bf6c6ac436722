import { readdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { listChecks, type ListedCheck } from '../src/run/check-list.ts'
import { builtInProfiles } from '../src/profile.ts'
import { suitesDir } from '../src/paths.ts'
import { globToPattern } from '../src/run/selection.ts'
import { areas, areasMatching, areasOfId } from '../src/run/suite-index.ts'
import { lastTurnArea, sendsBadCredentials } from '../src/run/bad-credentials.ts'

// The index an --only run loads suite files by must match what the suites register:
// every check id, under every built-in profile, leads to exactly the file that holds it,
// and a selection never leaves out a file holding a check it matches.

let checks: ListedCheck[] = []

beforeAll(async () => {
  for (const profile of builtInProfiles) checks.push(...(await listChecks(profile)))
  checks = [...new Map(checks.map((c) => [`${c.area} ${c.id}`, c])).values()]
}, 600_000)

describe('the suite index', () => {
  it('names every suite file, and no other', () => {
    const files = readdirSync(suitesDir).filter((f) => /\.suite\.[jt]s$/.test(f)).map((f) => f.replace(/\.suite\.[jt]s$/, ''))
    expect([...areas].sort()).toEqual(files.sort())
  })

  it('leads every check id to the one file that registers it', () => {
    expect(checks.length).toBeGreaterThan(100)
    const misplaced = checks.filter((c) => JSON.stringify(areasOfId(c.id)) !== JSON.stringify([c.area])).map((c) => `${c.id} (in ${c.area}.suite, index: ${areasOfId(c.id).join(', ') || 'none'})`)
    expect(misplaced).toEqual([])
  })

  it('keeps every check that sends bad credentials in the last-turn file, and nothing else there', () => {
    // The last-turn file waits for every other file to end: a check there that needs none of that
    // would only wait, and a bad-credential check elsewhere could trip lockout before the others ran.
    expect(checks.filter((c) => sendsBadCredentials(c.id) !== (c.area === lastTurnArea)).map((c) => `${c.id} (in ${c.area}.suite)`)).toEqual([])
  })
})

describe('areasMatching', () => {
  it('selects the files of an area, a scenario, an exact id, and nothing for a typo', () => {
    expect(areasMatching('users.create.*')).toEqual(['users'])
    expect(areasMatching('entra.user-cycle.disable')).toEqual(['entra-users'])
    expect(areasMatching(' users.* , groups.delete.*')).toEqual(['groups', 'users'])
    expect(areasMatching('entra.*')).toEqual(['entra-connection', 'entra-gallery', 'entra-groups', 'entra-headers', 'entra-patch', 'entra-users'])
    expect(areasMatching('auth.*,security.query-token.*')).toEqual(['auth'])
    expect(areasMatching('security.*')).toEqual(['auth', 'security'])
    expect(areasMatching('*')).toEqual(areas)
    expect(areasMatching('*.create.*')).toEqual(areas)
    expect(areasMatching('user.*')).toEqual([])
    expect(areasMatching('users')).toEqual([])
    expect(areasMatching('throughput.throttling')).toEqual([])
    expect(areasMatching('schema.*')).toEqual([])
  })

  it('never leaves out a file holding a check the globs match', () => {
    // Globs cut from real ids: parts replaced by *, a character changed, several joined by commas.
    const glob = fc.tuple(fc.constantFrom(...checks.map((c) => c.id)), fc.nat(), fc.nat(), fc.boolean()).map(([id, a, b, star]) => {
      const [from, to] = [a % (id.length + 1), b % (id.length + 1)].sort((x, y) => x - y) as [number, number]
      return id.slice(0, from) + (star ? '*' : id.slice(from, to).toUpperCase()) + id.slice(to)
    })
    fc.assert(fc.property(fc.array(glob, { minLength: 1, maxLength: 3 }), (globs) => {
      const only = globs.join(',')
      const pattern = new RegExp(globToPattern(only))
      const needed = new Set(checks.filter((c) => pattern.test(c.id)).map((c) => c.area))
      const loaded = new Set<string>(areasMatching(only))
      expect([...needed].filter((area) => !loaded.has(area))).toEqual([])
    }), { numRuns: 2000, seed: 17 })
  })
})
