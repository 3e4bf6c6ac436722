import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { baseResource, invalidPatchArbitrary, materialise, oracleContext, validPatchArbitrary, type PatchCase, type PatchSpace } from '../src/arbitraries/patches.ts'
import { loadProfile, type Dialect, type ResourceKind } from '../src/profile.ts'
import { applyPatch } from '../src/scim/patch/apply.ts'
import type { ScimResource } from '../src/scim/types.ts'
import { validate } from '../src/validate.ts'

// The generator contract (after fast-check's ArbitraryAssertions): same seed, same
// values; every valid PatchOp matches schemas/patch-op.schema.json and the oracle
// accepts it; every invalid one gets its declared scimType from the oracle.

const bindings = { unique: 'scimconf-test-u', refs: ['r-0', 'r-1', 'r-2'] }
const spaces: [string, PatchSpace][] = (['entra', 'rfc'] as const).flatMap((name) => {
  const profile = loadProfile(name)
  const dialects: Dialect[] = name === 'entra' ? ['entra', 'entra-flag'] : ['rfc']
  return dialects.flatMap((dialect) => (['User', 'Group'] as ResourceKind[]).map((kind): [string, PatchSpace] =>
    [`${name} ${dialect} ${kind}`, { kind, dialect, attributes: kind === 'User' ? profile.user : profile.group }]))
})
const sample = (arbitrary: fc.Arbitrary<PatchCase>, seed: number): PatchCase[] => fc.sample(arbitrary, { seed, numRuns: 60 })

describe.each(spaces)('PatchOp generators: %s', (_, space) => {
  const base = materialise(baseResource(space), bindings) as ScimResource

  it('give the same requests for the same seed, and others for another seed', () => {
    expect(sample(validPatchArbitrary(space), 5)).toEqual(sample(validPatchArbitrary(space), 5))
    expect(sample(invalidPatchArbitrary(space), 5)).toEqual(sample(invalidPatchArbitrary(space), 5))
    expect(sample(validPatchArbitrary(space), 6)).not.toEqual(sample(validPatchArbitrary(space), 5))
  })

  it('generate valid requests that match the PatchOp schema and that the oracle accepts', () => {
    for (const patchCase of sample(validPatchArbitrary(space), 11)) {
      const request = materialise(patchCase.request, bindings)
      expect(validate('PatchOp', request)).toEqual([])
      expect(applyPatch(base, request, oracleContext(space.kind, space.dialect)).ok).toBe(true)
      const ops = request.Operations.map((o) => o.op)
      expect(ops.every((op) => (space.dialect === 'entra' ? /^[A-Z]/.test(op) : /^[a-z]+$/.test(op)))).toBe(true)
    }
  })

  it('generate invalid requests refused with their scimType; only a bad op or a missing remove path breaks the schema', () => {
    const seen = new Set<string>()
    for (const patchCase of sample(invalidPatchArbitrary(space), 12)) {
      if (patchCase.validity !== 'invalid') throw new Error('an invalid arbitrary produced a valid case')
      seen.add(patchCase.defect)
      const request = materialise(patchCase.request, bindings)
      const verdict = applyPatch(base, request, oracleContext(space.kind, space.dialect))
      expect(verdict.ok ? 'ok' : verdict.scimType).toBe(patchCase.scimType)
      const schemaBroken = validate('PatchOp', request).length > 0
      expect(schemaBroken).toBe(patchCase.defect === 'unknown op' || patchCase.defect === 'remove without path')
    }
    expect(seen).toEqual(new Set(['unknown op', 'path into a readOnly attribute', 'remove without path', 'malformed path']))
  })
})
