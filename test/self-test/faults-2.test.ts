import { describeFaultShard } from '../faults/shards.ts'

// Shard 2 of the fault matrix: test/faults/shards.ts.
describeFaultShard(2)
