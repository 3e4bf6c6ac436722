import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { datasetBodies, DATASET_USERS } from '../src/arbitraries/users.ts'
import { entraFilter, filterTargets, isScoped, malformedFilter, rfcFilter, scopeFilter } from '../src/arbitraries/filters.ts'
import { expectedIds, lookupFor, type Dataset } from '../src/kit/dataset.ts'
import { loadProfile } from '../src/profile.ts'
import { parseFilter } from '../src/scim/filter/parse.ts'
import { formatEntraFilter, formatFilter } from '../src/scim/filter/format.ts'
import type { Filter } from '../src/scim/filter/ast.ts'
import type { ScimResource } from '../src/scim/types.ts'

// The generator contract (fast-check's own discipline): the same seed gives the same
// values; every generated filter is in the grammar and reads back as the same AST;
// every malformed one is outside it; the dataset gives filters something to find.

const MARKER = 'scimconf-0badcafe-ds.'
const SEED = 1234

/** The bodies as a server would store them: ids added, nothing else changed. */
function offlineDataset(profileName: string, seed = SEED): Dataset {
  const bodies = datasetBodies(seed, MARKER, loadProfile(profileName))
  const users = bodies.users.map((u, i) => ({ ...u, id: `u${i}` }) as unknown as ScimResource)
  const groups = bodies.groups.map((g, i) => ({ ...g.body, id: `g${i}`, members: g.memberIndexes.map((m) => ({ value: `u${m}` })) }) as unknown as ScimResource)
  return { marker: MARKER, users, groups }
}

function arbitrariesFor(profileName: string) {
  const profile = loadProfile(profileName)
  const dataset = offlineDataset(profileName)
  const grammar = profile.dialect === 'rfc' ? 'rfc' : 'entra'
  const users = filterTargets(profile.user, dataset.users, lookupFor('User'), grammar)
  const groups = filterTargets(profile.group, dataset.groups, lookupFor('Group'), grammar)
  return {
    dataset,
    'users entra': entraFilter(users, MARKER),
    'users rfc': rfcFilter(users, MARKER, scopeFilter('userName', MARKER)),
    'groups entra': entraFilter(groups, MARKER),
    'groups rfc': rfcFilter(groups, MARKER, scopeFilter('displayName', MARKER)),
  }
}

const kinds = ['users entra', 'users rfc', 'groups entra', 'groups rfc'] as const

