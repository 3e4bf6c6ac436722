import { describeFaultShard } from '../faults/shards.ts'

// Shard 3 of the fault matrix: test/faults/shards.ts.
describeFaultShard(3)
