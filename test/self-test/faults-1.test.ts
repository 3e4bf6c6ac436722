import { describeFaultShard } from '../faults/shards.ts'

// Shard 1 of the fault matrix: test/faults/shards.ts.
describeFaultShard(1)