describe('the seeded dataset', () => {
  it('is the same for the same seed and differs for another', () => {
    const profile = loadProfile('rfc')
    expect(datasetBodies(7, MARKER, profile)).toEqual(datasetBodies(7, MARKER, profile))
    expect(datasetBodies(8, MARKER, profile)).not.toEqual(datasetBodies(7, MARKER, profile))
  })

  it('covers case, absent values, multi-valued types, the extension and both active values', () => {
    const { users } = offlineDataset('rfc')
    expect(users).toHaveLength(DATASET_USERS)
    expect(new Set(users.map((u) => u.active))).toEqual(new Set([true, false]))
    expect(users.some((u) => u.externalId === undefined)).toBe(true)
    expect(users.some((u) => /[A-Z]/.test(String(u.userName).slice(MARKER.length)))).toBe(true)
    expect(users.some((u) => Array.isArray(u.emails) && u.emails.length > 1)).toBe(true)
    expect(users.some((u) => u['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] !== undefined)).toBe(true)
    expect(users.every((u) => String(u.userName).startsWith(MARKER))).toBe(true)
  })

  it('keeps only what the profile maps', () => {
    const profile = loadProfile('zapier')
    const mapped = new Set(profile.user.map((m) => m.path.split(/[.[]/)[0]!.toLowerCase()))
    for (const user of offlineDataset('zapier').users) {
      const extra = Object.keys(user).filter((k) => !['id', 'schemas'].includes(k) && !mapped.has(k.toLowerCase()))
      expect(extra).toEqual([])
    }
    expect(offlineDataset('zapier').users.some((u) => 'addresses' in u)).toBe(false)
  })
})

describe.each(['entra', 'rfc'])('filters over the %s profile', (profileName) => {
  const arbitraries = arbitrariesFor(profileName)

  it.each(kinds)('%s: the same seed gives the same filters', (kind) => {
    const sample = () => fc.sample(arbitraries[kind], { seed: SEED, numRuns: 100 }).map(formatFilter)
    expect(sample()).toEqual(sample())
    expect(fc.sample(arbitraries[kind], { seed: SEED + 1, numRuns: 100 }).map(formatFilter)).not.toEqual(sample())
  })

  it.each(kinds)('%s: every filter parses and parse(format(ast)) equals ast', (kind) => {
    fc.assert(fc.property(arbitraries[kind], (ast) => {
      expect(parseFilter(formatFilter(ast))).toEqual(ast)
    }), { seed: SEED, numRuns: 300 })
  })

  it.each(kinds)('%s: filters select some of the dataset, and not always all of it', (kind) => {
    const resourceKind = kind.startsWith('users') ? 'User' : 'Group'
    const size = resourceKind === 'User' ? arbitraries.dataset.users.length : arbitraries.dataset.groups.length
    const counts = fc.sample(arbitraries[kind], { seed: SEED, numRuns: 300 }).map((f: Filter) => expectedIds(arbitraries.dataset, resourceKind, f).size)
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(counts.length / 3)
    expect(counts.some((n) => n < size)).toBe(true)
    expect(counts.some((n) => n === 0)).toBe(true)
  })

  it('Entra filters use only eq and "and", and are confined to the dataset when they name an identifying value', () => {
    for (const filter of fc.sample(arbitraries['users entra'], { seed: SEED, numRuns: 300 })) {
      expect(formatFilter(filter)).not.toMatch(/ (ne|co|sw|ew|gt|ge|lt|le|pr|or) |not \(/)
    }
    expect(isScoped(parseFilter(`userName eq "${MARKER.toUpperCase()}x"`), MARKER)).toBe(true)
    expect(isScoped(parseFilter(`userName eq "x" or userName sw "${MARKER}"`), MARKER)).toBe(false)
  })

  it('RFC filters are always AND-ed with the dataset scope', () => {
    for (const filter of fc.sample(arbitraries['users rfc'], { seed: SEED, numRuns: 100 })) {
      expect(formatFilter(filter).startsWith(`userName sw "${MARKER}" and `)).toBe(true)
      expect(isScoped(filter, MARKER)).toBe(true)
    }
  })

  it('RFC filters compare an absent attribute only under eq, co, sw or ew (ne and ordering go behind pr)', () => {
    const compares = (f: Filter, guarded = false): { op: string; guarded: boolean }[] => {
      switch (f.kind) {
        case 'compare': return [{ op: f.op, guarded }]
        case 'and': return [...compares(f.left, f.left.kind === 'present' || guarded), ...compares(f.right, f.left.kind === 'present' || guarded)]
        case 'or': return [...compares(f.left), ...compares(f.right)]
        case 'not': return compares(f.filter)
        case 'valuePath': return compares(f.filter, true)
        case 'present': return []
      }
    }
    for (const kind of ['users rfc', 'groups rfc'] as const) {
      for (const filter of fc.sample(arbitraries[kind], { seed: SEED, numRuns: 300 })) {
        for (const { op, guarded } of compares(filter)) if (!['eq', 'co', 'sw', 'ew'].includes(op)) expect(guarded, formatFilter(filter)).toBe(true)
      }
    }
  })

  it('malformed filters are all outside the grammar, and every malformation occurs', () => {
    const samples = fc.sample(malformedFilter(arbitraries['users entra'], 'rfc'), { seed: SEED, numRuns: 300 })
    for (const { text } of samples) expect(() => parseFilter(text), text).toThrow()
    expect(new Set(samples.map((s) => s.malformation)).size).toBe(7)
  })

  it("under Entra's dialects an unquoted value is not sent as malformed (Entra tolerates it)", () => {
    for (const dialect of ['entra', 'entra-flag'] as const) {
      const samples = fc.sample(malformedFilter(arbitraries['users entra'], dialect), { seed: SEED, numRuns: 300 })
      expect(samples.map((s) => s.malformation)).not.toContain('unquoted-string')
      expect(new Set(samples.map((s) => s.malformation)).size).toBe(6)
    }
  })
})

describe('the rfc profile', () => {
  it('compares a complex attribute through a sub-attribute (RFC 7644 3.4.2.2), never as `members eq "<id>"`', () => {
    const arbitraries = arbitrariesFor('rfc')
    const texts = fc.sample(arbitraries['groups entra'], { seed: SEED, numRuns: 200 }).map(formatFilter)
    expect(texts.some((t) => /members\.value eq /.test(t))).toBe(true)
    expect(texts.filter((t) => /members eq /.test(t))).toEqual([])
  })
})

describe("Entra's wire form of generated filters", () => {
  it('prints typed sub-attribute filters as Entra does, and they parse back to the same AST', () => {
    const ast = parseFilter('emails[type eq "work" and value eq "a@example.com"] and userName eq "x"')
    expect(formatEntraFilter(ast)).toBe('emails[type eq "work"].value eq "a@example.com" and userName eq "x"')
    expect(parseFilter(formatEntraFilter(ast))).toEqual(ast)
  })
})
