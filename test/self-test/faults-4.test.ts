import { describeFaultShard } from '../faults/shards.ts'

// Shard 4 of the fault matrix: test/faults/shards.ts.
describeFaultShard(4)
