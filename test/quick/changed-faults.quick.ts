import { describe, it } from 'vitest'
import { expectFaultBreaksExactly, expectReferencePasses } from '../faults/judge.ts'
import { repoRoot } from '../helpers.ts'
import { changedFiles, faultsTouchedBy } from './changed.ts'

// npm run test:quick only (vitest.quick.config.ts): the reference run and the faults the
// working change touches. npm test runs every fault (test/self-test/).

const touched = faultsTouchedBy(changedFiles(repoRoot))

describe('the working change', () => {
  it('against the reference server: every check passes and nothing is left', expectReferencePasses)
  // Side by side: a fault run waits on its server as much as it computes.
  for (const fault of touched) {
    it.concurrent(`a server that ${fault.defect} fails exactly: ${fault.breaks.join(', ')}`, { timeout: 300_000 }, () => expectFaultBreaksExactly(fault))
  }
})
