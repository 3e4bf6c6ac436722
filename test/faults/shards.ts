import { describe, it } from 'vitest'
import { faults } from './index.ts'
import { expectFaultBreaksExactly } from './judge.ts'

// The fault matrix in FAULT_SHARDS test files (test/self-test/faults-<n>.test.ts), so that
// vitest spreads its 116 runs (27 full, the rest --only) over its workers instead of queueing them in one file.

export const FAULT_SHARDS = 4

/** Registers every FAULT_SHARDS-th fault, from the shard'th (1-based): each fault in exactly one shard. */
export function describeFaultShard(shard: number): void {
  describe.each(faults.filter((_, i) => i % FAULT_SHARDS === shard - 1))('against a server that $defect', (fault) => {
    it(`fails exactly: ${fault.breaks.join(', ')}`, () => expectFaultBreaksExactly(fault))
  })
}
