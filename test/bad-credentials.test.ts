import { describe, it, expect } from 'vitest'
import { phasePattern } from '../src/run/bad-credentials.ts'
import { globToPattern } from '../src/run/selection.ts'

// The two phases of a run split the selected checks: every one in exactly one phase,
// the bad-credential probes in the last.

const ids = ['users.create.status-201', 'auth.no-token.401', 'auth.wrong-token.401', 'security.no-token.reads', 'security.other-scheme.writes', 'security.password.never-returned', 'discovery.schemas']
const inPhase = (only: string | undefined, phase: 'without' | 'only') => ids.filter((id) => new RegExp(phasePattern(only === undefined ? undefined : globToPattern(only), phase)).test(id))

describe('phasePattern', () => {
  it('puts the bad-credential checks last and everything else first', () => {
    expect(inPhase(undefined, 'only')).toEqual(['auth.no-token.401', 'auth.wrong-token.401', 'security.no-token.reads', 'security.other-scheme.writes'])
    expect(inPhase(undefined, 'without')).toEqual(['users.create.status-201', 'security.password.never-returned', 'discovery.schemas'])
  })

  it('keeps to an --only selection in both phases', () => {
    expect(inPhase('security.*', 'without')).toEqual(['security.password.never-returned'])
    expect(inPhase('security.*', 'only')).toEqual(['security.no-token.reads', 'security.other-scheme.writes'])
    expect(inPhase('users.*,auth.no-token.*', 'without')).toEqual(['users.create.status-201'])
    expect(inPhase('users.*,auth.no-token.*', 'only')).toEqual(['auth.no-token.401'])
  })
})
